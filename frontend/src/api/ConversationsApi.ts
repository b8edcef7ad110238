import type { ConversationRoom, MyRoom, Profile, RoomUpdate } from './conversationTypes'

/**
 * The conversation side of `ChatApi` (docs/PROTOCOL.md, wave-2 "Membership, read state, direct messages" and
 * "Profiles and presence"): server-side membership and read state, direct messages, room administration and
 * profiles. Every method rejects with an `ApiError`.
 */
export interface ConversationsApi {
  /** The caller's rooms with their read state, in one request. */
  listMyRooms(): Promise<MyRoom[]>
  /** Membership of a public room (not the live join). */
  joinRoom(roomId: string): Promise<ConversationRoom>
  leaveRoom(roomId: string): Promise<void>
  /** Moves the caller's read position forward to `seq` (never back). */
  markRead(roomId: string, seq: number): Promise<void>
  /** The direct-message room with `username`: the same room whoever asks. */
  openDm(username: string): Promise<ConversationRoom>
  updateRoom(roomId: string, update: RoomUpdate): Promise<ConversationRoom>
  removeMember(roomId: string, userId: string): Promise<void>
  deleteRoom(roomId: string): Promise<void>
  /** At most 100 ids per call; unknown ids are left out of the answer. */
  getProfiles(ids: readonly string[]): Promise<Profile[]>
}
