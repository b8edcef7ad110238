import type { Client } from 'openapi-fetch'
import type { ConversationsApi } from './ConversationsApi'
import type { ConversationRoom, MyRoom, Profile } from './conversationTypes'
import type { paths } from './generated/openapi'
import type { Answer } from './rest'

type Unwrap = <T>(call: Promise<Answer<T>>) => Promise<T>

/** The most ids `GET /users?ids=` takes at once. */
export const maxProfileIds = 100

/**
 * The REST calls of `ConversationsApi`. They go through the same openapi-fetch client (bearer token, timeout,
 * 401 handling) as the rest of `ChatApi`.
 */
export function conversationCalls(http: Client<paths>, unwrap: Unwrap): ConversationsApi {
  const room = (roomId: string) => ({ params: { path: { roomId } } })
  // Untyped: the conversation and profile paths are called whether or not the generated document describes them yet.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const loose = http as unknown as Client<any>
  return {
    listMyRooms: async () => (await unwrap<{ rooms: MyRoom[] }>(loose.GET('/users/me/rooms', {}))).rooms,
    joinRoom: (roomId) => unwrap<ConversationRoom>(loose.POST('/chat/rooms/{roomId}/join', room(roomId))),
    leaveRoom: async (roomId) => {
      await unwrap(loose.POST('/chat/rooms/{roomId}/leave', room(roomId)))
    },
    markRead: async (roomId, seq) => {
      await unwrap(loose.PUT('/chat/rooms/{roomId}/read', { ...room(roomId), body: { seq } }))
    },
    openDm: (username) => unwrap<ConversationRoom>(loose.POST('/chat/dms', { body: { username } })),
    updateRoom: (roomId, update) =>
      unwrap<ConversationRoom>(loose.PATCH('/chat/rooms/{roomId}', { ...room(roomId), body: { name: update.name ?? null, description: update.description ?? null } })),
    removeMember: async (roomId, userId) => {
      await unwrap(loose.DELETE('/chat/rooms/{roomId}/members/{userId}', { params: { path: { roomId, userId } } }))
    },
    deleteRoom: async (roomId) => {
      await unwrap(loose.DELETE('/chat/rooms/{roomId}', room(roomId)))
    },
    getProfiles: async (ids) => {
      if (ids.length === 0) return []
      const query = { ids: ids.slice(0, maxProfileIds).join(',') }
      const answer = await unwrap<{ users: Profile[] }>(loose.GET('/users', { params: { query } }))
      return answer.users
    },
  }
}
