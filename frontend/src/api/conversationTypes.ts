/**
 * Wire shapes of the contract's wave-2 conversation additions (docs/PROTOCOL.md, "Profiles and presence" and
 * "Membership, read state, direct messages"). The REST ones are composed from the generated `RoomDto` and extended
 * with the fields the contract adds; fields a server may omit are optional so that an older gateway still reads.
 */
import type { components } from './generated/openapi'
import type { Room } from './types'

export type RoomKind = 'public' | 'private' | 'dm'

/** A room as wave 2 describes it: who owns it, what kind it is, how many members it has. */
export type ConversationRoom = Room & {
  kind?: RoomKind
  ownerId?: string
  memberCount?: number
  /** A direct message's two members, when the server lists them. */
  memberIds?: string[]
}

/** One of the caller's rooms (`GET /users/me/rooms`) with the caller's read state in it. */
export type MyRoom = ConversationRoom & {
  lastSeq: number
  lastReadSeq: number
  unreadCount: number
  mentionCount: number
  lastChangeSeq?: number
  /** Epoch ms of the newest message; absent or 0 for an empty room. */
  lastMessageAt?: number | null
}

/**
 * `GET /users/{id}`, `GET /users?ids=`: never the e-mail. `lastSeenAt`: epoch ms when the user's last live
 * connection closed; null when never seen.
 */
export type Profile = components['schemas']['ProfileDto']

export interface RoomUpdate {
  name?: string
  description?: string
}

/** User events: pushed to every live connection of the user. */
export interface RoomAddedEvent {
  room: ConversationRoom | MyRoom
}
export interface RoomRemovedEvent {
  roomId: string
}
export interface RoomUpdatedEvent {
  room: ConversationRoom
}
export interface ReadUpdatedEvent {
  roomId: string
  lastReadSeq: number
}

/** `UserTyping` on the room stream, to the room's other joined connections. */
export interface TypingEvent {
  roomId: string
  userId: string
  username: string
}
