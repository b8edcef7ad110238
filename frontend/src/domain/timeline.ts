import type { Attachment, ChatMessage, ReplyTo } from '@/api/types'
import { createChangeTracking, takeOrphanChange, type ChangeTracking } from './changes'

/**
 * One room's messages as this client knows them, and the bookkeeping that guarantees none is missing
 * or shown twice:
 * - `messages` holds stored messages, ascending and unique by `seq` (the server's per-room order);
 * - the newest page anchors the timeline: every seq from `messages[0].seq` up to `contiguousSeq` is
 *   present, and anything the server has above it is a gap that the store fills from history
 *   (`afterSeq = contiguousSeq`) until `contiguousSeq` reaches `knownSeq`;
 * - older pages (`beforeSeq = messages[0].seq`) extend it downwards, gap-free by construction;
 * - `pending` holds this user's optimistic sends until the stored copy (same clientMessageId) arrives.
 *
 * Plain data and functions, so that a Pinia store can hold it reactively and tests can drive it alone.
 */
export interface Timeline {
  roomId: string
  messages: ChatMessage[]
  pending: PendingMessage[]
  /** The newest page is in: from now on live messages are kept and gaps are filled. */
  opened: boolean
  /** History exists before `messages[0]`. */
  hasOlder: boolean
  /** Every message up to this seq is held (from `messages[0]` on); 0 for an empty room. */
  contiguousSeq: number
  /** The highest seq the server said exists (JoinRoom's lastSeq, live messages). */
  knownSeq: number
  /** Changes to existing messages (edits, deletes, reactions): see `changes.ts`. */
  changes: ChangeTracking
}

export type PendingStatus = 'sending' | 'queued' | 'failed'

export interface PendingMessage {
  clientMessageId: string
  roomId: string
  userId: string
  username: string
  content: string
  createdAt: number
  /** sending: in flight; queued: the connection is down, sent again once it is back; failed: refused. */
  status: PendingStatus
  error?: string
  replyTo?: ReplyTo
  attachments?: Attachment[]
}

export function createTimeline(roomId: string): Timeline {
  return {
    roomId,
    messages: [],
    pending: [],
    opened: false,
    hasOlder: true,
    contiguousSeq: 0,
    knownSeq: 0,
    changes: createChangeTracking(),
  }
}

/** Index of the first message with seq >= `seq`. */
export function lowerBound(messages: readonly ChatMessage[], seq: number): number {
  let lo = 0
  let hi = messages.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (messages[mid].seq < seq) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Adds stored messages of this room in any order. A seq already present is ignored (a live push and
 * a history page may carry the same message); a message of `selfId` replaces the optimistic copy
 * with its clientMessageId. Returns how many were new.
 */
export function addMessages(timeline: Timeline, incoming: readonly ChatMessage[], selfId: string | null): number {
  let added = 0
  for (const message of incoming) {
    if (message.roomId !== timeline.roomId) continue
    if (message.clientMessageId && message.userId === selfId) {
      removePending(timeline, message.clientMessageId)
    }
    const at = lowerBound(timeline.messages, message.seq)
    if (timeline.messages[at]?.seq === message.seq) continue
    // A change that arrived before the message itself did is its newer state.
    timeline.messages.splice(at, 0, takeOrphanChange(timeline.changes, message))
    added++
    if (message.seq > timeline.knownSeq) timeline.knownSeq = message.seq
    if (message.seq === 1) timeline.hasOlder = false
  }
  if (added > 0) advanceContiguous(timeline)
  return added
}

/** Moves `contiguousSeq` over every message that now follows it without a hole. */
function advanceContiguous(timeline: Timeline): void {
  const { messages } = timeline
  let i = lowerBound(messages, timeline.contiguousSeq + 1)
  while (i < messages.length && messages[i].seq === timeline.contiguousSeq + 1) {
    timeline.contiguousSeq++
    i++
  }
}

/**
 * Applies the newest page (no cursor) and opens the timeline. The page is gap-free and ends at what
 * the server had then: it anchors `contiguousSeq`; later messages must connect to it.
 */
export function applyNewestPage(timeline: Timeline, page: readonly ChatMessage[], limit: number, selfId: string | null): void {
  addMessages(timeline, page, selfId)
  const newest = page.at(-1)?.seq ?? 0
  if (newest > timeline.contiguousSeq) timeline.contiguousSeq = newest
  advanceContiguous(timeline)
  if (page.length < limit) timeline.hasOlder = false
  timeline.opened = true
}

/** Records that the server has messages up to `seq` (from JoinRoom's lastSeq or a live push). */
export function noteKnownSeq(timeline: Timeline, seq: number): void {
  if (seq > timeline.knownSeq) timeline.knownSeq = seq
}

/** True when messages this client should show are missing: fetch `afterSeq = contiguousSeq`. */
export function hasGap(timeline: Timeline): boolean {
  return timeline.opened && timeline.knownSeq > timeline.contiguousSeq
}

/**
 * Fills the gap after `contiguousSeq` from history, page by page (`afterSeq`, ascending), until no
 * gap is left. Live messages that land meanwhile raise `knownSeq` and are caught up in the same run.
 * Stops early when a page brings no progress: the server has nothing more to give now.
 */
export async function catchUp(
  timeline: Timeline,
  fetchAfter: (afterSeq: number) => Promise<ChatMessage[]>,
  selfId: string | null,
): Promise<void> {
  while (hasGap(timeline)) {
    const before = timeline.contiguousSeq
    addMessages(timeline, await fetchAfter(before), selfId)
    if (timeline.contiguousSeq === before) return
  }
}

/** Applies a page of older history (`beforeSeq = messages[0].seq`). */
export function applyOlderPage(timeline: Timeline, page: readonly ChatMessage[], limit: number, selfId: string | null): void {
  addMessages(timeline, page, selfId)
  if (page.length < limit) timeline.hasOlder = false
}

/**
 * Forgets the stored messages (pending sends stay) so that the newest page is loaded again: cheaper
 * than catching up through a very long gap, and older history stays reachable by scrolling back.
 */
export function resetToNewest(timeline: Timeline): void {
  timeline.messages = []
  timeline.contiguousSeq = 0
  timeline.hasOlder = true
  timeline.opened = false
  timeline.changes = createChangeTracking()
}

export function firstSeq(timeline: Timeline): number | undefined {
  return timeline.messages[0]?.seq
}

export function addPending(timeline: Timeline, pending: PendingMessage): void {
  timeline.pending.push(pending)
}

export function findPending(timeline: Timeline, clientMessageId: string): PendingMessage | undefined {
  return timeline.pending.find((p) => p.clientMessageId === clientMessageId)
}

export function removePending(timeline: Timeline, clientMessageId: string): void {
  const at = timeline.pending.findIndex((p) => p.clientMessageId === clientMessageId)
  if (at >= 0) timeline.pending.splice(at, 1)
}
