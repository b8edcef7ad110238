import { chatApi } from '@/api'
import type { MessageUpdate } from '@/api/types'
import { applyChange, applyChangePage, hasChangeGap, noteKnownChange, setChangeBaseline } from '@/domain/changes'
import type { Timeline } from '@/domain/timeline'

/** Changes per page when catching up (the server's maximum). */
export const changePageSize = 200
/** A longer run of missed changes is not replayed: the newest page is loaded afresh (it shows them all). */
export const maxChangeCatchUp = 2000

/**
 * The timelines store's side of the per-room change feed (domain/changes.ts): the baseline before a room's newest
 * page, live `MessageUpdated` events, and catching up (`GET .../changes?afterChange=`) whenever a changeSeq was
 * skipped or a reconnect says the room has newer changes, so an edit made while this tab was offline still shows.
 */
export function createChangeFeed(timeline: (roomId: string) => Timeline, reload: (roomId: string) => Promise<void>) {
  const running = new Map<string, Promise<void>>()

  /**
   * Where the room's change feed is before its newest page loads, so that catching up from there misses no edit.
   * A server without the change feed leaves the baseline unknown: live changes still apply, nothing is caught up.
   */
  async function takeBaseline(roomId: string) {
    const tracking = timeline(roomId).changes
    if (tracking.ready) return
    try {
      setChangeBaseline(tracking, (await chatApi().getChanges(roomId, 0, 1)).lastChangeSeq)
    } catch (error) {
      console.warn(`No change feed for ${roomId}; edits made while offline show after a reload.`, error)
    }
  }

  /** JoinRoom's `lastChangeSeq` (after every reconnect); without it, the feed is asked whether anything changed. */
  function noteLastChangeSeq(roomId: string, lastChangeSeq: number | undefined) {
    const tracking = timeline(roomId).changes
    if (lastChangeSeq !== undefined) noteKnownChange(tracking, lastChangeSeq)
    else if (tracking.ready) noteKnownChange(tracking, tracking.contiguous + 1)
    void catchUp(roomId)
  }

  /** `MessageUpdated`: an edit, delete or reaction, live. A skipped changeSeq is caught up from the feed. */
  function applyUpdate(update: MessageUpdate) {
    const tl = timeline(update.roomId)
    applyChange(tl, update.changeSeq, update.message)
    if (hasChangeGap(tl.changes)) void catchUp(update.roomId)
  }

  /** Replays the change feed from the last change seen; one run per room at a time. */
  function catchUp(roomId: string): Promise<void> {
    const current = running.get(roomId)
    if (current) return current
    const tl = timeline(roomId)
    if (!tl.opened || !hasChangeGap(tl.changes)) return Promise.resolve()
    if (tl.changes.known - tl.changes.contiguous > maxChangeCatchUp) return reload(roomId)
    const run = (async () => {
      try {
        while (hasChangeGap(tl.changes)) {
          const after = tl.changes.contiguous
          const page = await chatApi().getChanges(roomId, after, changePageSize)
          applyChangePage(tl, after, page.changes, page.lastChangeSeq)
          // Nothing beyond what we have (a probe after a reconnect, or the server's answer lags): stop here.
          if (tl.changes.contiguous === after) {
            tl.changes.known = after
            break
          }
        }
      } catch (error) {
        console.warn(`Catching up changes in ${roomId} failed; retrying on the next event.`, error)
      } finally {
        running.delete(roomId)
      }
    })()
    running.set(roomId, run)
    return run
  }

  return { takeBaseline, noteLastChangeSeq, applyUpdate, catchUp, clear: () => running.clear() }
}
