import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MessageList from '@/components/MessageList.vue'

describe('times in the message list', () => {
  afterEach(() => vi.useRealTimers())

  it('refresh on their own: a message of today reads "Yesterday" once midnight has passed', async () => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    vi.setSystemTime(new Date(2026, 4, 10, 23, 59, 0))
    const createdAt = new Date(2026, 4, 10, 23, 58, 0).getTime()
    const wrapper = mount(MessageList, {
      props: {
        items: [{ key: 's:1', userId: 'u-bob', username: 'bob', content: 'late', createdAt, messageType: 'text', seq: 1 }],
        selfId: null,
        hasOlder: false,
        loadingOlder: false,
      },
    })
    expect(wrapper.get('.day-separator').text()).toBe('Today')
    expect(wrapper.get('.message .time').text()).toBe('23:58:00')

    await vi.advanceTimersByTimeAsync(2 * 60_000)

    expect(wrapper.get('.day-separator').text()).toBe('Yesterday')
    expect(wrapper.get('.message .time').text()).toBe('Yesterday 23:58:00')
  })
})
