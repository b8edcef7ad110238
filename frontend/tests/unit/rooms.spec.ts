import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import { useRoomsStore } from '@/stores/rooms'
import { useSessionStore } from '@/stores/session'
import { alice, bob } from './fakes'
import { generalRoom, mentioning } from './fakeConversations'
import { signedInAs } from './setup'

/** A signed-in tab whose live connection is up and whose rooms came from the server. */
async function connected() {
  const context = signedInAs(alice)
  useSessionStore().start()
  await context.realtime.ready()
  return { ...context, rooms: useRoomsStore() }
}

describe('server-side rooms and read state', () => {
  it('come from the server on connect, with unread and mention counts, and every room is joined live', async () => {
    const context = signedInAs(alice)
    context.server.postMany('general', bob, 5)
    context.api.memberships.set('general', { ...context.api.memberships.get('general')!, lastReadSeq: 2, mentionCount: 1 })
    useSessionStore().start()
    await context.realtime.ready()
    const rooms = useRoomsStore()

    expect(rooms.joined).toEqual(['general'])
    expect(context.realtime.joins).toContain('general')
    expect(rooms.unread('general')).toBe(3)
    expect(rooms.mentions('general')).toBe(1)
    expect(rooms.totalUnread).toBe(3)
  })

  it('count live messages in a room not on screen, and the room on screen is read on the server at once', async () => {
    const { rooms, api, server } = await connected()
    rooms.addMine({ ...generalRoom, id: 'tech', name: 'tech', lastSeq: 0, lastReadSeq: 0, unreadCount: 0, mentionCount: 0, lastChangeSeq: 0, lastMessageAt: null })
    rooms.setActive('general')

    server.post('tech', bob, 'one')
    rooms.noteSeq('tech', 1)
    server.post('general', bob, 'hello')
    rooms.noteSeq('general', 1)

    expect(rooms.unread('tech')).toBe(1)
    expect(rooms.unread('general')).toBe(0)
    expect(api.reads).toEqual([{ roomId: 'general', seq: 1 }])
  })

  it('do not mark the room on screen read while the page is hidden, and do when it shows again', async () => {
    const { rooms, api, server } = await connected()
    rooms.setActive('general')
    rooms.setPageVisible(false)

    server.postMany('general', bob, 2)
    rooms.noteSeq('general', 2)
    expect(rooms.unread('general')).toBe(2)
    expect(api.reads).toEqual([])

    rooms.setPageVisible(true)
    expect(rooms.unread('general')).toBe(0)
    expect(api.reads).toEqual([{ roomId: 'general', seq: 2 }])
  })

  it('agree with another device: its ReadUpdated clears the badge here, and a stale one moves nothing back', async () => {
    const { rooms, realtime, server } = await connected()
    server.postMany('general', bob, 4)
    rooms.noteSeq('general', 4)
    expect(rooms.unread('general')).toBe(4)

    realtime.events?.readUpdated?.({ roomId: 'general', lastReadSeq: 4 })
    expect(rooms.unread('general')).toBe(0)
    realtime.events?.readUpdated?.({ roomId: 'general', lastReadSeq: 1 })
    expect(rooms.unread('general')).toBe(0)
  })

  it('send read positions forward only, one request per room at a time with the newest one waiting', async () => {
    const { rooms, api, server } = await connected()
    server.postMany('general', bob, 3)
    rooms.noteSeq('general', 3)
    let release: () => void = () => {}
    api.markRead.mockImplementationOnce(async (roomId: string, seq: number) => {
      api.reads.push({ roomId, seq })
      await new Promise<void>((resolve) => (release = resolve))
    })

    rooms.markRead('general', 1)
    rooms.markRead('general', 2)
    rooms.markRead('general', 3)
    rooms.markRead('general', 2)
    expect(api.reads).toEqual([{ roomId: 'general', seq: 1 }])

    release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(api.reads).toEqual([
      { roomId: 'general', seq: 1 },
      { roomId: 'general', seq: 3 },
    ])
  })

  it("do not count the user's own messages", async () => {
    const { rooms, server } = await connected()
    rooms.setActive(null)
    server.post('general', alice, 'mine')
    rooms.noteSeq('general', 1, true)
    expect(rooms.unread('general')).toBe(0)
  })

  it('count a live mention of the user until they read past it', async () => {
    const { rooms, server, realtime } = await connected()
    rooms.setActive(null)
    const plain = server.post('general', bob, 'hello all')
    const mention = mentioning(server.post('general', bob, '@alice look'), [alice.id])
    realtime.events?.message(plain)
    realtime.events?.message(mention)

    expect(rooms.unread('general')).toBe(2)
    expect(rooms.mentions('general')).toBe(1)
    rooms.markRead('general', 1)
    expect(rooms.mentions('general')).toBe(1)
    rooms.markRead('general', 2)
    expect(rooms.mentions('general')).toBe(0)
  })

  it('drop a room the server no longer lists when they are loaded again', async () => {
    const { rooms, api } = await connected()
    api.memberships.delete('general')
    await rooms.load()
    expect(rooms.joined).toEqual([])
    expect(rooms.channels).toEqual([])
  })

  it('fall back, against a gateway without them, to the listed rooms with their history read on first sight', async () => {
    const context = signedInAs(alice)
    context.api.listMyRooms.mockRejectedValue(new ApiError('not_found', 'Not found.', 404))
    context.server.postMany('general', bob, 3)
    useSessionStore().start()
    await context.realtime.ready()
    const rooms = useRoomsStore()
    rooms.setActive(null)

    expect(rooms.joined).toEqual(['general'])
    expect(rooms.unread('general')).toBe(0)
    rooms.noteSeq('general', 4)
    expect(rooms.unread('general')).toBe(1)
  })
})
