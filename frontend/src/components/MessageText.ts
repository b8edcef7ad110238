import { computed, defineComponent, h, type PropType, type VNode } from 'vue'
import { parseMarkdown, type Block, type Inline } from '@/domain/markdown'

/** Every link out of a message opens apart from the app, passes no referrer or opener, and earns no ranking. */
export const linkRel = 'noopener noreferrer nofollow'

function inline(nodes: readonly Inline[]): (VNode | string)[] {
  // Strings become text nodes (Vue sets their textContent): message text never becomes markup.
  return nodes.map((node) => {
    switch (node.type) {
      case 'text':
        return node.text
      case 'code':
        return h('code', { class: 'md-code' }, node.text)
      case 'bold':
        return h('strong', inline(node.children))
      case 'italic':
        return h('em', inline(node.children))
      case 'link':
        return h('a', { href: node.href, rel: linkRel, target: '_blank' }, inline(node.children))
    }
  })
}

function block(node: Block): VNode {
  return node.type === 'codeBlock'
    ? h('pre', { class: 'md-pre' }, [h('code', node.text)])
    : h('span', { class: 'md-paragraph' }, inline(node.children))
}

/** A message's text with its Markdown subset (domain/markdown.ts) as elements and text nodes. */
export default defineComponent({
  name: 'MessageText',
  props: { text: { type: String as PropType<string>, required: true } },
  setup(props) {
    const blocks = computed(() => parseMarkdown(props.text))
    return () => h('div', { class: 'message-text' }, blocks.value.map(block))
  },
})
