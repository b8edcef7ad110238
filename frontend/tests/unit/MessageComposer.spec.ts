import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MessageComposer from '@/components/MessageComposer.vue'
import { maxUploadBytes } from '@/composables/useUploads'
import { useMessageActionsStore } from '@/stores/messageActions'
import type { SendExtras } from '@/stores/timelines'
import { alice, bob, settle } from './fakes'
import { signedInAs } from './setup'

beforeEach(() => setActivePinia(createPinia()))

function composer() {
  const wrapper = mount(MessageComposer, { props: { roomName: 'general' } })
  return { wrapper, box: wrapper.find('textarea') }
}

describe('the message composer', () => {
  it('sends with Enter and clears the box', async () => {
    const { wrapper, box } = composer()
    await box.setValue('hello')
    await box.trigger('keydown', { key: 'Enter' })

    expect(wrapper.emitted('send')).toEqual([['hello', {}]])
    expect((box.element as HTMLTextAreaElement).value).toBe('')
  })

  it('keeps Shift+Enter for a new line', async () => {
    const { wrapper, box } = composer()
    await box.setValue('line one')
    await box.trigger('keydown', { key: 'Enter', shiftKey: true })

    expect(wrapper.emitted('send')).toBeUndefined()
  })

  it('does not send the Enter that confirms an IME composition (Chinese input)', async () => {
    const { wrapper, box } = composer()
    await box.setValue('ni hao')
    await box.trigger('keydown', { key: 'Enter', isComposing: true })
    await box.trigger('keydown', { key: 'Enter', keyCode: 229 })

    expect(wrapper.emitted('send')).toBeUndefined()
  })

  it('keeps a text over 4000 characters so that it can be shortened', async () => {
    const { wrapper, box } = composer()
    await box.setValue('x'.repeat(4001))
    await box.trigger('keydown', { key: 'Enter' })

    expect(wrapper.emitted('send')).toHaveLength(1)
    expect((box.element as HTMLTextAreaElement).value).toHaveLength(4001)
    expect(wrapper.find('.counter').text()).toBe('4001 / 4000')
  })

  it('has an accessible name', () => {
    const { box } = composer()
    expect(box.attributes('aria-label')).toBe('Message')
  })
})

describe('uploads in the composer', () => {
  it('uploads a pasted picture with progress, then sends its attachment with the text and a reply', async () => {
    const { api } = signedInAs(alice)
    const actions = useMessageActionsStore()
    actions.startReply('general', { seq: 4, userId: bob.id, username: 'bob', content: 'show me' })
    const wrapper = mount(MessageComposer, { props: { roomName: 'general', roomId: 'general' } })
    expect(wrapper.find('.reply-bar').text()).toContain('Replying to bob: show me')

    const picture = new File([new Uint8Array([137, 80, 78, 71])], 'screenshot.png', { type: 'image/png' })
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent
    Object.defineProperty(paste, 'clipboardData', { value: { files: [picture] } })
    wrapper.find('textarea').element.dispatchEvent(paste)
    await settle()

    expect(api.uploadAttachment).toHaveBeenCalledWith(picture, 'screenshot.png', expect.any(Function), expect.any(AbortSignal))
    expect(wrapper.find('.upload-name').text()).toBe('screenshot.png')
    expect(wrapper.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('100')

    await wrapper.find('textarea').setValue('here it is')
    await wrapper.find('textarea').trigger('keydown', { key: 'Enter' })
    const [[text, extras]] = wrapper.emitted('send') as [string, SendExtras][]
    expect(text).toBe('here it is')
    expect(extras.attachments?.map((a) => a.id)).toEqual(['att-screenshot.png'])
    expect(extras.replyTo?.seq).toBe(4)
    // Sent: the composer is empty again, the reply is over.
    expect(wrapper.find('.uploads').exists()).toBe(false)
    expect(actions.replyingTo.general).toBeUndefined()
  })

  it('refuses a file over the limit before uploading it', async () => {
    const { api, toasts } = signedInAs(alice)
    const wrapper = mount(MessageComposer, { props: { roomName: 'general', roomId: 'general' } })
    const big = new File(['x'], 'huge.bin')
    Object.defineProperty(big, 'size', { value: maxUploadBytes + 1 })
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [big] } })
    wrapper.find('form').element.dispatchEvent(drop)
    await settle()

    expect(api.uploadAttachment).not.toHaveBeenCalled()
    expect(toasts.errors).toEqual(['huge.bin is larger than 10.0 MiB.'])
  })
})
