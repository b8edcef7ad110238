/**
 * One error type for every transport the app talks to (REST, the SignalR hub), so that views and
 * stores decide on `kind` and show `message` without knowing where a refusal came from.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'
  /** The request may not have reached the server (offline, connection closed). */
  | 'network'

const codes: readonly ErrorKind[] = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'internal',
]

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /**
   * Nothing was refused: the server was not reached or could not act. An idempotent request
   * (a send with a clientMessageId) is safe to retry.
   */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'unavailable'
  }
}

const kindByStatus: Record<number, ErrorKind> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
}

interface ProblemDetails {
  title?: string
  detail?: string
  errors?: Record<string, string[]>
}

/** Builds an error from an HTTP answer; RFC 7807 problem details give the readable message. */
export function errorFromHttp(status: number, body: unknown): ApiError {
  const kind = kindByStatus[status] ?? (status >= 500 ? 'internal' : 'bad_request')
  return new ApiError(kind, problemMessage(body) ?? `HTTP ${status}`, status)
}

function problemMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    return body.trim() || undefined
  }
  if (!body || typeof body !== 'object') {
    return undefined
  }
  const problem = body as ProblemDetails
  const fieldErrors = problem.errors ? Object.values(problem.errors).flat() : []
  return problem.detail || fieldErrors[0] || problem.title || undefined
}

const hubPrefix = /HubException:\s*([\s\S]*)$/

/**
 * Builds an error from a rejected hub invocation. A `HubException` thrown by the server arrives as
 * "An unexpected error occurred invoking 'X' on the server. HubException: <message>"; any other
 * rejection means the connection failed, and the server may not have seen the call.
 */
export function errorFromHub(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error
  }
  const text = error instanceof Error ? error.message : String(error)
  const refusal = hubPrefix.exec(text)
  if (!refusal) {
    return new ApiError('network', text)
  }
  const message = refusal[1].trim()
  const coded = /^([a-z_]+):\s*([\s\S]*)$/.exec(message)
  if (coded && codes.includes(coded[1] as ErrorKind)) {
    return new ApiError(coded[1] as ErrorKind, coded[2] || message)
  }
  return new ApiError(guessKind(message), message)
}

/** For hub refusals that carry no code: the catalog's messages name what went wrong. */
function guessKind(message: string): ErrorKind {
  if (/rate|too many|slow down/i.test(message)) return 'rate_limited'
  if (/not found|does not exist/i.test(message)) return 'not_found'
  if (/unauthori[sz]ed|sign in|token/i.test(message)) return 'unauthorized'
  if (/forbidden|not allowed|permission/i.test(message)) return 'forbidden'
  if (/unavailable|try again/i.test(message)) return 'unavailable'
  return 'bad_request'
}
