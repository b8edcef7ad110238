/**
 * Wire shapes of the contract's conversation additions (docs/PROTOCOL.md, "Profiles and presence" and "Membership,
 * read state, direct messages"): the REST ones are the shapes generated from the gateway's OpenAPI document
 * (`generated/openapi.ts`); the hub's user and typing events, which that document does not describe, are written here.
 */
import type { components } from './generated/openapi'

type Schemas = components['schemas']

export type RoomKind = 'public' | 'private' | 'dm'

/** A room with its kind (a string on the wire), owner (none for DMs; `system` for the default rooms), member count and, for a DM, its two users. */
export type ConversationRoom = Schemas['RoomDto']

/** One of the caller's rooms (`GET /users/me/rooms`) with the caller's read state in it. */
export type MyRoom = Schemas['MyRoomDto']

/**
 * `GET /users/{id}`, `GET /users?ids=`: never the e-mail. `lastSeenAt`: epoch ms when the user's last live
 * connection closed; null when never seen.
 */
export type Profile = Schemas['ProfileDto']

/** What the room settings may change; a field left out stays as it is. */
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
