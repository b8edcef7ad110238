import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import { useSessionStore } from '@/stores/session'
import { useTimelinesStore } from '@/stores/timelines'
import { alice, bob } from './fakes'
import { signedInAs } from './setup'

async function openGeneral() {
  const context = signedInAs(alice)
  const session = useSessionStore()
  session.start()
  await context.realtime.ready()
  await session.openRoom('general')
  return { ...context, session, store: useTimelinesStore() }
}

const contents = () => useTimelinesStore().timeline('general').messages.map((m) => m.content)
const pending = () => useTimelinesStore().timeline('general').pending

describe('optimistic sending', () => {
  it('shows the message at once, then replaces it with the stored copy without a duplicate', async () => {
    const { store, realtime } = await openGeneral()

    const sending = store.send('general', '  hello  ')
    expect(pending()).toMatchObject([{ content: 'hello', status: 'sending' }])
    await sending

    expect(pending()).toEqual([])
    expect(contents()).toEqual(['hello'])
    expect(realtime.sent[0].clientMessageId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('reconciles by clientMessageId when the stored copy arrives live before the answer', async () => {
    const { store, server, realtime } = await openGeneral()
    realtime.setStatus('reconnecting') // the send goes over REST; another tab's push echoes it

    const sending = store.send('general', 'hi')
    const { clientMessageId } = pending()[0]
    store.accept(server.post('general', alice, 'hi', clientMessageId))
    expect(pending()).toEqual([])
    await sending

    expect(contents()).toEqual(['hi'])
  })

  it('settles a send whose answer was lost from the stored copy that the catch-up brings', async () => {
    const { store, server, realtime, api } = await openGeneral()
    // The server stores the message but the answer is lost with the connection.
    const original = realtime.sendMessage.bind(realtime)
    realtime.sendMessage = async (roomId, content, id) => {
      server.post(roomId, alice, content, id ?? undefined)
      throw new ApiError('network', 'Invocation canceled due to the underlying connection being closed.')
    }
    await store.send('general', 'are you there?')
    expect(pending()).toMatchObject([{ content: 'are you there?', status: 'queued' }])

    // While reconnecting a retry goes over REST; that is down too, so the message keeps waiting.
    realtime.setStatus('reconnecting')
    api.failSends = new ApiError('network', 'Network Error')
    await store.retry('general', pending()[0].clientMessageId)
    expect(pending()).toMatchObject([{ status: 'queued' }])

    realtime.sendMessage = original
    await realtime.ready()

    expect(pending()).toEqual([])
    expect(contents()).toEqual(['are you there?'])
    expect(server.logs.get('general')).toHaveLength(1)
    expect(server.logs.get('general')![0].clientMessageId).toBe(api.sendMessage.mock.calls[0][0].clientMessageId)
  })

  it('sends a message that never reached the server once the connection is back', async () => {
    const { store, server, realtime, api } = await openGeneral()
    realtime.setStatus('reconnecting')
    api.failSends = new ApiError('network', 'Network Error')

    await store.send('general', 'queued while offline')
    expect(pending()).toMatchObject([{ status: 'queued' }])
    expect(server.logs.get('general')).toBeUndefined()

    await realtime.ready()

    expect(pending()).toEqual([])
    expect(contents()).toEqual(['queued while offline'])
    expect(realtime.sent).toHaveLength(1)
  })

  it('marks a refused send as failed, says why, and sends it when retried', async () => {
    const { store, realtime, toasts } = await openGeneral()
    realtime.sendFailure = new ApiError('rate_limited', 'Too many messages.')

    await store.send('general', 'spam')
    expect(pending()).toMatchObject([{ status: 'failed', error: 'Too many messages.' }])
    expect(toasts.errors).toEqual(['You are sending too fast. Wait a moment and retry.'])

    realtime.sendFailure = null
    await store.retry('general', pending()[0].clientMessageId)
    expect(contents()).toEqual(['spam'])
    expect(pending()).toEqual([])
  })

  it('does not send a message over 4000 characters and tells the user', async () => {
    const { store, realtime, toasts } = await openGeneral()

    expect(await store.send('general', 'x'.repeat(4001))).toBe(false)
    expect(realtime.sent).toEqual([])
    expect(toasts.errors[0]).toContain('4000')

    expect(await store.send('general', ` ${'y'.repeat(4000)}\n`)).toBe(true)
    expect(contents()).toEqual(['y'.repeat(4000)])
  })

  it('sends nothing for white space only', async () => {
    const { store, realtime } = await openGeneral()
    expect(await store.send('general', ' \n\t ')).toBe(false)
    expect(realtime.sent).toEqual([])
  })
})

describe('reconnecting', () => {
  it('re-joins the rooms and shows what other users sent while this tab was offline', async () => {
    const { store, server, realtime } = await openGeneral()
    server.postMany('general', bob, 3)
    await store.fill('general')
    realtime.setStatus('reconnecting')

    server.post('general', bob, 'sent while you were away')
    server.post('general', bob, 'and this too')
    realtime.joins.length = 0
    await realtime.ready()

    expect(realtime.joins).toEqual(['general'])
    expect(contents()).toEqual(['message 1', 'message 2', 'message 3', 'sent while you were away', 'and this too'])
  })
})

describe('filling a gap', () => {
  it('retries a catch-up that failed even when no further message arrives to trigger it', async () => {
    const { store, server, api } = await openGeneral()
    server.post('general', bob, 'lost one')
    server.post('general', bob, 'lost two')
    const third = server.post('general', bob, 'the one pushed')
    api.getMessages.mockRejectedValueOnce(new ApiError('unavailable', 'Storage is unavailable; retry shortly.', 503))

    store.accept(third) // seq 3 arrives live; 1 and 2 were missed and the first read of them fails

    await expect.poll(contents, { timeout: 5000 }).toEqual(['lost one', 'lost two', 'the one pushed'])
    expect(api.getMessages.mock.calls.length).toBeGreaterThanOrEqual(2)
  })
})

describe('loading a room while offline', () => {
  it('loads it once the connection is back', async () => {
    const { store, server, realtime, api } = await openGeneral()
    realtime.setStatus('reconnecting')
    server.post('tech', bob, 'hello tech')
    api.getMessages.mockRejectedValueOnce(new ApiError('network', 'Network Error'))

    await useSessionStore().openRoom('tech')
    expect(store.loadState('tech').error).toBe('network')

    await realtime.ready()
    expect(store.loadState('tech').error).toBeNull()
    expect(store.timeline('tech').messages.map((m) => m.content)).toEqual(['hello tech'])
  })
})
