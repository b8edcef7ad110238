import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { chatApi } from '@/api'
import type { AuthResult, LoginInput, ProfileUpdate, RegisterInput, User } from '@/api/types'
import { readJson, removeKey, writeJson } from '@/services/storage'

const sessionKey = 'chat.session'
/** Renew this long before the access token expires, so no request goes out with a dying token. */
const renewAheadMs = 60_000

interface SavedSession {
  token: string
  /** One use only: spent (and replaced) by every renewal. */
  refreshToken?: string | null
  user: User
}

/** Seconds since the epoch at which the JWT expires, if it says. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number }
    return typeof payload.exp === 'number' ? payload.exp : null
  } catch {
    return null
  }
}

/** A saved session is worth keeping while its access token is valid or its refresh token can renew it. */
function loadSession(): SavedSession | null {
  const saved = readJson<SavedSession>(sessionKey)
  if (!saved?.token || !saved.user) return null
  const expiry = tokenExpiry(saved.token)
  return expiry !== null && expiry * 1000 <= Date.now() && !saved.refreshToken ? null : saved
}

/** Runs `work` while no other tab of this origin renews, so a refresh token is never spent twice. */
async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks
  return locks ? locks.request('chat.session.refresh', work) : work()
}

/**
 * Who is signed in. The tokens and profile survive a reload (localStorage) until sign-out or until the
 * session ends. The short-lived access token is renewed silently with the one-use refresh token shortly before it
 * expires and whenever the server refuses it; tabs share the renewal (a spent refresh token presented again would
 * end the session everywhere).
 */
export const useAuthStore = defineStore('auth', () => {
  const saved = loadSession()
  const token = ref<string | null>(saved?.token ?? null)
  const refreshToken = ref<string | null>(saved?.refreshToken ?? null)
  const user = ref<User | null>(saved?.user ?? null)
  /** Set when the server ended the session, so that the sign-in page can say why. */
  const expired = ref(false)
  let renewing: Promise<boolean> | null = null
  let renewTimer: ReturnType<typeof setTimeout> | null = null

  const signedIn = computed(() => token.value !== null && user.value !== null)
  const userId = computed(() => user.value?.id ?? null)

  function save() {
    if (token.value && user.value) {
      writeJson(sessionKey, { token: token.value, refreshToken: refreshToken.value, user: user.value } satisfies SavedSession)
    }
  }

  function scheduleRenewal() {
    if (renewTimer) clearTimeout(renewTimer)
    renewTimer = null
    const expiry = token.value ? tokenExpiry(token.value) : null
    if (expiry === null || !refreshToken.value) return
    renewTimer = setTimeout(() => void renew(token.value), Math.max(0, expiry * 1000 - Date.now() - renewAheadMs))
  }

  function begin(result: AuthResult) {
    token.value = result.token
    refreshToken.value = result.refreshToken ?? null
    user.value = result.user
    expired.value = false
    save()
    scheduleRenewal()
  }

  async function login(input: LoginInput) {
    begin(await chatApi().login(input))
  }

  async function register(input: RegisterInput) {
    begin(await chatApi().register(input))
  }

  /**
   * Replaces `refused` (the access token a request was refused with, or the one about to expire) with a new pair.
   * True when a usable token is there afterwards, whoever renewed it (this call, another call, another tab).
   */
  function renew(refused: string | null): Promise<boolean> {
    renewing ??= exclusively(async () => {
      const stored = readJson<SavedSession>(sessionKey)
      if (stored?.token && stored.token !== refused && stored.refreshToken) {
        // Another tab renewed meanwhile: its pair is ours too.
        token.value = stored.token
        refreshToken.value = stored.refreshToken
        scheduleRenewal()
        return true
      }
      if (token.value !== refused && token.value !== null) return true
      if (!refreshToken.value) return false
      try {
        begin(await chatApi().refresh(refreshToken.value))
        return true
      } catch {
        return false
      }
    }).finally(() => (renewing = null))
    return renewing
  }

  /** The access token to open a connection with, renewed first when it is about to expire. */
  async function freshToken(): Promise<string | null> {
    const current = token.value
    const expiry = current ? tokenExpiry(current) : null
    if (current && expiry !== null && expiry * 1000 - Date.now() < renewAheadMs / 2) {
      await renew(current)
    }
    return token.value
  }

  async function updateProfile(update: ProfileUpdate) {
    user.value = await chatApi().updateMe(update)
    save()
  }

  /** Ends the session locally; `becauseExpired` when the server refused the token. */
  function signOut(becauseExpired = false) {
    if (renewTimer) clearTimeout(renewTimer)
    renewTimer = null
    token.value = null
    refreshToken.value = null
    user.value = null
    expired.value = becauseExpired
    removeKey(sessionKey)
  }

  /** Ends the session on the server too (its refresh token dies, its live connections close), then here. */
  async function logout() {
    try {
      if (token.value) await chatApi().logout()
    } catch {
      // Offline or already ended: the tokens are forgotten here either way and expire on their own.
    }
    signOut()
  }

  scheduleRenewal()

  return { token, user, userId, signedIn, expired, login, register, renew, freshToken, updateProfile, signOut, logout }
})
