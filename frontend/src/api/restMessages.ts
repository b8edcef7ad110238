import type { Client } from 'openapi-fetch'
import { ApiError, errorFromHttp } from './errors'
import type { paths } from './generated/openapi'
import type { MessageActionsApi } from './MessageActionsApi'
import type { RestApiOptions } from './rest'
import type { Attachment, SearchPage } from './types'

/** rest.ts's unwrap: the parsed body of a 2xx answer, else an ApiError. */
type Unwrap = <T>(call: Promise<{ data?: T; error?: unknown; response: Response }>) => Promise<T>

/** Uploads may be large and slow: they get their own, longer limit. */
const uploadTimeoutMs = 5 * 60_000

/**
 * The REST transport of `MessageActionsApi`: the generated client (typed by the gateway's OpenAPI document) for the
 * operations it describes, plain fetch with the same bearer token and 401 handling for the rest; uploads go through
 * XMLHttpRequest, the one browser API that reports upload progress.
 */
export function createRestMessageActions(http: Client<paths>, unwrap: Unwrap, options: RestApiOptions, timeoutMs: number): MessageActionsApi {
  const base = options.baseURL ?? ''
  const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input))
  const message = (roomId: string, seq: number) => ({ params: { path: { roomId, seq } } })
  const reaction = (roomId: string, seq: number, emoji: string) => ({ params: { path: { roomId, seq, emoji } } })

  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const token = options.token()
    const headers = new Headers({ Accept: 'application/json' })
    if (token) headers.set('Authorization', `Bearer ${token}`)
    if (body !== undefined) headers.set('Content-Type', 'application/json')
    let response: Response
    try {
      response = await fetchImpl(
        new Request(base + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        }),
      )
    } catch (error) {
      throw new ApiError('network', error instanceof Error ? error.message : String(error))
    }
    if (response.status === 401 && token) options.onUnauthorized()
    if (!response.ok) throw errorFromHttp(response.status, await readBody(response))
    return response
  }

  const json = async <T>(method: string, path: string, body?: unknown) => (await (await send(method, path, body)).json()) as T

  return {
    editMessage: (roomId, seq, content) => unwrap(http.PATCH('/chat/rooms/{roomId}/messages/{seq}', { ...message(roomId, seq), body: { content } })),
    deleteMessage: async (roomId, seq) => void (await unwrap(http.DELETE('/chat/rooms/{roomId}/messages/{seq}', message(roomId, seq)))),
    addReaction: async (roomId, seq, emoji) =>
      void (await unwrap(http.PUT('/chat/rooms/{roomId}/messages/{seq}/reactions/{emoji}', reaction(roomId, seq, emoji)))),
    removeReaction: async (roomId, seq, emoji) =>
      void (await unwrap(http.DELETE('/chat/rooms/{roomId}/messages/{seq}/reactions/{emoji}', reaction(roomId, seq, emoji)))),
    getChanges: (roomId, afterChange, limit = 200) =>
      unwrap(http.GET('/chat/rooms/{roomId}/changes', { params: { path: { roomId }, query: { afterChange, limit } } })),
    search: (query) => {
      const params = new URLSearchParams({ q: query.q })
      if (query.roomId) params.set('roomId', query.roomId)
      if (query.limit) params.set('limit', String(query.limit))
      if (query.beforeSeq) params.set('beforeSeq', String(query.beforeSeq))
      if (query.cursor) params.set('cursor', query.cursor)
      return json<SearchPage>('GET', `/chat/search?${params}`)
    },
    uploadAttachment: (file, fileName, onProgress, signal) => upload(base, options, file, fileName, onProgress, signal),
    downloadAttachment: async (id) => (await send('GET', `/chat/attachments/${encodeURIComponent(id)}`)).blob(),
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '')
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function upload(
  base: string,
  options: RestApiOptions,
  file: Blob,
  fileName: string,
  onProgress: ((sent: number, total: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${base}/chat/attachments`)
    xhr.timeout = uploadTimeoutMs
    const token = options.token()
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size)
    xhr.onload = () => {
      let body: unknown = xhr.responseText
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        // A plain-text or empty answer: kept as text for the error message.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as Attachment)
        return
      }
      if (xhr.status === 401 && token) options.onUnauthorized()
      reject(errorFromHttp(xhr.status, body))
    }
    xhr.onerror = () => reject(new ApiError('network', 'The upload failed.'))
    xhr.ontimeout = () => reject(new ApiError('network', 'The upload timed out.'))
    xhr.onabort = () => reject(new ApiError('network', 'The upload was cancelled.'))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    const form = new FormData()
    form.append('file', file, fileName)
    xhr.send(form)
  })
}
