import axios, { AxiosError, type AxiosInstance } from 'axios'
import type { ChatApi } from './ChatApi'
import { ApiError, errorFromHttp } from './errors'
import type { AuthResult, ChatMessage, OnlineUser, Room, User } from './types'

export interface RestApiOptions {
  /** Where the gateway is; empty for the page's own origin. */
  baseURL?: string
  /** The current bearer token, if signed in. */
  token: () => string | null
  /** Called when a signed-in request is refused with 401 (expired or revoked token). */
  onUnauthorized: () => void
  /** Per request; a history page or a send never hangs the UI longer than this. */
  timeoutMs?: number
}

const defaultTimeoutMs = 15_000

/** The REST transport of `ChatApi`: the gateway's minimal APIs (PROTOCOL.md, "REST"). */
export function createRestApi(options: RestApiOptions): ChatApi {
  const http = createClient(options)
  const room = (roomId: string) => `/chat/rooms/${encodeURIComponent(roomId)}`

  return {
    register: async (input) => (await http.post<AuthResult>('/users/register', input)).data,
    login: async (input) => (await http.post<AuthResult>('/users/login', input)).data,
    getMe: async () => (await http.get<User>('/users/me')).data,
    updateMe: async (update) => (await http.put<User>('/users/me', update)).data,

    listRooms: async () => (await http.get<{ rooms: Room[] }>('/chat/rooms')).data.rooms,
    createRoom: async (input) => (await http.post<Room>('/chat/rooms', input)).data,
    addMember: async (roomId, username) => {
      await http.post(`${room(roomId)}/members`, { username })
    },

    getMessages: async (roomId, query) =>
      (await http.get<{ messages: ChatMessage[] }>(`${room(roomId)}/messages`, { params: query })).data.messages,
    sendMessage: async (input) => (await http.post<ChatMessage>('/chat/messages', input)).data,
    getOnlineUsers: async (roomId) => (await http.get<{ users: OnlineUser[] }>(`${room(roomId)}/users`)).data.users,
  }
}

function createClient(options: RestApiOptions): AxiosInstance {
  const http = axios.create({
    baseURL: options.baseURL ?? '',
    timeout: options.timeoutMs ?? defaultTimeoutMs,
    headers: { Accept: 'application/json' },
  })
  http.interceptors.request.use((config) => {
    const token = options.token()
    if (token) {
      config.headers.set('Authorization', `Bearer ${token}`)
    }
    return config
  })
  http.interceptors.response.use(undefined, (error: unknown) => {
    const apiError = toApiError(error)
    // Login answers 401 for bad credentials: that is a refusal to show, not a lost session.
    const wasSignedIn = error instanceof AxiosError && error.config?.headers?.has('Authorization')
    if (apiError.kind === 'unauthorized' && wasSignedIn) {
      options.onUnauthorized()
    }
    return Promise.reject(apiError)
  })
  return http
}

function toApiError(error: unknown): ApiError {
  if (error instanceof AxiosError) {
    if (error.response) {
      return errorFromHttp(error.response.status, error.response.data)
    }
    return new ApiError('network', error.message)
  }
  return new ApiError('internal', error instanceof Error ? error.message : String(error))
}
