import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import MessageItem from '@/components/MessageItem.vue'
import type { DisplayMessage } from '@/domain/grouping'
import { useMessageActionsStore } from '@/stores/messageActions'

beforeEach(() => setActivePinia(createPinia()))

function message(extra: Partial<DisplayMessage> = {}): DisplayMessage {
  return { key: 's:1', roomId: 'general', seq: 1, userId: 'u-bob', username: 'bob', content: 'hello **world**', createdAt: Date.now(), messageType: 'text', ...extra }
}

const item = (m: DisplayMessage, selfId = 'u-alice', canModerate = false) =>
  mount(MessageItem, { props: { message: m, now: Date.now(), selfId, canModerate, nameOf: (id: string) => (id === 'u-bob' ? 'bob' : id) } })

describe('a message', () => {
  it('renders its Markdown, an "edited" marker, and "message deleted" instead of deleted content', () => {
    const edited = item(message({ editedAt: Date.now() }))
    expect(edited.find('strong').text()).toBe('world')
    expect(edited.find('.edited').text()).toBe('(edited)')

    const deleted = item(message({ deleted: true, content: '', reactions: [{ emoji: '👍', count: 1, userIds: ['u-bob'] }] }))
    expect(deleted.find('.text').text()).toBe('message deleted')
    expect(deleted.find('.reactions').exists()).toBe(false)
    expect(deleted.find('.menu-button').exists()).toBe(false)
  })

  it('offers edit and delete to its author only; the room owner may delete', async () => {
    const names = async (wrapper: ReturnType<typeof item>) => {
      await wrapper.find('.menu-button').trigger('click')
      return wrapper.findAll('.message-actions button').map((b) => b.attributes('aria-label'))
    }
    expect(await names(item(message(), 'u-bob'))).toEqual(['Add reaction', 'Reply', 'Edit', 'Delete'])
    expect(await names(item(message(), 'u-alice'))).toEqual(['Add reaction', 'Reply'])
    expect(await names(item(message(), 'u-alice', true))).toEqual(['Add reaction', 'Reply', 'Delete'])
  })

  it('reaction chips show counts, who reacted, whether I did, and toggle', async () => {
    const wrapper = item(message({ reactions: [{ emoji: '🎉', count: 2, userIds: ['u-bob', 'u-alice'] }] }))
    const chip = wrapper.find('.chip')
    expect(chip.text()).toContain('2')
    expect(chip.attributes('aria-pressed')).toBe('true')
    expect(chip.attributes('title')).toBe('bob, you')
  })

  it('picks an emoji from the picker', async () => {
    const wrapper = item(message())
    await wrapper.find('.menu-button').trigger('click')
    await wrapper.find('[aria-label="Add reaction"]').trigger('click')
    const emoji = wrapper.findAll('.emoji-picker button')
    expect(emoji.length).toBeGreaterThan(10)
    const actions = useMessageActionsStore()
    let toggled: unknown[] = []
    actions.toggleReaction = async (...args: unknown[]) => void (toggled = args)
    await emoji[0].trigger('click')
    expect(toggled).toEqual(['general', 1, '👍'])
  })

  it('a reply quote shows the original as text and asks to jump to it', async () => {
    const wrapper = item(message({ replyTo: { seq: 7, userId: 'u-ann', username: 'ann', excerpt: '<img src=x onerror=alert(1)>' } }))
    const quote = wrapper.find('.reply-quote')
    expect(quote.find('.excerpt').text()).toBe('<img src=x onerror=alert(1)>')
    expect(wrapper.find('img').exists()).toBe(false)
    await quote.trigger('click')
    expect(wrapper.emitted('jump')).toEqual([[7]])
  })

  it('replying puts the message in the composer\'s reply bar', async () => {
    const wrapper = item(message())
    await wrapper.find('.menu-button').trigger('click')
    await wrapper.find('[aria-label="Reply"]').trigger('click')
    expect(useMessageActionsStore().replyingTo.general).toEqual({ seq: 1, userId: 'u-bob', username: 'bob', excerpt: 'hello **world**' })
  })
})
