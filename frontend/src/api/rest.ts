import createClient, { type Middleware } from 'openapi-fetch'
import { createRestMessageActions } from './restMessages'
import type { ChatApi } from './ChatApi'
import { ApiError, errorFromHttp } from './errors'
import type { paths } from './generated/openapi'
import { conversationCalls } from './restConversations'

export interface RestApiOptions {
  /** Where the gateway is; empty for the page's own origin. */
  baseURL?: string
  /** The current bearer token, if signed in. */
  token: () => string | null
  /** Called when a signed-in request is refused with 401 and renewing the token did not help (the session ended). */
  onUnauthorized: () => void
  /**
   * Renews the access token after `refused` was refused with 401; true when a new one is there (the request is then
   * sent once more with it). Without it, a 401 goes straight to `onUnauthorized`.
   */
  renew?: (refused: string) => Promise<boolean>
  /** Per request; a history page or a send never hangs the UI longer than this. */
  timeoutMs?: number
  /** The fetch to use (tests); the browser's by default. */
  fetch?: typeof globalThis.fetch
}

const defaultTimeoutMs = 15_000

/** What every generated call resolves to: the parsed body when the answer is 2xx, else the parsed problem. */
export interface Answer<T> {
  data?: T
  error?: unknown
  response: Response
}

/**
 * The REST transport of `ChatApi` (docs/PROTOCOL.md, "REST"): calls through `openapi-fetch`, typed by the paths
 * generated from the gateway's OpenAPI document, so a path, a body or an answer that drifts from the server
 * fails the type check.
 */
export function createRestApi(options: RestApiOptions): ChatApi {
  const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input))
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs
  const http = createClient<paths>({
    baseUrl: options.baseURL ?? '',
    headers: { Accept: 'application/json' },
    fetch: (request: Request) => fetchImpl(new Request(request, { signal: AbortSignal.timeout(timeoutMs) })),
  })
  http.use(bearer(options, fetchImpl))
  const room = (roomId: string) => ({ params: { path: { roomId } } })

  return {
    ...createRestMessageActions(http, unwrap, options, timeoutMs),
    register: (body) => unwrap(http.POST('/users/register', { body })),
    login: (body) => unwrap(http.POST('/users/login', { body })),
    getMe: () => unwrap(http.GET('/users/me')),
    updateMe: (body) => unwrap(http.PUT('/users/me', { body })),
    refresh: (refreshToken) => unwrap(http.POST('/users/refresh', { body: { refreshToken } })),
    logout: async () => {
      await unwrap(http.POST('/users/logout'))
    },
    listSessions: async () => (await unwrap(http.GET('/users/me/sessions'))).sessions,
    endSession: async (sessionId) => {
      await unwrap(http.DELETE('/users/me/sessions/{sessionId}', { params: { path: { sessionId } } }))
    },
    changePassword: async (body) => {
      await unwrap(http.PUT('/users/me/password', { body }))
    },
    connectTicket: () => unwrap(http.POST('/users/me/connect-ticket')),

    listRooms: async () => (await unwrap(http.GET('/chat/rooms'))).rooms,
    createRoom: (body) => unwrap(http.POST('/chat/rooms', { body })),
    addMember: async (roomId, username) => {
      await unwrap(http.POST('/chat/rooms/{roomId}/members', { ...room(roomId), body: { username } }))
    },

    getMessages: async (roomId, query) =>
      (await unwrap(http.GET('/chat/rooms/{roomId}/messages', { params: { path: { roomId }, query } }))).messages,
    sendMessage: (body) => unwrap(http.POST('/chat/messages', { body })),
    getOnlineUsers: async (roomId) => (await unwrap(http.GET('/chat/rooms/{roomId}/users', room(roomId)))).users,
    ...conversationCalls(http, unwrap),
  }
}

/**
 * Sends the token. A 401 to a request that carried one means the token expired or the session is gone (login's 401
 * is just a refusal): the token is renewed and the request sent once more; when that fails, the session is over.
 */
function bearer(options: RestApiOptions, fetchImpl: (request: Request) => Promise<Response>): Middleware {
  /** Copies of requests sent with a token, by openapi-fetch's request id, to send again after a renewal. */
  const resendable = new Map<string, Request>()
  return {
    onRequest({ request, id }) {
      const token = options.token()
      if (token) {
        request.headers.set('Authorization', `Bearer ${token}`)
        if (options.renew) resendable.set(id, request.clone())
      }
      return request
    },
    async onResponse({ request, response, id }) {
      const copy = resendable.get(id)
      resendable.delete(id)
      if (response.status !== 401 || !request.headers.has('Authorization')) return response
      const refused = request.headers.get('Authorization')!.slice('Bearer '.length)
      if (copy && options.renew && (await options.renew(refused))) {
        const token = options.token()
        if (token) {
          copy.headers.set('Authorization', `Bearer ${token}`)
          const again = await fetchImpl(copy)
          if (again.status !== 401) return again
        }
      }
      options.onUnauthorized()
      return response
    },
    onError({ id }) {
      resendable.delete(id)
    },
  }
}

async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>
  try {
    answer = await call
  } catch (error) {
    // Nothing came back: offline, refused, or over the time limit.
    throw new ApiError('network', error instanceof Error ? error.message : String(error))
  }
  if (!answer.response.ok) {
    throw errorFromHttp(answer.response.status, answer.error)
  }
  return answer.data as T
}
