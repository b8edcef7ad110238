import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { ApiError, chatApi } from '@/api'
import { errorFromHub, type ErrorKind } from '@/api/errors'
import type { Attachment, ChatMessage, ReplyTo, SendMessageInput } from '@/api/types'
import { newClientMessageId } from '@/domain/ids'
import { messageContent, rules } from '@/domain/rules'
import {
  addMessages,
  addPending,
  applyNewestPage,
  applyOlderPage,
  catchUp,
  createTimeline,
  findPending,
  firstSeq,
  hasGap,
  noteKnownSeq,
  removePending,
  resetToNewest,
  type Timeline,
} from '@/domain/timeline'
import { t } from '@/i18n'
import { chatRealtime } from '@/realtime'
import { notify } from '@/services/notify'
import { useAuthStore } from './auth'
import { createChangeFeed } from './changeFeed'
import { useRoomsStore } from './rooms'

/** Messages per history page when scrolling back. */
export const pageSize = 50
/** Messages per page when catching up (the server's maximum). */
export const catchUpPageSize = 200

const fillRetryFirstMs = 1000
const fillRetryMaxMs = 30_000
/** A longer gap is not caught up: the newest page is loaded afresh and the rest stays a scroll away. */
export const maxCatchUp = 1000

/** What a send may carry besides its text. */
export interface SendExtras {
  replyTo?: ReplyTo
  attachments?: Attachment[]
}

export interface RoomLoadState {
  loadingNewest: boolean
  loadingOlder: boolean
  /** Why the room cannot be shown (not_found also covers private rooms without access). */
  error: ErrorKind | null
  errorMessage: string
}

/**
 * Every room's messages for this tab, reconciled from three sources: history pages (REST), live pushes
 * (NewMessage) and this user's sends. No message is shown twice (unique seq, optimistic copies replaced
 * by clientMessageId) and none is missing (any seq gap is filled from history).
 */
