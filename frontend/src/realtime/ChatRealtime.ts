import type { ChatMessage, JoinRoomResult, PresenceEvent } from '@/api/types'
import type { ConversationEvents } from './conversationEvents'

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting'

/** What the live connection tells the app. */
export interface RealtimeEvents extends ConversationEvents {
  message(message: ChatMessage): void
  userJoined(event: PresenceEvent): void
  userLeft(event: PresenceEvent): void

  /** An existing message changed (edit, delete, reaction): its whole current state, numbered by changeSeq. */
  messageUpdated?(update: import('@/api/types').MessageUpdate): void
  status(status: ConnectionStatus): void
  /**
   * A server-side connection is established: the first one, or a new one that replaced a lost one.
   * The server knows no rooms for it yet: the app (re-)joins its rooms and fills any seq gap from history.
   * The returned promise settles when the app has caught up (the connection does not wait for it).
   */
  ready(): void | Promise<void>
  /** The token was refused: the session is over. */
  unauthorized(): void
}

/**
 * The live side of the contract (SignalR hub `/hubs/chat`). Once `connect` is called the connection
 * keeps itself alive (reconnecting with back-off) until `disconnect`. Invocations reject with an
 * `ApiError`: kind `network` when the connection is down (the server may not have seen the call).
 */
export interface ChatRealtime {
  readonly status: ConnectionStatus
  connect(events: RealtimeEvents): void
  disconnect(): Promise<void>
  joinRoom(roomId: string): Promise<JoinRoomResult>
  leaveRoom(roomId: string): Promise<void>
  /** Returns the stored message; this connection gets no NewMessage for it. */
  sendMessage(roomId: string, content: string, clientMessageId: string | null): Promise<ChatMessage>
  /** Tells the room's other joined connections that the user is typing (the server throttles and never stores it). */
  typing(roomId: string): Promise<void>
}
