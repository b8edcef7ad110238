import type { Attachment, ChangesPage, ChatMessage, SearchPage, SearchQuery } from './types'

/** Progress of an upload: bytes sent so far of the whole request body. */
export type UploadProgress = (sent: number, total: number) => void

/**
 * Changing existing messages, searching them and sharing files (docs/PROTOCOL.md, "Editing, deleting, reacting,
 * replying, searching, attachments"). Part of `ChatApi`; kept apart so that the base interface stays the seed's.
 * Every method rejects with an `ApiError`.
 */
export interface MessageActionsApi {
  /** Author only; answers the message as stored now. */
  editMessage(roomId: string, seq: number, content: string): Promise<ChatMessage>
  /** Author or room owner; the seq stays, the content is gone. */
  deleteMessage(roomId: string, seq: number): Promise<void>
  /** Idempotent: adding a reaction twice (or removing a missing one) changes nothing. */
  addReaction(roomId: string, seq: number, emoji: string): Promise<void>
  removeReaction(roomId: string, seq: number, emoji: string): Promise<void>
  /** Changes to existing messages after `afterChange`, in changeSeq order. */
  getChanges(roomId: string, afterChange: number, limit?: number): Promise<ChangesPage>
  /** Newest first, only rooms the caller may read. */
  search(query: SearchQuery): Promise<SearchPage>
  /** Multipart upload of one file; `onProgress` follows the bytes sent. */
  uploadAttachment(file: Blob, fileName: string, onProgress?: UploadProgress, signal?: AbortSignal): Promise<Attachment>
  /** The attachment's bytes (with the bearer token, so that an `<img>` can show them from an object URL). */
  downloadAttachment(id: string): Promise<Blob>
}

// ChatApi carries these calls (interface merging keeps ChatApi.ts as the seed wrote it).
declare module './ChatApi' {
  interface ChatApi extends MessageActionsApi {}
}
