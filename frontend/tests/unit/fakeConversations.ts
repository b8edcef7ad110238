import { vi } from 'vitest'
import { ApiError } from '@/api'
import type { ConversationsApi } from '@/api/ConversationsApi'
import type { ConversationRoom, MyRoom, Profile } from '@/api/conversationTypes'
import type { User } from '@/api/types'
import type { FakeServer } from './fakes'

export const generalRoom: ConversationRoom = {
  id: 'general',
  name: 'general',
  description: '',
  isPublic: true,
  createdBy: 'system',
  createdAt: 1,
  kind: 'public',
  ownerId: 'system',
  memberCount: 2,
}

/**
 * The conversation calls against the fake server's logs: the user's rooms and read positions are the server's
 * (`memberships`), unread counts come from the room's last seq, and profiles from `profiles`.
 */
export function fakeConversationsApi(server: FakeServer, self: User) {
  const memberships = new Map<string, { room: ConversationRoom; lastReadSeq: number; mentionCount: number }>([
    ['general', { room: generalRoom, lastReadSeq: 0, mentionCount: 0 }],
  ])
  const profiles = new Map<string, Profile>()
  const myRoom = (id: string): MyRoom => {
    const m = memberships.get(id)!
    const lastSeq = server.lastSeq(id)
    return { ...m.room, lastSeq, lastReadSeq: m.lastReadSeq, unreadCount: lastSeq - m.lastReadSeq, mentionCount: m.mentionCount, lastChangeSeq: 0, lastMessageAt: null }
  }
  const api = {
    memberships,
    profiles,
    reads: [] as { roomId: string; seq: number }[],
    listMyRooms: vi.fn(async () => [...memberships.keys()].map(myRoom)),
    joinRoom: vi.fn(async (roomId: string) => {
      const room = { ...generalRoom, id: roomId, name: roomId }
      memberships.set(roomId, { room, lastReadSeq: server.lastSeq(roomId), mentionCount: 0 })
      return room
    }),
    leaveRoom: vi.fn(async (roomId: string) => void memberships.delete(roomId)),
    markRead: vi.fn(async (roomId: string, seq: number) => {
      api.reads.push({ roomId, seq })
      const m = memberships.get(roomId)
      if (!m) throw new ApiError('not_found', 'Not a member.')
      if (seq > server.lastSeq(roomId)) throw new ApiError('bad_request', 'Beyond the last seq.')
      m.lastReadSeq = Math.max(m.lastReadSeq, seq)
    }),
    openDm: vi.fn(async (username: string) => {
      const room: ConversationRoom = { ...generalRoom, id: `dm-${username}`, name: username, isPublic: false, kind: 'dm', ownerId: self.id }
      memberships.set(room.id, { room, lastReadSeq: 0, mentionCount: 0 })
      return room
    }),
    updateRoom: vi.fn(async (roomId: string, update: { name?: string; description?: string }) => ({ ...memberships.get(roomId)!.room, ...update })),
    removeMember: vi.fn(async () => {}),
    deleteRoom: vi.fn(async (roomId: string) => void memberships.delete(roomId)),
    getProfiles: vi.fn(async (ids: readonly string[]) => ids.flatMap((id) => (profiles.has(id) ? [profiles.get(id)!] : []))),
  }
  return api satisfies ConversationsApi
}

/** A stored message as a wave-2 server sends it, with the ids of the members it mentions. */
export function mentioning<T extends object>(message: T, userIds: string[]): T {
  return Object.assign({}, message, { mentions: userIds })
}

/** A room as the user's list (and `RoomAdded`/`RoomUpdated`) carries it: with read state, nothing unread. */
export function asMine(room: ConversationRoom): MyRoom {
  return { ...room, lastSeq: 0, lastReadSeq: 0, unreadCount: 0, mentionCount: 0, lastChangeSeq: 0, lastMessageAt: null }
}
