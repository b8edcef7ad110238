import type {
  AuthResult,
  ChangePasswordInput,
  ChatMessage,
  HistoryQuery,
  LoginInput,
  NewRoomInput,
  OnlineUser,
  ProfileUpdate,
  RegisterInput,
  Room,
  SendMessageInput,
  Session,
  ConnectTicket,
  User,
} from './types'
import type { ConversationsApi } from './ConversationsApi'

/**
 * The queries and commands the app sends outside the live connection, in the wire types generated
 * from the gateway's OpenAPI document (`types.ts`). The REST implementation (`rest.ts`, generated
 * calls through openapi-fetch) is the default; another transport (gRPC-Web) can implement this interface and be
 * installed with `setChatApi` without touching any store or view.
 *
 * Every method rejects with an `ApiError` (see `errors.ts`).
 */
export interface ChatApi extends ConversationsApi {
  register(input: RegisterInput): Promise<AuthResult>
  login(input: LoginInput): Promise<AuthResult>
  getMe(): Promise<User>
  updateMe(update: ProfileUpdate): Promise<User>
  /** Spends the one-use refresh token for a new pair; rejects with `unauthorized` once the session has ended. */
  refresh(refreshToken: string): Promise<AuthResult>
  /** Ends this session on the server: its refresh token dies and its live connections close. */
  logout(): Promise<void>
  listSessions(): Promise<Session[]>
  endSession(sessionId: string): Promise<void>
  /** Every other session of the user ends. */
  changePassword(input: ChangePasswordInput): Promise<void>
  /** A one-time ticket (valid 30 s) to open the live connection with, instead of putting the token in its URL. */
  connectTicket(): Promise<ConnectTicket>

  listRooms(): Promise<Room[]>
  createRoom(input: NewRoomInput): Promise<Room>
  addMember(roomId: string, username: string): Promise<void>

  /** Always ascending by seq. */
  getMessages(roomId: string, query: HistoryQuery): Promise<ChatMessage[]>
  /** Idempotent per clientMessageId: a retry answers with the message stored the first time. */
  sendMessage(input: SendMessageInput): Promise<ChatMessage>
  getOnlineUsers(roomId: string): Promise<OnlineUser[]>
}
