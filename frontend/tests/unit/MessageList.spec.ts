import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MessageList from '@/components/MessageList.vue'
import type { DisplayMessage } from '@/domain/grouping'

const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>'

function item(content: string, extra: Partial<DisplayMessage> = {}): DisplayMessage {
  return { key: `s:${content}`, userId: 'u-bob', username: 'bob', content, createdAt: Date.now(), messageType: 'text', seq: 1, ...extra }
}

beforeEach(() => setActivePinia(createPinia()))

describe('the message list', () => {
  it('renders message text as text, never as HTML', () => {
    const wrapper = mount(MessageList, { props: { items: [item(hostile)], selfId: 'u-alice', hasOlder: false, loadingOlder: false } })

    expect(wrapper.find('.text').text()).toBe(hostile)
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
  })

  it('keeps line breaks and shows the sender once per group', () => {
    const wrapper = mount(MessageList, {
      props: { items: [item('one\ntwo'), item('three', { key: 's:3', seq: 2 })], selfId: null, hasOlder: false, loadingOlder: false },
    })

    expect(wrapper.findAll('.sender').map((s) => s.text())).toEqual(['bob'])
    expect(wrapper.findAll('.text').map((t) => t.element.textContent)).toEqual(['one\ntwo', 'three'])
  })

  it('offers retry for a refused message', async () => {
    const wrapper = mount(MessageList, {
      props: { items: [item('nope', { status: 'failed', clientMessageId: 'c1', error: 'Too many messages.' })], selfId: 'u-bob', hasOlder: false, loadingOlder: false },
    })
    const retry = wrapper.findAll('button').find((b) => b.text() === 'Retry')
    await retry!.trigger('click')

    expect(wrapper.emitted('retry')).toEqual([['c1']])
  })
})

describe('the live region of the message list', () => {
  const base = { selfId: 'u-alice', hasOlder: true, loadingOlder: false }
  const announcer = (wrapper: ReturnType<typeof mount>) => wrapper.get('[data-testid="new-message-announcer"]')

  it('is the only live part: the log itself is silent, and the first page is not read out', () => {
    const wrapper = mount(MessageList, { props: { ...base, items: [item('history', { seq: 10 })] } })

    expect(wrapper.get('[role="log"]').attributes('aria-live')).toBe('off')
    expect(announcer(wrapper).attributes('aria-live')).toBe('polite')
    expect(announcer(wrapper).text()).toBe('')
  })

  it('announces messages from others that arrive, never older history loaded by scrolling back or own sends', async () => {
    const first = item('current', { key: 's:10', seq: 10 })
    const wrapper = mount(MessageList, { props: { ...base, items: [first] } })

    await wrapper.setProps({ items: [item('older', { key: 's:9', seq: 9 }), first] })
    expect(announcer(wrapper).text()).toBe('')

    const arrived = item('just now', { key: 's:11', seq: 11 })
    await wrapper.setProps({ items: [item('older', { key: 's:9', seq: 9 }), first, arrived] })
    expect(announcer(wrapper).text()).toBe('bob: just now')

    const mine = item('from me', { key: 's:12', seq: 12, userId: 'u-alice', username: 'alice' })
    await wrapper.setProps({ items: [item('older', { key: 's:9', seq: 9 }), first, arrived, mine] })
    expect(announcer(wrapper).text()).not.toContain('from me')
  })
})
