import type {
  AuthResult,
  ChatMessage,
  HistoryQuery,
  LoginInput,
  NewRoomInput,
  OnlineUser,
  ProfileUpdate,
  RegisterInput,
  Room,
  SendMessageInput,
  User,
} from './types'

/**
 * The queries and commands the app sends outside the live connection, in the wire types generated
 * from the gateway's OpenAPI document (`types.ts`). The REST implementation (`rest.ts`, generated
 * calls through openapi-fetch) is the default; another transport (gRPC-Web) can implement this interface and be
 * installed with `setChatApi` without touching any store or view.
 *
 * Every method rejects with an `ApiError` (see `errors.ts`).
 */
export interface ChatApi {
  register(input: RegisterInput): Promise<AuthResult>
  login(input: LoginInput): Promise<AuthResult>
  getMe(): Promise<User>
  updateMe(update: ProfileUpdate): Promise<User>

  listRooms(): Promise<Room[]>
  createRoom(input: NewRoomInput): Promise<Room>
  addMember(roomId: string, username: string): Promise<void>

  /** Always ascending by seq. */
  getMessages(roomId: string, query: HistoryQuery): Promise<ChatMessage[]>
  /** Idempotent per clientMessageId: a retry answers with the message stored the first time. */
  sendMessage(input: SendMessageInput): Promise<ChatMessage>
  getOnlineUsers(roomId: string): Promise<OnlineUser[]>
}
