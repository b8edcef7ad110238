import { afterEach, describe, expect, it, vi } from 'vitest'
import { setDesktopNotifier, type DesktopNotifier } from '@/services/desktopNotifications'
import { typingEveryMs, useConversationsStore } from '@/stores/conversations'
import { useRoomsStore } from '@/stores/rooms'
import { useSessionStore } from '@/stores/session'
import { typingTtlMs, useTypingStore } from '@/stores/typing'
import { alice, bob } from './fakes'
import { asMine, generalRoom, mentioning } from './fakeConversations'
import { signedInAs } from './setup'

const dmWithBob = asMine({ ...generalRoom, id: 'dm-bob', name: 'dm', isPublic: false, kind: 'dm', ownerId: null, dmUserIds: [alice.id, bob.id] })

function recordingNotifier() {
  const shown: { title: string; body: string; onClick: () => void }[] = []
  const notifier: DesktopNotifier = {
    permission: () => 'granted',
    request: async () => 'granted',
    show: (title, body, _tag, onClick) => shown.push({ title, body, onClick }),
  }
  setDesktopNotifier(notifier)
  return shown
}

async function connected() {
  const context = signedInAs(alice)
  useSessionStore().start()
  await context.realtime.ready()
  return { ...context, rooms: useRoomsStore(), conversations: useConversationsStore() }
}

afterEach(() => vi.useRealTimers())

describe('user events', () => {
  it('RoomAdded lists the room and joins it live without a reload', async () => {
    const { rooms, realtime } = await connected()
    realtime.events?.roomAdded?.({ room: dmWithBob })
    await Promise.resolve()

    expect(rooms.directMessages.map((r) => r.id)).toEqual(['dm-bob'])
    expect(realtime.joins).toContain('dm-bob')
  })

  it('RoomRemoved takes the room away and tells the view on screen', async () => {
    const { rooms, realtime, conversations } = await connected()
    rooms.setActive('general')
    realtime.events?.roomRemoved?.({ roomId: 'general' })

    expect(rooms.isMember('general')).toBe(false)
    expect(rooms.unread('general')).toBe(0)
    expect(conversations.lost).toEqual({ roomId: 'general', name: 'general' })
  })

  it('RoomUpdated renames the room everywhere it is shown', async () => {
    const { realtime, conversations } = await connected()
    realtime.events?.roomUpdated?.({ room: asMine({ ...generalRoom, name: 'lobby' }) })
    expect(conversations.roomTitle('general')).toBe('lobby')
  })
})

describe('direct messages', () => {
  it('are named after the other person, from their profile', async () => {
    const { realtime, conversations, api } = await connected()
    api.profiles.set(bob.id, { id: bob.id, username: 'bob', displayName: 'Bobby', avatar: null, online: true, lastSeenAt: null })
    realtime.events?.roomAdded?.({ room: dmWithBob })
    const { useProfilesStore } = await import('@/stores/profiles')
    await useProfilesStore().want([bob.id])

    expect(conversations.roomTitle('dm-bob')).toBe('Bobby')
  })

  it('start from a username and join the user to the room', async () => {
    const { rooms, conversations, api } = await connected()
    const room = await conversations.startDm('bob')
    expect(api.openDm).toHaveBeenCalledWith('bob')
    expect(rooms.directMessages.map((r) => r.id)).toEqual([room.id])
  })
})

describe('desktop notifications', () => {
  it('show a DM and a mention while the page is hidden, and nothing else', async () => {
    const shown = recordingNotifier()
    const { rooms, realtime, server } = await connected()
    realtime.events?.roomAdded?.({ room: dmWithBob })
    rooms.setPageVisible(false)

    realtime.events?.message(server.post('general', bob, 'just chatting'))
    realtime.events?.message(server.post('general', alice, 'my own'))
    realtime.events?.message(mentioning(server.post('general', bob, 'hey @alice'), [alice.id]))
    realtime.events?.message(server.post('dm-bob', bob, 'psst'))

    expect(shown.map((n) => [n.title, n.body])).toEqual([
      ['bob mentioned you in #general', 'hey @alice'],
      ['bob', 'psst'],
    ])
  })

  it('stay quiet while the page is visible', async () => {
    const shown = recordingNotifier()
    const { rooms, realtime, server } = await connected()
    realtime.events?.roomAdded?.({ room: dmWithBob })
    rooms.setPageVisible(true)
    realtime.events?.message(server.post('dm-bob', bob, 'psst'))
    expect(shown).toEqual([])
  })

  it('open the room they are about when clicked', async () => {
    const shown = recordingNotifier()
    const { rooms, realtime, server, conversations } = await connected()
    const opened: string[] = []
    conversations.setRoomOpener((roomId) => opened.push(roomId))
    realtime.events?.roomAdded?.({ room: dmWithBob })
    rooms.setPageVisible(false)
    realtime.events?.message(server.post('dm-bob', bob, 'psst'))

    shown[0].onClick()
    expect(opened).toEqual(['dm-bob'])
  })
})

describe('typing', () => {
  it('is sent at most once per interval per room while the user types', async () => {
    vi.useFakeTimers()
    const { realtime, conversations } = await connected()
    conversations.typed('general')
    conversations.typed('general')
    vi.advanceTimersByTime(typingEveryMs - 1)
    conversations.typed('general')
    expect(realtime.typed).toEqual(['general'])

    vi.advanceTimersByTime(1)
    conversations.typed('general')
    expect(realtime.typed).toEqual(['general', 'general'])
  })

  it('shows who types until they send or stop, never the user themselves', async () => {
    vi.useFakeTimers()
    const { realtime, server } = await connected()
    const typing = useTypingStore()
    realtime.events?.userTyping?.({ roomId: 'general', userId: bob.id, username: 'bob' })
    realtime.events?.userTyping?.({ roomId: 'general', userId: alice.id, username: 'alice' })
    expect(typing.typists('general', alice.id)).toEqual([{ userId: bob.id, username: 'bob' }])

    realtime.events?.message(server.post('general', bob, 'done'))
    expect(typing.typists('general', alice.id)).toEqual([])

    realtime.events?.userTyping?.({ roomId: 'general', userId: bob.id, username: 'bob' })
    vi.advanceTimersByTime(typingTtlMs - 1)
    expect(typing.typists('general', alice.id)).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(typing.typists('general', alice.id)).toEqual([])
  })
})

describe('membership', () => {
  it('opening a public room by its address makes the user a member', async () => {
    const { rooms, conversations, api } = await connected()
    await conversations.ensureMember('random')
    expect(api.joinRoom).toHaveBeenCalledWith('random')
    expect(rooms.isMember('random')).toBe(true)
  })

  it('leaving removes the room on the server and from the list', async () => {
    const { rooms, conversations, api } = await connected()
    await conversations.leave('general')
    expect(api.leaveRoom).toHaveBeenCalledWith('general')
    expect(rooms.channels).toEqual([])
  })
})
