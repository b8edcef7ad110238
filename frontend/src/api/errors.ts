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

/**
 * The error catalog of docs/PROTOCOL.md: wire code, HTTP status and default message of each row, in the order of
 * src/Contracts/Errors/ErrorCatalog.cs. A .NET test (tests/Chat.Client.Tests/ErrorCatalogTests.cs) reads this table and
 * fails when it drifts from the server's: change both together.
 */
export const errorCatalog = [
  { code: 'bad_request', status: 400, message: 'The request could not be read.' },
  { code: 'unauthorized', status: 401, message: 'A valid bearer token is required.' },
  { code: 'forbidden', status: 403, message: 'Not allowed.' },
  { code: 'not_found', status: 404, message: 'Not found.' },
  { code: 'conflict', status: 409, message: 'This already exists.' },
  { code: 'rate_limited', status: 429, message: 'Too many requests; try again later.' },
  { code: 'unavailable', status: 503, message: 'The chat cluster is unavailable; try again shortly.' },
  { code: 'internal', status: 500, message: 'An unexpected error occurred.' },
  { code: 'bad_request', status: 413, message: 'The request body is too large.' },
] as const

type CatalogRow = (typeof errorCatalog)[number]

const codes: readonly string[] = errorCatalog.map((row) => row.code)

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

/**
 * The kind of an HTTP status: the catalog's row, except that a body over the size limit is told apart ('too_large')
 * and 502/504 from a proxy in front of the gateway mean the cluster could not be reached.
 */
function kindOfStatus(status: number, row: CatalogRow | undefined): ErrorKind {
  if (status === 413) return 'too_large'
  if (row) return row.code
  if (status === 502 || status === 504) return 'unavailable'
  return status >= 500 ? 'internal' : 'bad_request'
}

interface ProblemDetails {
  title?: string
  detail?: string
  errors?: Record<string, string[]>
}

/** Builds an error from an HTTP answer; RFC 7807 problem details give the readable message. */
export function errorFromHttp(status: number, body: unknown): ApiError {
  const row = errorCatalog.find((r) => r.status === status)
  return new ApiError(kindOfStatus(status, row), problemMessage(body) ?? row?.message ?? `HTTP ${status}`, status)
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
  if (coded && codes.includes(coded[1])) {
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
