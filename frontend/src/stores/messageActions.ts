import { defineStore } from 'pinia'
import { reactive, ref, watch } from 'vue'
import { ApiError, chatApi } from '@/api'
import { errorFromHub } from '@/api/errors'
import type { ChatMessage, ReplyTo } from '@/api/types'
import { deletedState, findMessage, maxDistinctReactions, replaceMessage, replyTarget, toggledReactions } from '@/domain/messageEdits'
import { messageContent, rules } from '@/domain/rules'
import { applyOlderPage, firstSeq } from '@/domain/timeline'
import { t } from '@/i18n'
import { releaseAttachmentUrls } from '@/services/attachmentUrls'
import { notify } from '@/services/notify'
import { useAuthStore } from './auth'
import { useTimelinesStore } from './timelines'

/** History loaded to reach a quoted or found message: this many messages back at most. */
export const maxJumpBack = 5000
const jumpPage = 200

/** A request to bring one message into view and highlight it (a reply quote or a search hit was opened). */
export interface FocusRequest {
  roomId: string
  seq: number
  /** Opening the same message twice highlights it twice. */
  nonce: number
}

/**
 * What a user does to messages that exist: edit, delete, react, reply, and jumping to one. Each change shows at
 * once where that is safe (reactions, deletes) and is confirmed by the server's `MessageUpdated`, which the
 * timelines store applies in changeSeq order; a refusal puts the previous state back and says why.
 */
export const useMessageActionsStore = defineStore('messageActions', () => {
  const auth = useAuthStore()
  const timelines = useTimelinesStore()
  /** Per room: the message the composer is replying to. */
  const replyingTo = reactive<Record<string, ReplyTo | undefined>>({})
  const focus = ref<FocusRequest | null>(null)
  let nonce = 0

  function refused(error: unknown, key: 'actions.editFailed' | 'actions.deleteFailed' | 'actions.reactFailed') {
    const apiError = error instanceof ApiError ? error : errorFromHub(error)
    notify().error(t(key, { reason: apiError.message }))
  }

  /** Returns true when the server stored the new text. */
  async function edit(roomId: string, seq: number, text: string): Promise<boolean> {
    const { content, valid, tooLong } = messageContent(text)
    if (tooLong) notify().error(t('chat.tooLong', { max: rules.contentMax, length: content.length }))
    if (!valid) return false
    const current = findMessage(timelines.timeline(roomId), seq)
    if (current?.content === content) return true
    try {
      replaceMessage(timelines.timeline(roomId), await chatApi().editMessage(roomId, seq, content))
      return true
    } catch (error) {
      refused(error, 'actions.editFailed')
      return false
    }
  }

  async function remove(roomId: string, seq: number): Promise<boolean> {
    const tl = timelines.timeline(roomId)
    const before = findMessage(tl, seq)
    if (before) replaceMessage(tl, deletedState(before))
    try {
      await chatApi().deleteMessage(roomId, seq)
      if (replyingTo[roomId]?.seq === seq) replyingTo[roomId] = undefined
      return true
    } catch (error) {
      const now = findMessage(tl, seq)
      if (before && now?.deleted && !before.deleted) replaceMessage(tl, before)
      refused(error, 'actions.deleteFailed')
      return false
    }
  }

  /** Adds this user's reaction, or takes it back when it is there already. */
  async function toggleReaction(roomId: string, seq: number, emoji: string): Promise<void> {
    const tl = timelines.timeline(roomId)
    const message = findMessage(tl, seq)
    const self = auth.userId
    if (!message || !self || message.deleted) return
    const reactions = message.reactions ?? []
    const on = !reactions.some((r) => r.emoji === emoji && r.userIds.includes(self))
    if (on && !reactions.some((r) => r.emoji === emoji) && reactions.length >= maxDistinctReactions) {
      notify().error(t('actions.tooManyReactions', { max: maxDistinctReactions }))
      return
    }
    replaceMessage(tl, { ...message, reactions: toggledReactions(reactions, emoji, self, on) })
    try {
      if (on) await chatApi().addReaction(roomId, seq, emoji)
      else await chatApi().removeReaction(roomId, seq, emoji)
    } catch (error) {
      const now = findMessage(tl, seq)
      if (now) replaceMessage(tl, { ...now, reactions: toggledReactions(now.reactions ?? [], emoji, self, !on) })
      refused(error, 'actions.reactFailed')
    }
  }

  function startReply(roomId: string, message: Pick<ChatMessage, 'seq' | 'userId' | 'username' | 'content'>) {
    replyingTo[roomId] = replyTarget(message)
  }

  function cancelReply(roomId: string) {
    replyingTo[roomId] = undefined
  }

  /** Asks the room's list to show message `seq` (MessageList loads history back to it and highlights it). */
  function focusMessage(roomId: string, seq: number) {
    focus.value = { roomId, seq, nonce: ++nonce }
  }

  /**
   * Loads older history until message `seq` is held (gap-free, page by page). Returns false when it is out of
   * reach: beyond `maxJumpBack`, or the history could not be loaded.
   */
  async function loadBackTo(roomId: string, seq: number): Promise<boolean> {
    await timelines.open(roomId)
    const tl = timelines.timeline(roomId)
    let loaded = 0
    while ((firstSeq(tl) ?? 0) > seq && tl.hasOlder && loaded < maxJumpBack) {
      try {
        const page = await chatApi().getMessages(roomId, { beforeSeq: firstSeq(tl), limit: jumpPage })
        applyOlderPage(tl, page, jumpPage, auth.userId)
        loaded += page.length
      } catch (error) {
        notify().error(t('chat.historyFailed', { reason: (error as Error).message }))
        return false
      }
    }
    return findMessage(tl, seq) !== undefined
  }

  function reset() {
    for (const id of Object.keys(replyingTo)) delete replyingTo[id]
    focus.value = null
  }

  // Signing out forgets drafts and every downloaded file.
  watch(
    () => auth.signedIn,
    (signedIn) => {
      if (signedIn) return
      reset()
      releaseAttachmentUrls()
    },
  )

  return { replyingTo, focus, edit, remove, toggleReaction, startReply, cancelReply, focusMessage, loadBackTo, reset }
})
