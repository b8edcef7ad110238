import type { HubConnection } from '@microsoft/signalr'
import { ApiError, errorFromHub } from '@/api/errors'
import type { ChatMessage, JoinRoomResult, PresenceEvent } from '@/api/types'
import type { ChatRealtime, ConnectionStatus, RealtimeEvents } from './ChatRealtime'
import { listenToConversationEvents } from './conversationEvents'

export interface SignalROptions {
  /** The hub's URL, `/hubs/chat` on the page's origin by default. */
  url?: string
  /**
   * A fresh one-time connect ticket (`POST /users/me/connect-ticket`), fetched before every connect and reconnect, so
   * that the hub's URL carries `?ticket=` and never the access token (URLs end up in access logs). It rejects with an
   * `unauthorized` ApiError once the session has ended.
   */
  ticket: () => Promise<string>
  /** Waits between attempts; the last one repeats for as long as the connection is down. */
  retryDelaysMs?: readonly number[]
}

const defaultRetryDelaysMs = [0, 1_000, 2_000, 3_000, 5_000] as const
/** Spreads reconnects of many clients after a gateway restart. */
const retryJitter = 0.2

type SignalR = typeof import('@microsoft/signalr')

/**
 * The SignalR implementation of `ChatRealtime`. The client library is loaded when the first connection
 * opens, so the sign-in page does not carry it.
 */
export function createSignalRRealtime(options: SignalROptions): ChatRealtime {
  const delays = options.retryDelaysMs ?? defaultRetryDelaysMs
  let signalr: SignalR | null = null
  let connection: HubConnection | null = null
  let events: RealtimeEvents | null = null
  let status: ConnectionStatus = 'disconnected'
  let stopping = false
  /** Counts connect() calls, so that a load still in flight from an earlier session does nothing. */
  let generation = 0
  let wake: (() => void) | null = null

  const delayFor = (attempt: number) => {
    const base = delays[Math.min(attempt, delays.length - 1)]
    return Math.round(base * (1 + (Math.random() * 2 - 1) * retryJitter))
  }

  const setStatus = (next: ConnectionStatus) => {
    if (status !== next) {
      status = next
      events?.status(next)
    }
  }

  // HttpError carries the status of a refused negotiate (an expired or revoked token); a connection closed because its
  // session ended (logout elsewhere, revoked, password changed) says so in the close error.
  const isUnauthorized = (error: unknown) =>
    (error as { statusCode?: number } | undefined)?.statusCode === 401 ||
    (error instanceof ApiError && error.kind === 'unauthorized') ||
    /unauthorized: session ended/.test((error as Error | undefined)?.message ?? '')

  const hubUrl = options.url ?? '/hubs/chat'

  /**
   * Starts (or restarts after a close) until connected, the session is refused, or we stop. Never gives up on its own:
   * a chat tab left open comes back whenever the network does. Each attempt spends a fresh ticket (a ticket opens one
   * connection), which is why reconnecting is done here rather than by SignalR's automatic reconnect, which would
   * present the same URL again.
   */
  const startLoop = async (hub: HubConnection) => {
    for (let attempt = 0; !stopping && hub === connection; attempt++) {
      try {
        const ticket = await options.ticket()
        if (stopping || hub !== connection) return
        hub.baseUrl = `${hubUrl}${hubUrl.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`
        await hub.start()
        setStatus('connected')
        void events?.ready()
        return
      } catch (error) {
        if (isUnauthorized(error)) {
          events?.unauthorized()
          return
        }
        await sleep(delayFor(attempt))
      }
    }
  }

  // Coming back online cuts a back-off wait short.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      wake = done
    })
  const onOnline = () => wake?.()

  const build = (lib: SignalR): HubConnection => {
    const hub = new lib.HubConnectionBuilder()
      // Negotiation would be a second request spending the one-time ticket: straight to the WebSocket.
      .withUrl(hubUrl, { skipNegotiation: true, transport: lib.HttpTransportType.WebSockets })
      .configureLogging(lib.LogLevel.Warning)
      .build()
    hub.on('NewMessage', (message: ChatMessage) => events?.message(message))
    hub.on('MessageUpdated', (update: import('@/api/types').MessageUpdate) => events?.messageUpdated?.(update))
    hub.on('UserJoined', (event: PresenceEvent) => events?.userJoined(event))
    hub.on('UserLeft', (event: PresenceEvent) => events?.userLeft(event))
    listenToConversationEvents(hub, () => events)
    hub.onclose((error) => {
      if (stopping || hub !== connection) {
        setStatus('disconnected')
      } else if (isUnauthorized(error)) {
        setStatus('disconnected')
        events?.unauthorized()
      } else {
        setStatus('reconnecting')
        void startLoop(hub)
      }
    })
    return hub
  }

  /** Loads the client library (retrying while offline), then connects. */
  const open = async (mine: number) => {
    for (let attempt = 0; !signalr; attempt++) {
      try {
        signalr = await import('@microsoft/signalr')
      } catch {
        await sleep(delayFor(attempt))
      }
      if (mine !== generation || stopping) return
    }
    if (mine !== generation || stopping) return
    connection = build(signalr)
    await startLoop(connection)
  }

  const invoke = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    if (!connection || !signalr || connection.state !== signalr.HubConnectionState.Connected) {
      throw new ApiError('network', 'Not connected.')
    }
    try {
      return await connection.invoke<T>(method, ...args)
    } catch (error) {
      throw errorFromHub(error)
    }
  }

  return {
    get status() {
      return status
    },
    connect(handlers) {
      if (events) return
      events = handlers
      stopping = false
      window.addEventListener('online', onOnline)
      setStatus('connecting')
      void open(++generation)
    },
    async disconnect() {
      stopping = true
      generation++
      window.removeEventListener('online', onOnline)
      wake?.()
      const hub = connection
      connection = null
      await hub?.stop()
      setStatus('disconnected')
      events = null
    },
    joinRoom: (roomId) => invoke<JoinRoomResult>('JoinRoom', roomId),
    leaveRoom: (roomId) => invoke<void>('LeaveRoom', roomId),
    sendMessage: (roomId, content, clientMessageId) =>
      invoke<ChatMessage>('SendMessage', roomId, content, clientMessageId),
    typing: (roomId) => invoke<void>('Typing', roomId),
  }
}
