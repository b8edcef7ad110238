import type { ChatRealtime } from './ChatRealtime'

export type { ChatRealtime, ConnectionStatus, RealtimeEvents } from './ChatRealtime'

let current: ChatRealtime | null = null

/** The live connection every store uses; installed once at start-up (and by tests). */
export function setChatRealtime(realtime: ChatRealtime): void {
  current = realtime
}

export function chatRealtime(): ChatRealtime {
  if (!current) {
    throw new Error('No ChatRealtime installed: call setChatRealtime() at start-up.')
  }
  return current
}
