import type { Client } from 'openapi-fetch'
import type { ConversationsApi } from './ConversationsApi'
import type { paths } from './generated/openapi'
import type { Answer } from './rest'

type Unwrap = <T>(call: Promise<Answer<T>>) => Promise<T>

/** The most ids `GET /users?ids=` takes at once. */
export const maxProfileIds = 100

/**
 * The REST calls of `ConversationsApi`, through the generated client (typed by the gateway's OpenAPI document, so a
 * path, body or answer that drifts from the server fails the type check) with the same bearer token, timeout and
 * 401 handling as the rest of `ChatApi`.
 */
export function conversationCalls(http: Client<paths>, unwrap: Unwrap): ConversationsApi {
  const room = (roomId: string) => ({ params: { path: { roomId } } })
  return {
    listMyRooms: async () => (await unwrap(http.GET('/users/me/rooms'))).rooms,
    joinRoom: (roomId) => unwrap(http.POST('/chat/rooms/{roomId}/join', room(roomId))),
    leaveRoom: async (roomId) => {
      await unwrap(http.POST('/chat/rooms/{roomId}/leave', room(roomId)))
    },
    markRead: async (roomId, seq) => {
      await unwrap(http.PUT('/chat/rooms/{roomId}/read', { ...room(roomId), body: { seq } }))
    },
    openDm: (username) => unwrap(http.POST('/chat/dms', { body: { username } })),
    updateRoom: (roomId, update) =>
      unwrap(http.PATCH('/chat/rooms/{roomId}', { ...room(roomId), body: { name: update.name ?? null, description: update.description ?? null } })),
    removeMember: async (roomId, userId) => {
      await unwrap(http.DELETE('/chat/rooms/{roomId}/members/{userId}', { params: { path: { roomId, userId } } }))
    },
    deleteRoom: async (roomId) => {
      await unwrap(http.DELETE('/chat/rooms/{roomId}', room(roomId)))
    },
    getProfiles: async (ids) => {
      if (ids.length === 0) return []
      // One comma-separated parameter (ids=a,b), as before: the server takes that and the repeated form alike.
      const query = { ids: ids.slice(0, maxProfileIds) }
      const commaSeparated = { array: { style: 'form', explode: false } } as const
      return (await unwrap(http.GET('/users', { params: { query }, querySerializer: commaSeparated }))).users
    },
  }
}
