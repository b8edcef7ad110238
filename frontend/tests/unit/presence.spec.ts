import { describe, expect, it } from 'vitest'
import { usePresenceStore } from '@/stores/presence'
import { alice } from './fakes'
import { signedInAs } from './setup'

const names = (roomId: string) => usePresenceStore().usersIn(roomId).map((u) => u.username)
const event = (userId: string, username: string) => ({ roomId: 'general', userId, username })

describe('online users', () => {
  it("start from JoinRoom's list and follow UserJoined / UserLeft", () => {
    signedInAs(alice)
    const presence = usePresenceStore()
    presence.beginJoin('general')
    presence.completeJoin('general', [{ userId: 'u-alice', username: 'alice' }])

    presence.userJoined(event('u-bob', 'bob'))
    presence.userJoined(event('u-carol', 'carol'))
    presence.userLeft(event('u-bob', 'bob'))

    expect(names('general')).toEqual(['alice', 'carol'])
  })

  it('apply changes that arrive while joining on top of the snapshot', () => {
    signedInAs(alice)
    const presence = usePresenceStore()
    presence.beginJoin('general')
    presence.userJoined(event('u-dave', 'dave')) // pushed before the JoinRoom answer arrived
    presence.userLeft(event('u-bob', 'bob'))
    presence.completeJoin('general', [
      { userId: 'u-alice', username: 'alice' },
      { userId: 'u-bob', username: 'bob' },
    ])

    expect(names('general')).toEqual(['alice', 'dave'])
  })

  it('ignore events for rooms this tab has not joined', () => {
    signedInAs(alice)
    const presence = usePresenceStore()
    presence.userJoined({ roomId: 'tech', userId: 'u-bob', username: 'bob' })
    expect(names('tech')).toEqual([])
  })
})
