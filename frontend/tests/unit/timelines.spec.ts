import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import { maxCatchUp, pageSize, useTimelinesStore } from '@/stores/timelines'
import { alice, bob } from './fakes'
import { signedInAs } from './setup'

const seqs = (roomId: string) => useTimelinesStore().timeline(roomId).messages.map((m) => m.seq)
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('history', () => {
  it('opens a room on its newest page and scrolls back page by page to the first message', async () => {
    const { server } = signedInAs(alice)
    server.postMany('general', bob, 120)
    const store = useTimelinesStore()

    await store.open('general')
    expect(seqs('general')).toEqual(range(71, 120))
    expect(store.timeline('general').hasOlder).toBe(true)

    expect(await store.loadOlder('general')).toBe(pageSize)
    expect(await store.loadOlder('general')).toBe(20)
    expect(seqs('general')).toEqual(range(1, 120))
    expect(store.timeline('general').hasOlder).toBe(false)
    expect(await store.loadOlder('general')).toBe(0)
  })

  it('shows an empty room as empty and catches its first messages live', async () => {
    const { server } = signedInAs(alice)
    const store = useTimelinesStore()
    await store.open('general')
    expect(store.timeline('general').opened).toBe(true)

    store.accept(server.post('general', bob, 'first'))
    expect(seqs('general')).toEqual([1])
  })
})

describe('gap fill', () => {
  it('fetches the range a live push skipped, so no message is missing', async () => {
    const { server, api } = signedInAs(alice)
    server.postMany('general', bob, 60)
    const store = useTimelinesStore()
    await store.open('general')

    const missed = server.postMany('general', bob, 5)
    store.accept(missed[4]) // 61-64 never arrived live
    await store.fill('general')

    expect(seqs('general')).toEqual(range(11, 65))
    expect(api.getMessages).toHaveBeenLastCalledWith('general', { afterSeq: 60, limit: 200 })
  })

  it('also fills a gap in an empty room from its first message', async () => {
    const { server } = signedInAs(alice)
    const store = useTimelinesStore()
    await store.open('general')

    const posted = server.postMany('general', bob, 3)
    store.accept(posted[2])
    await store.fill('general')

    expect(seqs('general')).toEqual([1, 2, 3])
  })

  it('catches up through several pages after a reconnect reports a higher lastSeq', async () => {
    const { server } = signedInAs(alice)
    server.postMany('general', bob, 60)
    const store = useTimelinesStore()
    await store.open('general')

    server.postMany('general', bob, 450) // sent while this tab was offline
    store.noteLastSeq('general', server.lastSeq('general'))
    await store.fill('general')

    expect(seqs('general')).toEqual(range(11, 510))
  })

  it('shows a message once when a live push and a history page both carry it', async () => {
    const { server } = signedInAs(alice)
    server.postMany('general', bob, 10)
    const store = useTimelinesStore()
    await store.open('general')

    const [m11, m12] = server.postMany('general', bob, 2)
    store.accept(m12) // gap: 11 is fetched, 12 comes again in the same page
    store.accept(m12)
    await store.fill('general')
    store.accept(m11) // the late live copy of 11

    expect(seqs('general')).toEqual(range(1, 12))
  })

  it('loads the newest page afresh instead of catching up a very long gap', async () => {
    const { server, api } = signedInAs(alice)
    server.postMany('general', bob, 10)
    const store = useTimelinesStore()
    await store.open('general')

    server.postMany('general', bob, maxCatchUp + 100)
    store.noteLastSeq('general', server.lastSeq('general'))
    await store.fill('general')

    const last = server.lastSeq('general')
    expect(seqs('general')).toEqual(range(last - pageSize + 1, last))
    expect(api.getMessages).toHaveBeenLastCalledWith('general', { limit: pageSize })
    // Scrolling back still reaches everything, gap-free.
    await store.loadOlder('general')
    expect(seqs('general')).toEqual(range(last - 2 * pageSize + 1, last))
  })

  it('tells why a room cannot be shown when history refuses it', async () => {
    const { api } = signedInAs(alice)
    api.getMessages.mockRejectedValueOnce(new ApiError('not_found', "Room 'secret' was not found.", 404))
    const store = useTimelinesStore()

    await store.open('secret')

    expect(store.loadState('secret').error).toBe('not_found')
  })
})
