/** Wire types of the public contract (PROTOCOL.md). Times are Unix epoch milliseconds. */

export interface User {
  id: string
  username: string
  email: string
  displayName: string
  /** An http(s) URL; empty or null when not set. */
  avatar: string | null
  createdAt: number
}

export interface Room {
  id: string
  name: string
  description: string
  isPublic: boolean
  /** The creator's user id. */
  createdBy: string
  createdAt: number
}

export type MessageType = 'text' | 'system'

export interface ChatMessage {
  id: string
  roomId: string
  /** Per room, from 1, strictly increasing and gap-free. */
  seq: number
  userId: string
  username: string
  content: string
  messageType: MessageType
  createdAt: number
  clientMessageId?: string | null
}

export interface OnlineUser {
  userId: string
  username: string
}

export interface PresenceEvent extends OnlineUser {
  roomId: string
}

export interface JoinRoomResult {
  room: Room
  /** Includes the caller. */
  onlineUsers: OnlineUser[]
  /** The room's newest seq (0 for an empty room). */
  lastSeq: number
}

export interface AuthResult {
  token: string
  user: User
}

export interface RegisterInput {
  username: string
  email: string
  password: string
}

export interface LoginInput {
  username: string
  password: string
}

export interface ProfileUpdate {
  email?: string
  avatar?: string
  displayName?: string
}

export interface NewRoomInput {
  id?: string
  name: string
  description?: string
  isPublic: boolean
}

/** History cursors are exclusive; the server clamps `limit` to 200. */
export interface HistoryQuery {
  beforeSeq?: number
  afterSeq?: number
  limit?: number
}

export interface SendMessageInput {
  roomId: string
  content: string
  clientMessageId?: string
}
