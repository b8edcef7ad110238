/**
 * Wire shapes of the contract's wave-2 conversation additions (docs/PROTOCOL.md, "Profiles and presence" and
 * "Membership, read state, direct messages"): the REST ones generated from the OpenAPI document, the hub's user and
 * typing events written here (the document does not describe the hub).
 */
import type { Room } from './types'

export type RoomKind = 'public' | 'private' | 'dm'

/**
 * A room as wave 2 describes it: its kind (a string on the wire), owner (none for DMs and, as `system`, the default
 * rooms), member count and, for a DM, its two users. Optional here so that the type holds whichever OpenAPI document
 * the client was generated from.
 */
export type ConversationRoom = Room & {
  kind?: string
  ownerId?: string | null
  memberCount?: number
  dmUserIds?: string[] | null
}

/** One of the caller's rooms (`GET /users/me/rooms`) with the caller's read state in it. */
export type MyRoom = ConversationRoom & {
  lastSeq: number
  lastReadSeq: number
  unreadCount: number
  mentionCount: number
  lastChangeSeq?: number
  lastMessageAt?: number | null
}

/**
 * `GET /users/{id}`, `GET /users?ids=`: never the e-mail. `lastSeenAt`: epoch ms when the user's last live
 * connection closed; null when never seen.
 */
export interface Profile {
  id: string
  username: string
  displayName: string
  avatar: string | null
  online: boolean
  lastSeenAt: number | null
}

export interface RoomUpdate {
  name?: string
  description?: string
}

/** User events: pushed to every live connection of the user. */
export interface RoomAddedEvent {
  room: MyRoom
}
export interface RoomRemovedEvent {
  roomId: string
}
export interface RoomUpdatedEvent {
  room: MyRoom
}
export interface ReadUpdatedEvent {
  roomId: string
  lastReadSeq: number
  /** Mentions of the user after the new read position. */
  mentionCount?: number
}

/** `UserTyping` on the room stream, to the room's other joined connections. */
export interface TypingEvent {
  roomId: string
  userId: string
  username: string
}
