/**
 * Wire types of the public contract (docs/PROTOCOL.md). The REST shapes are the ones generated from the
 * gateway's OpenAPI document (`generated/openapi.ts`; `npm run generate`, checked by `npm run check:generated`);
 * only the SignalR hub's own shapes, which that document does not describe, are composed here from them.
 * Times are Unix epoch milliseconds.
 */
import type { components, operations } from './generated/openapi'

type Schemas = components['schemas']

export type User = Schemas['UserDto']
export type Room = Schemas['RoomDto']
/** `seq` is per room, from 1, strictly increasing and gap-free. */
export type ChatMessage = Schemas['MessageDto']
export type MessageType = ChatMessage['messageType']
export type OnlineUser = Schemas['OnlineUserDto']
export type AuthResult = Schemas['AuthResponse']
export type ProblemDetails = Schemas['ProblemDetails']
/** A sign-in session of the caller (`current`: the one this tab uses). */
export type Session = Schemas['SessionDto']
export type ChangePasswordInput = Schemas['ChangePasswordRequest']

export type RegisterInput = Schemas['RegisterRequest']
export type LoginInput = Schemas['LoginRequest']
export type ProfileUpdate = Schemas['UpdateProfileRequest']
export type NewRoomInput = Schemas['CreateRoomBody']
export type SendMessageInput = Schemas['SendMessageRequest']
/** History cursors are exclusive; the server clamps `limit` to 200. */
export type HistoryQuery = NonNullable<operations['GetMessages']['parameters']['query']>

/** `UserJoined` / `UserLeft` on the hub. */
export interface PresenceEvent extends OnlineUser {
  roomId: string
}

/** What the hub's `JoinRoom` returns. */
export interface JoinRoomResult {
  room: Room
  /** Includes the caller. */
  onlineUsers: OnlineUser[]
  /** The room's newest seq (0 for an empty room). */
  lastSeq: number
}
