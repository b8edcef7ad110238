import type { Attachment, ChatMessage, Reaction, ReplyTo } from '@/api/types'
import { lowerBound, type Timeline } from './timeline'

/** The reaction picker's curated set: what people react with most, no emoji library to download. */
export const emojiSet = ['👍', '👎', '❤️', '😂', '🎉', '😮', '😢', '😡', '🙏', '👀', '🔥', '✅', '❌', '🚀', '💯', '🤔', '👏', '😊', '🙌', '💡', '⚠️', '☕', '🐛', '✨'] as const

/** Longest reply excerpt shown before the server's own excerpt arrives. */
export const excerptLength = 120
/** The contract's bound on distinct emoji per message. */
export const maxDistinctReactions = 20

export function findMessage(timeline: Timeline, seq: number): ChatMessage | undefined {
  const at = lowerBound(timeline.messages, seq)
  const message = timeline.messages[at]
  return message?.seq === seq ? message : undefined
}

/** Replaces a held message with a newer state of it (an answer to this user's own edit or delete). */
export function replaceMessage(timeline: Timeline, message: ChatMessage): void {
  const at = lowerBound(timeline.messages, message.seq)
  if (timeline.messages[at]?.seq === message.seq) timeline.messages.splice(at, 1, message)
}

/** The reactions after `userId` toggles `emoji` on or off (what the server will answer, shown at once). */
export function toggledReactions(reactions: readonly Reaction[], emoji: string, userId: string, on: boolean): Reaction[] {
  const next = reactions.map((r) => ({ ...r, userIds: [...r.userIds] }))
  let entry = next.find((r) => r.emoji === emoji)
  if (on && !entry) next.push((entry = { emoji, count: 0, userIds: [] }))
  if (!entry) return next
  const has = entry.userIds.includes(userId)
  if (on && !has) {
    entry.userIds.push(userId)
    entry.count++
  } else if (!on && has) {
    entry.userIds = entry.userIds.filter((id) => id !== userId)
    entry.count--
  }
  return next.filter((r) => r.count > 0)
}

/** What a message looks like once deleted: the seq and author stay, everything said is gone. */
export function deletedState(message: ChatMessage): ChatMessage {
  return { ...message, content: '', deleted: true, reactions: [], attachments: [], replyTo: null }
}

/** A reply's quote of `message`, as the composer shows it until the server's own excerpt comes back. */
export function replyTarget(message: Pick<ChatMessage, 'seq' | 'userId' | 'username' | 'content'>): ReplyTo {
  const flat = message.content.replace(/\s+/g, ' ').trim()
  return {
    seq: message.seq,
    userId: message.userId,
    username: message.username,
    excerpt: flat.length > excerptLength ? `${flat.slice(0, excerptLength - 1)}…` : flat,
  }
}

export function isImage(attachment: Attachment): boolean {
  return /^image\/(png|jpeg|gif|webp)$/i.test(attachment.contentType)
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
