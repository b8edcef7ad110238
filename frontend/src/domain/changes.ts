import type { ChatMessage } from '@/api/types'
import { lowerBound, type Timeline } from './timeline'

/**
 * How a timeline follows changes to messages it already holds (edits, deletes, reactions). Each room numbers its
 * changes with `changeSeq`; every change carries the message's whole current state. Guarantees:
 * - no change is missed: `contiguous` says every change up to it was seen; a live change beyond `contiguous + 1` or
 *   a higher `lastChangeSeq` from JoinRoom is a gap that the store fetches (`GET .../changes?afterChange=`);
 * - order does not matter: a message only takes a change newer than the last it took (`applied`), so a late
 *   catch-up page never undoes a newer live change;
 * - a change for a message not held yet (it is still loading) is kept in `orphans` and applied when it lands.
 * The baseline (`ready`) is taken before the newest page is loaded, so the page already reflects every change up to
 * it and catching up from there cannot miss one.
 */
export interface ChangeTracking {
  /** The baseline is known: gaps can be caught up. */
  ready: boolean
  /** Every change up to this changeSeq has been seen. */
  contiguous: number
  /** The highest changeSeq the server said exists. */
  known: number
  /** Per message seq: the changeSeq of the state it shows. */
  applied: Record<number, number>
  /** Per message seq: the newest change seen for a message that is not in the timeline. */
  orphans: Record<number, { changeSeq: number; message: ChatMessage }>
}

/** Orphans are a short-lived buffer (messages in flight); beyond this the oldest are dropped. */
export const maxOrphans = 500

export function createChangeTracking(): ChangeTracking {
  return { ready: false, contiguous: 0, known: 0, applied: {}, orphans: {} }
}

/** The change feed's position when the newest page is about to be loaded. */
export function setChangeBaseline(tracking: ChangeTracking, lastChangeSeq: number): void {
  tracking.ready = true
  tracking.contiguous = Math.max(tracking.contiguous, lastChangeSeq)
  noteKnownChange(tracking, lastChangeSeq)
}

export function noteKnownChange(tracking: ChangeTracking, changeSeq: number): void {
  if (changeSeq > tracking.known) tracking.known = changeSeq
}

export function hasChangeGap(tracking: ChangeTracking): boolean {
  return tracking.ready && tracking.known > tracking.contiguous
}

/**
 * Applies one change: the message takes the new state unless it already shows a newer one. Returns true when the
 * timeline shows something different.
 */
export function applyChange(timeline: Timeline, changeSeq: number, message: ChatMessage): boolean {
  const tracking = timeline.changes
  noteKnownChange(tracking, changeSeq)
  if (changeSeq === tracking.contiguous + 1) tracking.contiguous = changeSeq
  if (message.roomId !== timeline.roomId) return false
  if ((tracking.applied[message.seq] ?? 0) >= changeSeq) return false
  const at = lowerBound(timeline.messages, message.seq)
  if (timeline.messages[at]?.seq !== message.seq) {
    const orphan = tracking.orphans[message.seq]
    if (!orphan || orphan.changeSeq < changeSeq) tracking.orphans[message.seq] = { changeSeq, message }
    trimOrphans(tracking)
    return false
  }
  tracking.applied[message.seq] = changeSeq
  timeline.messages.splice(at, 1, message)
  return true
}

/** Applies a page of the change feed (ascending, gap-free from `afterChange`). */
export function applyChangePage(
  timeline: Timeline,
  afterChange: number,
  changes: readonly { changeSeq: number; message: ChatMessage }[],
  lastChangeSeq: number,
): void {
  for (const change of changes) applyChange(timeline, change.changeSeq, change.message)
  const tracking = timeline.changes
  const newest = changes.at(-1)?.changeSeq ?? afterChange
  if (newest > tracking.contiguous) tracking.contiguous = newest
  noteKnownChange(tracking, lastChangeSeq)
}

/** A message entering the timeline: the newest change already seen for it, if any, else itself. */
export function takeOrphanChange(tracking: ChangeTracking, message: ChatMessage): ChatMessage {
  const orphan = tracking.orphans[message.seq]
  if (!orphan) return message
  delete tracking.orphans[message.seq]
  tracking.applied[message.seq] = orphan.changeSeq
  return orphan.message
}

function trimOrphans(tracking: ChangeTracking): void {
  const seqs = Object.keys(tracking.orphans)
  if (seqs.length <= maxOrphans) return
  const oldest = seqs
    .map(Number)
    .sort((a, b) => tracking.orphans[a].changeSeq - tracking.orphans[b].changeSeq)
    .slice(0, seqs.length - maxOrphans)
  for (const seq of oldest) delete tracking.orphans[seq]
}
