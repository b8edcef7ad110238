import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { chatApi } from '@/api'
import type { Profile } from '@/api/conversationTypes'
import { maxProfileIds } from '@/api/restConversations'

/** A cached profile is asked for again after this long (its online state may have changed). */
export const profileTtlMs = 60_000

/**
 * Other people's display names, avatars and presence, fetched in batches (`GET /users?ids=`, up to 100 ids per
 * request) and cached: every component asks with `want` while it renders, and the ids asked for in one tick go
 * out together, each at most once while it is fresh.
 */
export const useProfilesStore = defineStore('profiles', () => {
  const profiles = reactive<Record<string, Profile>>({})
  const fetchedAt = new Map<string, number>()
  const queued = new Set<string>()
  const inFlight = new Set<string>()
  let flushing: Promise<void> | null = null

  function stale(id: string, maxAgeMs: number): boolean {
    const at = fetchedAt.get(id)
    return at === undefined || Date.now() - at > maxAgeMs
  }

  /** Asks for these profiles unless they are cached and younger than `maxAgeMs`. Settles when fetched. */
  function want(ids: Iterable<string>, maxAgeMs = profileTtlMs): Promise<void> {
    for (const id of ids) {
      if (id && !inFlight.has(id) && stale(id, maxAgeMs)) queued.add(id)
    }
    if (queued.size === 0) return flushing ?? Promise.resolve()
    // One microtask later: everything asked for during the same render goes in the same request.
    flushing ??= Promise.resolve().then(flush)
    return flushing
  }

  async function flush() {
    flushing = null
    const ids = [...queued]
    queued.clear()
    ids.forEach((id) => inFlight.add(id))
    const batches: string[][] = []
    for (let i = 0; i < ids.length; i += maxProfileIds) batches.push(ids.slice(i, i + maxProfileIds))
    await Promise.all(
      batches.map(async (batch) => {
        try {
          for (const profile of await chatApi().getProfiles(batch)) put(profile)
          // Unknown ids are cached as fetched too, so that they are not asked for on every render.
          const now = Date.now()
          batch.forEach((id) => fetchedAt.set(id, now))
        } catch (error) {
          console.warn('Loading profiles failed; they are asked for again on the next render.', error)
        } finally {
          batch.forEach((id) => inFlight.delete(id))
        }
      }),
    )
  }

  function put(profile: Profile) {
    profiles[profile.id] = { ...profiles[profile.id], ...profile }
    fetchedAt.set(profile.id, Date.now())
  }

  /** The name to show: the display name, else the username, else what the caller already knows. */
  function nameOf(userId: string, fallback = ''): string {
    const profile = profiles[userId]
    return profile?.displayName || profile?.username || fallback
  }

  function avatarOf(userId: string): string {
    return profiles[userId]?.avatar ?? ''
  }

  /** What presence events say: someone who just joined a room is online. */
  function noteOnline(userId: string) {
    const profile = profiles[userId]
    if (profile) profile.online = true
  }

  function reset() {
    for (const id of Object.keys(profiles)) delete profiles[id]
    fetchedAt.clear()
    queued.clear()
    inFlight.clear()
    flushing = null
  }

  return { profiles, want, put, nameOf, avatarOf, noteOnline, reset }
})
