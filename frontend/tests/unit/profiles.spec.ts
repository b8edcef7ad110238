import { describe, expect, it } from 'vitest'
import type { Profile } from '@/api/conversationTypes'
import { dmPeerId } from '@/domain/dmPeer'
import { presenceLabel, typingLine } from '@/domain/peopleLabels'
import { t } from '@/i18n'
import { useProfilesStore } from '@/stores/profiles'
import { alice } from './fakes'
import { generalRoom } from './fakeConversations'
import { signedInAs } from './setup'

const profile = (id: string): Profile => ({ id, username: id, displayName: `${id}!`, avatar: null, online: false, lastSeenAt: null })

describe('profiles', () => {
  it('asked for during one render go out in one request, and cached ones are not asked for again', async () => {
    const { api } = signedInAs(alice)
    for (const id of ['u1', 'u2', 'u3']) api.profiles.set(id, profile(id))
    const profiles = useProfilesStore()

    void profiles.want(['u1', 'u2'])
    await profiles.want(['u2', 'u3'])
    await profiles.want(['u1', 'u3'])

    expect(api.getProfiles).toHaveBeenCalledTimes(1)
    expect(api.getProfiles.mock.calls[0][0]).toEqual(['u1', 'u2', 'u3'])
    expect(profiles.nameOf('u3')).toBe('u3!')
  })

  it('are fetched at most 100 per request', async () => {
    const { api } = signedInAs(alice)
    const ids = Array.from({ length: 250 }, (_, i) => `u${i}`)
    await useProfilesStore().want(ids)
    expect(api.getProfiles.mock.calls.map(([batch]) => batch.length)).toEqual([100, 100, 50])
  })

  it('fall back to the username carried by the message while unknown', () => {
    signedInAs(alice)
    expect(useProfilesStore().nameOf('nobody', 'bob')).toBe('bob')
  })
})

describe('presence labels', () => {
  const now = Date.UTC(2026, 0, 10, 12, 0, 0)
  const seen = (agoMs: number) => ({ online: false, lastSeenAt: now - agoMs })

  it('say online, or when the person was last seen', () => {
    expect(presenceLabel({ online: true, lastSeenAt: null }, t, 'en', now)).toBe('Online')
    expect(presenceLabel(seen(20_000), t, 'en', now)).toBe('Last seen just now')
    expect(presenceLabel(seen(5 * 60_000), t, 'en', now)).toBe('Last seen 5 min ago')
    expect(presenceLabel(seen(3 * 3_600_000 + 1), t, 'en', now)).toBe('Last seen 3 h ago')
    expect(presenceLabel({ online: false, lastSeenAt: null }, t, 'en', now)).toBe('Offline')
  })

  it('name up to two typists, then say several', () => {
    expect(typingLine([], t)).toBe('')
    expect(typingLine(['alice'], t)).toBe('alice is typing…')
    expect(typingLine(['alice', 'bob'], t)).toBe('alice and bob are typing…')
    expect(typingLine(['a', 'b', 'c'], t)).toBe('Several people are typing…')
  })
})

describe('the other person of a DM', () => {
  const dm = { ...generalRoom, kind: 'dm' as const }

  it('comes from the member list, else the owner, else the room id', () => {
    expect(dmPeerId({ ...dm, id: 'x', dmUserIds: ['me', 'you'] }, 'me')).toBe('you')
    expect(dmPeerId({ ...dm, id: 'x', ownerId: 'you' }, 'me')).toBe('you')
    expect(dmPeerId({ ...dm, id: 'dm:me:you', ownerId: 'me' }, 'me')).toBe('you')
    expect(dmPeerId({ ...dm, id: 'dm:you:me', ownerId: 'me' }, 'me')).toBe('you')
    expect(dmPeerId({ ...dm, id: 'unrelated', ownerId: 'me' }, 'me')).toBeNull()
  })
})
