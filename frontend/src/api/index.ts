import type { ChatApi } from './ChatApi'

export type { ChatApi } from './ChatApi'
export { ApiError, type ErrorKind } from './errors'
export type * from './types'

let current: ChatApi | null = null

/** The transport every store uses; installed once at start-up (and by tests). */
export function setChatApi(api: ChatApi): void {
  current = api
}

export function chatApi(): ChatApi {
  if (!current) {
    throw new Error('No ChatApi installed: call setChatApi() at start-up.')
  }
  return current
}
