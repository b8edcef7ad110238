import { computed, defineComponent, h, type PropType } from 'vue'
import { highlight } from '@/domain/highlight'

/** Text with the search's hits in `<mark>`: segments are text nodes, never markup. */
export default defineComponent({
  name: 'HighlightedText',
  props: {
    text: { type: String as PropType<string>, required: true },
    query: { type: String as PropType<string>, required: true },
  },
  setup(props) {
    const segments = computed(() => highlight(props.text, props.query))
    return () => h('span', segments.value.map((s) => (s.hit ? h('mark', { class: 'hit' }, s.text) : s.text)))
  },
})
