import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '@/api/types'
import { displayMessages, groupMessages, groupPauseMs } from '@/domain/grouping'
import { addMessages, addPending, createTimeline } from '@/domain/timeline'

const base = new Date(2025, 2, 15, 23, 50, 0).getTime()
let seq = 0
function message(userId: string, offsetMs: number, clientMessageId?: string): ChatMessage {
  seq++
  return { id: `general:${seq}`, roomId: 'general', seq, userId, username: userId, content: `m${seq}`, messageType: 'text', createdAt: base + offsetMs, clientMessageId, reactions: [] }
}

describe('message grouping', () => {
  it('groups consecutive messages of one sender and splits them by day', () => {
    seq = 0
    const timeline = createTimeline('general')
    addMessages(
      timeline,
      [message('alice', 0), message('alice', 1000), message('bob', 2000), message('bob', 11 * 60_000), message('bob', 11 * 60_000 + 1000)],
      null,
    )
    const days = groupMessages(displayMessages(timeline), 'alice')

    expect(days).toHaveLength(2) // the last two are after midnight
    expect(days[0].groups.map((g) => [g.username, g.messages.length, g.mine])).toEqual([
      ['alice', 2, true],
      ['bob', 1, false],
    ])
    expect(days[1].groups.map((g) => g.messages.length)).toEqual([2])
  })

  it('starts a new group when the sender pauses', () => {
    seq = 0
    const timeline = createTimeline('general')
    addMessages(timeline, [message('alice', -groupPauseMs * 2), message('alice', 0)], null)
    expect(groupMessages(displayMessages(timeline), null)[0].groups).toHaveLength(2)
  })

  it('gives an optimistic message and its stored copy the same key, so the line is updated in place', () => {
    seq = 0
    const timeline = createTimeline('general')
    addPending(timeline, { clientMessageId: 'c1', roomId: 'general', userId: 'alice', username: 'alice', content: 'hi', createdAt: base, status: 'sending' })
    const before = displayMessages(timeline)[0].key
    addMessages(timeline, [message('alice', 0, 'c1')], 'alice')
    const after = displayMessages(timeline)

    expect(after).toHaveLength(1)
    expect(after[0].key).toBe(before)
    expect(after[0].status).toBeUndefined()
  })
})
