import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MessageComposer from '@/components/MessageComposer.vue'

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
