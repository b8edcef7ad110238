import { describe, expect, it } from 'vitest'
import { useRoomsStore } from '@/stores/rooms'
import { alice } from './fakes'
import { signedInAs } from './setup'

describe('unread counts', () => {
  it('count messages that arrive in a joined room while another room is on screen', () => {
    signedInAs(alice)
    const rooms = useRoomsStore()
    rooms.markJoined('general')
    rooms.markJoined('tech')
    rooms.noteSeq('tech', 10) // first sight of the room: its history counts as read
    rooms.setActive('general')

    rooms.noteSeq('tech', 11)
    rooms.noteSeq('tech', 12)
    expect(rooms.unread('tech')).toBe(2)

    rooms.setActive('tech')
    expect(rooms.unread('tech')).toBe(0)
    rooms.setActive('general')
    expect(rooms.unread('tech')).toBe(0)
  })

  it("do not count the user's own messages from another tab", () => {
    signedInAs(alice)
    const rooms = useRoomsStore()
    rooms.markJoined('tech')
    rooms.noteSeq('tech', 5)
    rooms.setActive('general')

    rooms.noteSeq('tech', 6, true)
    expect(rooms.unread('tech')).toBe(0)
  })

  it('survive a reload, per user', () => {
    signedInAs(alice)
    const rooms = useRoomsStore()
    rooms.markJoined('tech')
    rooms.noteSeq('tech', 3)
    rooms.markRead('tech', 3)
    const saved = JSON.parse(localStorage.getItem(`chat.rooms.${alice.id}`)!)

    expect(saved).toEqual({ joined: ['tech'], lastRead: { tech: 3 } })
  })
})
