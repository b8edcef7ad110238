import { defineStore } from 'pinia'
import { reactive } from 'vue'
import type { OnlineUser, PresenceEvent } from '@/api/types'

type Change = { kind: 'joined' | 'left'; event: PresenceEvent }

/**
 * Who is online per joined room, built the way the contract pushes it: JoinRoom's `onlineUsers`,
 * then UserJoined / UserLeft deltas. Deltas that arrive while a join is in flight are replayed on
 * top of its snapshot, so the list ends in the order the server produced it.
 */
export const usePresenceStore = defineStore('presence', () => {
  const online = reactive<Record<string, Record<string, string>>>({})
  const buffered = new Map<string, Change[]>()

  function usersIn(roomId: string): OnlineUser[] {
    const users = online[roomId] ?? {}
    return Object.entries(users)
      .map(([userId, username]) => ({ userId, username }))
      .sort((a, b) => a.username.localeCompare(b.username))
  }

  function beginJoin(roomId: string) {
    buffered.set(roomId, [])
  }

  function completeJoin(roomId: string, users: readonly OnlineUser[]) {
    online[roomId] = Object.fromEntries(users.map((u) => [u.userId, u.username]))
    const changes = buffered.get(roomId) ?? []
    buffered.delete(roomId)
    changes.forEach(apply)
  }

  function abortJoin(roomId: string) {
    buffered.delete(roomId)
  }

  function apply({ kind, event }: Change) {
    const users = online[event.roomId]
    if (!users) return
    if (kind === 'joined') users[event.userId] = event.username
    else delete users[event.userId]
  }

  function receive(kind: Change['kind'], event: PresenceEvent) {
    const pending = buffered.get(event.roomId)
    if (pending) pending.push({ kind, event })
    else apply({ kind, event })
  }

  function clear(roomId: string) {
    delete online[roomId]
    buffered.delete(roomId)
  }

  function reset() {
    for (const id of Object.keys(online)) delete online[id]
    buffered.clear()
  }

  return {
    online,
    usersIn,
    beginJoin,
    completeJoin,
    abortJoin,
    userJoined: (event: PresenceEvent) => receive('joined', event),
    userLeft: (event: PresenceEvent) => receive('left', event),
    clear,
    reset,
  }
})
