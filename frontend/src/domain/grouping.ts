import type { Attachment, ChatMessage, MessageType, Reaction, ReplyTo } from '@/api/types'
import { dayKey, toMilliseconds } from './time'
import type { PendingStatus, Timeline } from './timeline'

/** A line in the message list: a stored message or an optimistic one still on its way. */
export interface DisplayMessage {
  /** Stable across reconciliation: an optimistic message and its stored copy share it. */
  key: string
  userId: string
  username: string
  content: string
  createdAt: number
  messageType: MessageType
  seq?: number
  /** Set while the message is not stored yet. */
  status?: PendingStatus
  clientMessageId?: string
  error?: string
  roomId?: string
  editedAt?: number
  deleted?: boolean
  replyTo?: ReplyTo
  reactions?: Reaction[]
  attachments?: Attachment[]
}

/** Consecutive messages of one sender, close in time. */
export interface MessageGroup {
  key: string
  userId: string
  username: string
  messageType: MessageType
  mine: boolean
  messages: DisplayMessage[]
}

export interface DaySection {
  key: string
  /** A time on that day, for its label. */
  at: number
  groups: MessageGroup[]
}

/** A new group starts when the sender pauses this long. */
export const groupPauseMs = 5 * 60 * 1000

function keyOf(message: ChatMessage): string {
  return message.clientMessageId ? `c:${message.userId}:${message.clientMessageId}` : `s:${message.seq}`
}

/** Stored messages in seq order, then this user's pending ones in the order they were written. */
export function displayMessages(timeline: Timeline): DisplayMessage[] {
  const stored: DisplayMessage[] = timeline.messages.map((m) => ({
    key: keyOf(m),
    userId: m.userId,
    username: m.username,
    content: m.content,
    createdAt: toMilliseconds(m.createdAt),
    messageType: m.messageType,
    seq: m.seq,
    clientMessageId: m.clientMessageId ?? undefined,
    roomId: m.roomId,
    editedAt: m.editedAt ?? undefined,
    deleted: m.deleted ?? undefined,
    replyTo: m.replyTo ?? undefined,
    reactions: m.reactions ?? [],
    attachments: m.attachments ?? [],
  }))
  const pending: DisplayMessage[] = timeline.pending.map((p) => ({
    key: `c:${p.userId}:${p.clientMessageId}`,
    userId: p.userId,
    username: p.username,
    content: p.content,
    createdAt: p.createdAt,
    messageType: 'text',
    status: p.status,
    clientMessageId: p.clientMessageId,
    error: p.error,
    roomId: p.roomId,
    replyTo: p.replyTo,
    reactions: [],
    attachments: p.attachments ?? [],
  }))
  return stored.concat(pending)
}

/** Splits messages into days, and each day into runs of one sender (system messages stand alone). */
export function groupMessages(items: readonly DisplayMessage[], selfId: string | null): DaySection[] {
  const days: DaySection[] = []
  let day: DaySection | undefined
  let group: MessageGroup | undefined
  let previous: DisplayMessage | undefined

  for (const item of items) {
    const itemDay = dayKey(item.createdAt)
    if (!day || day.key !== itemDay) {
      day = { key: itemDay, at: item.createdAt, groups: [] }
      days.push(day)
      group = undefined
    }
    const continues =
      group !== undefined &&
      previous !== undefined &&
      group.userId === item.userId &&
      item.messageType === 'text' &&
      group.messageType === 'text' &&
      item.createdAt - previous.createdAt < groupPauseMs
    if (!continues) {
      group = {
        key: item.key,
        userId: item.userId,
        username: item.username,
        messageType: item.messageType,
        mine: item.userId === selfId,
        messages: [],
      }
      day.groups.push(group)
    }
    group!.messages.push(item)
    previous = item
  }
  return days
}