export const useTimelinesStore = defineStore('timelines', () => {
  const auth = useAuthStore()
  const rooms = useRoomsStore()
  const timelines = reactive<Record<string, Timeline>>({})
  const load = reactive<Record<string, RoomLoadState>>({})
  const filling = new Map<string, Promise<void>>()
  /** A failed catch-up is retried on a timer (first after 1 s, doubling up to 30 s) until the gap is closed. */
  const fillRetries = new Map<string, ReturnType<typeof setTimeout>>()
  const fillFailures = new Map<string, number>()
  const loadingNewest = new Map<string, Promise<void>>()

  const changes = createChangeFeed(timeline, (roomId) => {
    resetToNewest(timeline(roomId))
    return loadNewest(roomId)
  })

  function timeline(roomId: string): Timeline {
    return (timelines[roomId] ??= createTimeline(roomId))
  }

  function loadState(roomId: string): RoomLoadState {
    return (load[roomId] ??= { loadingNewest: false, loadingOlder: false, error: null, errorMessage: '' })
  }

  function fail(roomId: string, error: unknown) {
    const apiError = error instanceof ApiError ? error : errorFromHub(error)
    Object.assign(loadState(roomId), { error: apiError.kind, errorMessage: apiError.message })
  }

  /** Shows a room: its newest page the first time, then whatever it missed since. */
  async function open(roomId: string): Promise<void> {
    if (!timeline(roomId).opened) await loadNewest(roomId)
    await fill(roomId)
  }

  /** The newest page; one request per room at a time. */
  function loadNewest(roomId: string): Promise<void> {
    const running = loadingNewest.get(roomId)
    if (running) return running
    const tl = timeline(roomId)
    const state = loadState(roomId)
    state.loadingNewest = true
    const run = (async () => {
      try {
        await changes.takeBaseline(roomId)
        const page = await chatApi().getMessages(roomId, { limit: pageSize })
        applyNewestPage(tl, page, pageSize, auth.userId)
        state.error = null
        if (page.length > 0) rooms.noteSeq(roomId, page[page.length - 1].seq)
      } catch (error) {
        fail(roomId, error)
      } finally {
        state.loadingNewest = false
        loadingNewest.delete(roomId)
      }
    })()
    loadingNewest.set(roomId, run)
    return run
  }

  /** Scrolls back one page. Returns how many messages were added. */
  async function loadOlder(roomId: string): Promise<number> {
    const tl = timeline(roomId)
    const state = loadState(roomId)
    const before = firstSeq(tl)
    if (!tl.opened || !tl.hasOlder || state.loadingOlder || before === undefined) return 0
    state.loadingOlder = true
    try {
      const count = tl.messages.length
      const page = await chatApi().getMessages(roomId, { beforeSeq: before, limit: pageSize })
      applyOlderPage(tl, page, pageSize, auth.userId)
      return tl.messages.length - count
    } catch (error) {
      notify().error(t('chat.historyFailed', { reason: (error as Error).message }))
      return 0
    } finally {
      state.loadingOlder = false
    }
  }

  /** Fills the room's seq gap from history; one run per room at a time. Failures wait for the next trigger. */
  function fill(roomId: string): Promise<void> {
    const running = filling.get(roomId)
    if (running) return running
    const tl = timeline(roomId)
    if (!hasGap(tl)) return Promise.resolve()
    if (tl.knownSeq - tl.contiguousSeq > maxCatchUp) {
      resetToNewest(tl)
      return loadNewest(roomId)
    }
    const run = (async () => {
      try {
        await catchUp(tl, (afterSeq) => chatApi().getMessages(roomId, { afterSeq, limit: catchUpPageSize }), auth.userId)
        fillFailures.delete(roomId)
      } catch (error) {
        // No further event may come to trigger another fill (the room went quiet), so retry on a timer, backing off.
        const failures = (fillFailures.get(roomId) ?? 0) + 1
        fillFailures.set(roomId, failures)
        const delay = Math.min(fillRetryMaxMs, fillRetryFirstMs * 2 ** (failures - 1))
        console.warn(`Catching up ${roomId} failed; retrying in ${delay} ms.`, error)
        clearTimeout(fillRetries.get(roomId))
        fillRetries.set(roomId, setTimeout(() => {
          fillRetries.delete(roomId)
          void fill(roomId)
        }, delay))
      } finally {
        filling.delete(roomId)
      }
    })()
    filling.set(roomId, run)
    return run
  }

  /** A stored message from anywhere: a live push, a send's answer, another tab of this user. */
  function accept(message: ChatMessage) {
    const tl = timeline(message.roomId)
    noteKnownSeq(tl, message.seq)
    rooms.noteSeq(message.roomId, message.seq, message.userId === auth.userId)
    if (!tl.opened) return
    addMessages(tl, [message], auth.userId)
    if (hasGap(tl)) void fill(message.roomId)
  }

  /**
   * The server says the room has messages up to `seq` and changes up to `lastChangeSeq` (JoinRoom, after every
   * reconnect): missed messages and missed edits are caught up. Without `lastChangeSeq` the feed is asked.
   */
  function noteLastSeq(roomId: string, seq: number, lastChangeSeq?: number) {
    noteKnownSeq(timeline(roomId), seq)
    rooms.noteSeq(roomId, seq)
    void fill(roomId)
    changes.noteLastChangeSeq(roomId, lastChangeSeq)
  }

  /**
   * Sends with an optimistic copy on screen at once. Returns false when the text cannot be sent
   * (empty or too long: nothing leaves the browser).
   */
  async function send(roomId: string, text: string, extras: SendExtras = {}): Promise<boolean> {
    const attachments = extras.attachments ?? []
    // A picture needs no words: its file name stands in for them (the contract wants 1-4000 characters).
    const { content, valid, tooLong } = messageContent(text.trim() || attachments.map((a) => a.fileName).join(', '))
    if (tooLong) {
      notify().error(t('chat.tooLong', { max: rules.contentMax, length: content.length }))
    }
    if (!valid || !auth.user) return false
    const clientMessageId = newClientMessageId()
    addPending(timeline(roomId), {
      clientMessageId,
      roomId,
      userId: auth.user.id,
      username: auth.user.username,
      content,
      createdAt: Date.now(),
      status: 'sending',
      replyTo: extras.replyTo,
      attachments,
    })
    await deliver(roomId, clientMessageId)
    return true
  }

  /**
   * One attempt for a pending message: over the live connection when it is up, else over REST. The same
   * clientMessageId makes every retry safe: the server stores the message once.
   */
  async function deliver(roomId: string, clientMessageId: string) {
    const pending = findPending(timeline(roomId), clientMessageId)
    if (!pending) return
    pending.status = 'sending'
    pending.error = undefined
    try {
      const realtime = chatRealtime()
      const input: SendMessageInput = { roomId, content: pending.content, clientMessageId }
      if (pending.replyTo) input.replyToSeq = pending.replyTo.seq
      if (pending.attachments?.length) input.attachmentIds = pending.attachments.map((a) => a.id)
      // Replies and attachments go over REST: the contract names them there (the hub's send is the seed's).
      const plain = input.replyToSeq === undefined && input.attachmentIds === undefined
      const stored =
        realtime.status === 'connected' && plain
          ? await realtime.sendMessage(roomId, pending.content, clientMessageId)
          : await chatApi().sendMessage(input)
      accept(stored)
      removePending(timeline(roomId), clientMessageId)
    } catch (error) {
      const apiError = error instanceof ApiError ? error : errorFromHub(error)
      const current = findPending(timeline(roomId), clientMessageId)
      if (!current) return
      if (apiError.transient) {
        current.status = 'queued'
        return
      }
      current.status = 'failed'
      current.error = apiError.message
      notify().error(
        apiError.kind === 'rate_limited' ? t('chat.rateLimited') : t('chat.refused', { reason: apiError.message }),
      )
    }
  }

  function retry(roomId: string, clientMessageId: string): Promise<void> {
    return deliver(roomId, clientMessageId)
  }

  function discard(roomId: string, clientMessageId: string) {
    removePending(timeline(roomId), clientMessageId)
  }

  /** Sends what waited for the connection, oldest first per room. */
  async function flushQueued() {
    await Promise.all(
      Object.values(timelines).map(async (tl) => {
        const queued = tl.pending.filter((p) => p.status === 'queued').map((p) => p.clientMessageId)
        for (const id of queued) await deliver(tl.roomId, id)
      }),
    )
  }

  function reset() {
    for (const id of Object.keys(timelines)) delete timelines[id]
    for (const id of Object.keys(load)) delete load[id]
    filling.clear()
    for (const timer of fillRetries.values()) clearTimeout(timer)
    fillRetries.clear()
    fillFailures.clear()
    loadingNewest.clear()
    changes.clear()
  }

  return {
    timelines,
    loadStates: load,
    timeline,
    loadState,
    open,
    loadOlder,
    fill,
    accept,
    noteLastSeq,
    applyUpdate: changes.applyUpdate,
    catchUpChanges: changes.catchUp,
    send,
    retry,
    discard,
    flushQueued,
    reset,
  }
})
