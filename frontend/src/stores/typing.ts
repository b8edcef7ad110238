import { defineStore } from 'pinia'
import { reactive } from 'vue'
import type { TypingEvent } from '@/api/conversationTypes'

/**
 * A typing line fades this long after the last `UserTyping` (the server relays at most one per user and room
 * every 2 s while they type, so a typist who keeps going never flickers off).
 */
export const typingTtlMs = 5_000

interface Typist {
  userId: string
  username: string
  timer: ReturnType<typeof setTimeout>
}

/** Who is typing in each room the connection joined; nothing is stored anywhere. */
export const useTypingStore = defineStore('typing', () => {
  const rooms = reactive<Record<string, Record<string, Typist>>>({})

  function userTyping(event: TypingEvent) {
    const room = (rooms[event.roomId] ??= {})
    const existing = room[event.userId]
    if (existing) clearTimeout(existing.timer)
    room[event.userId] = {
      userId: event.userId,
      username: event.username,
      timer: setTimeout(() => stopped(event.roomId, event.userId), typingTtlMs),
    }
  }

  /** They sent their message (or left): the line goes at once. */
  function stopped(roomId: string, userId: string) {
    const typist = rooms[roomId]?.[userId]
    if (!typist) return
    clearTimeout(typist.timer)
    delete rooms[roomId][userId]
  }

  function typists(roomId: string, selfId: string | null): { userId: string; username: string }[] {
    return Object.values(rooms[roomId] ?? {})
      .filter((typist) => typist.userId !== selfId)
      .map(({ userId, username }) => ({ userId, username }))
      .sort((a, b) => a.username.localeCompare(b.username))
  }

  function reset() {
    for (const room of Object.values(rooms)) for (const typist of Object.values(room)) clearTimeout(typist.timer)
    for (const id of Object.keys(rooms)) delete rooms[id]
  }

  return { rooms, userTyping, stopped, typists, reset }
})
