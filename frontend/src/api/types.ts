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
/**
 * `seq` is per room, from 1, strictly increasing and gap-free. The message-change fields (MessageChanges) are optional
 * so that the app reads messages from servers and caches that predate them.
 */
export type ChatMessage = Omit<Schemas['MessageDto'], keyof MessageChanges> & MessageChanges
export type MessageType = ChatMessage['messageType']
export type OnlineUser = Schemas['OnlineUserDto']
export type AuthResult = Schemas['AuthResponse']
export type ProblemDetails = Schemas['ProblemDetails']
/** A sign-in session of the caller (`current`: the one this tab uses). */
export type Session = Schemas['SessionDto']
/** A one-time ticket for the live connection (`?ticket=`), so that the access token never appears in a URL. */
export type ConnectTicket = Schemas['ConnectTicketResponse']
export type ChangePasswordInput = Schemas['ChangePasswordRequest']

export type RegisterInput = Schemas['RegisterRequest']
export type LoginInput = Schemas['LoginRequest']
export type ProfileUpdate = Schemas['UpdateProfileRequest']
export type NewRoomInput = Schemas['CreateRoomBody']
/** A send; `replyToSeq` and `attachmentIds` are the wave-2 additions (optional). */
export type SendMessageInput = Schemas['SendMessageRequest'] & { replyToSeq?: number | null; attachmentIds?: string[] | null }
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
  /** The room's newest changeSeq (edits, deletes, reactions); absent from servers without the change feed. */
  lastChangeSeq?: number
}

/** One emoji on a message: who reacted with it. */
export interface Reaction {
  emoji: string
  count: number
  userIds: string[]
}

/** What a reply shows of the message it answers. */
export interface ReplyTo {
  seq: number
  userId: string
  username: string
  excerpt: string
}

/** A file posted with a message (`POST /chat/attachments`); images carry their dimensions. */
export interface Attachment {
  id: string
  fileName: string
  contentType: string
  size: number
  width?: number | null
  height?: number | null
}

/** The fields edits, deletes, reactions, replies and attachments add to `ChatMessage`. */
export interface MessageChanges {
  editedAt?: number | null
  /** The content is empty; the seq stays. */
  deleted?: boolean | null
  replyTo?: ReplyTo | null
  reactions?: Reaction[] | null
  attachments?: Attachment[] | null
}

/** `MessageUpdated`: the message's whole current state after change `changeSeq` of its room. */
export interface MessageUpdate {
  roomId: string
  changeSeq: number
  message: ChatMessage
}

/** `GET /chat/rooms/{roomId}/changes`. */
export interface ChangesPage {
  changes: { changeSeq: number; message: ChatMessage }[]
  lastChangeSeq: number
}

/** `GET /chat/search`; `cursor` is the previous page's `nextCursor`. */
export interface SearchQuery {
  q: string
  roomId?: string
  limit?: number
  beforeSeq?: number
  cursor?: string
}

/** A page of search results, newest first; `nextCursor` is absent on the last page. */
export interface SearchPage {
  results: ChatMessage[]
  nextCursor?: string | null
}
