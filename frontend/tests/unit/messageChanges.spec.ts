import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import { useMessageActionsStore } from '@/stores/messageActions'
import { useSessionStore } from '@/stores/session'
import { useTimelinesStore } from '@/stores/timelines'
import { alice, bob, settle } from './fakes'
import { signedInAs } from './setup'

const shown = (seq: number) => useTimelinesStore().timeline('general').messages.find((m) => m.seq === seq)

describe('changes to existing messages', () => {
  it('applies a live MessageUpdated: the edit shows with its marker, a delete leaves the seq without content', async () => {
    const { server } = signedInAs(alice)
    server.postMany('general', bob, 3)
    const store = useTimelinesStore()
    await store.open('general')

    store.applyUpdate(server.edit('general', 2, 'fixed typo'))
    expect(shown(2)).toMatchObject({ content: 'fixed typo', editedAt: expect.any(Number) })
    store.applyUpdate(server.remove('general', 3))
    expect(shown(3)).toMatchObject({ content: '', deleted: true })
    expect(store.timeline('general').messages.map((m) => m.seq)).toEqual([1, 2, 3])
  })

  it('never lets an older change undo a newer one, whatever order they arrive in', async () => {
    const { server } = signedInAs(alice)
    server.postMany('general', bob, 1)
    const store = useTimelinesStore()
    await store.open('general')
    const first = server.edit('general', 1, 'first edit')
    const second = server.edit('general', 1, 'second edit')

    store.applyUpdate(second)
    store.applyUpdate(first)
    expect(shown(1)?.content).toBe('second edit')
  })

  it('catches up the changes a skipped changeSeq hides', async () => {
    const { server, api } = signedInAs(alice)
    server.postMany('general', bob, 3)
    const store = useTimelinesStore()
    await store.open('general')

    server.edit('general', 1, 'missed edit') // never arrived live
    store.applyUpdate(server.react('general', 2, bob, '🎉'))
    await store.catchUpChanges('general')

    expect(shown(1)?.content).toBe('missed edit')
    expect(shown(2)?.reactions).toEqual([{ emoji: '🎉', count: 1, userIds: [bob.id] }])
    expect(api.getChanges).toHaveBeenLastCalledWith('general', 0, 200)
  })

  it('a user offline during an edit sees it after reconnecting (JoinRoom lastChangeSeq, then the change feed)', async () => {
    const { server, realtime } = signedInAs(alice)
    server.postMany('general', bob, 5)
    const session = useSessionStore()
    session.start()
    await realtime.ready()
    await session.openRoom('general')
    expect(shown(4)?.content).toBe('message 4')

    realtime.setStatus('reconnecting')
    server.edit('general', 4, 'edited while you were away')
    server.remove('general', 5)
    await realtime.ready()
    await settle()

    expect(shown(4)?.content).toBe('edited while you were away')
    expect(shown(5)?.deleted).toBe(true)
  })

  it('a change for a message still loading is applied when the message lands', async () => {
    const { server } = signedInAs(alice)
    server.postMany('general', bob, 120)
    const store = useTimelinesStore()
    await store.open('general') // holds 71-120
    store.applyUpdate(server.edit('general', 10, 'old message, new words'))
    expect(shown(10)).toBeUndefined()

    await useMessageActionsStore().loadBackTo('general', 10)
    expect(shown(10)?.content).toBe('old message, new words')
  })

  it('takes the baseline before the first page, so catching up replays nothing already shown', async () => {
    const { server, api } = signedInAs(alice)
    server.postMany('general', bob, 2)
    server.edit('general', 1, 'old edit')
    const store = useTimelinesStore()
    await store.open('general')
    store.noteLastSeq('general', 2, 1)
    await store.catchUpChanges('general')

    expect(api.getChanges).toHaveBeenCalledTimes(1) // the baseline only
    expect(shown(1)?.content).toBe('old edit')
  })
})

describe('message actions', () => {
  it('edits: the answer shows at once; a refusal says why and keeps the text', async () => {
    const { server, api, toasts } = signedInAs(alice)
    server.post('general', alice, 'teh')
    const store = useTimelinesStore()
    const actions = useMessageActionsStore()
    await store.open('general')

    expect(await actions.edit('general', 1, '  the  ')).toBe(true)
    expect(api.editMessage).toHaveBeenCalledWith('general', 1, 'the')
    expect(shown(1)?.content).toBe('the')

    api.editMessage.mockRejectedValueOnce(new ApiError('forbidden', 'Only the author may edit a message.'))
    expect(await actions.edit('general', 1, 'another')).toBe(false)
    expect(shown(1)?.content).toBe('the')
    expect(toasts.errors.at(-1)).toContain('Only the author may edit a message.')
    expect(await actions.edit('general', 1, '   ')).toBe(false)
  })

  it('deletes at once and puts the message back when the server refuses', async () => {
    const { server, api } = signedInAs(alice)
    server.post('general', bob, 'keep me')
    const store = useTimelinesStore()
    await store.open('general')
    api.deleteMessage.mockRejectedValueOnce(new ApiError('forbidden', 'Not allowed.'))

    await useMessageActionsStore().remove('general', 1)
    expect(shown(1)).toMatchObject({ content: 'keep me' })
    expect(shown(1)?.deleted).toBeFalsy()

    await useMessageActionsStore().remove('general', 1)
    expect(shown(1)).toMatchObject({ content: '', deleted: true })
  })

  it('toggles a reaction optimistically, and back when refused', async () => {
    const { server, api } = signedInAs(alice)
    server.post('general', bob, 'react to me')
    const store = useTimelinesStore()
    const actions = useMessageActionsStore()
    await store.open('general')

    await actions.toggleReaction('general', 1, '👍')
    expect(api.addReaction).toHaveBeenCalledWith('general', 1, '👍')
    expect(shown(1)?.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [alice.id] }])
    await actions.toggleReaction('general', 1, '👍')
    expect(api.removeReaction).toHaveBeenCalledWith('general', 1, '👍')
    expect(shown(1)?.reactions).toEqual([])

    api.addReaction.mockRejectedValueOnce(new ApiError('bad_request', 'At most 20 distinct reactions.'))
    await actions.toggleReaction('general', 1, '🔥')
    expect(shown(1)?.reactions).toEqual([])
  })

  it('sends a reply and attachments over REST with replyToSeq and attachmentIds', async () => {
    const { server, api, realtime } = signedInAs(alice)
    server.post('general', bob, 'question?')
    const store = useTimelinesStore()
    const actions = useMessageActionsStore()
    await store.open('general')
    await realtime.ready()
    actions.startReply('general', shown(1)!)

    const attachment = { id: 'a1', fileName: 'cat.png', contentType: 'image/png', size: 10, width: 2, height: 1 }
    await store.send('general', 'answer', { replyTo: actions.replyingTo.general, attachments: [attachment] })

    expect(realtime.sent).toEqual([])
    expect(api.sendMessage).toHaveBeenCalledWith(expect.objectContaining({ content: 'answer', replyToSeq: 1, attachmentIds: ['a1'] }))
  })
})
