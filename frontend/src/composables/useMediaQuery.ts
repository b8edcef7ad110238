import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Whether a CSS media query matches, kept up to date. */
export function useMediaQuery(query: string): Ref<boolean> {
  const list = window.matchMedia(query)
  const matches = ref(list.matches)
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches)
  list.addEventListener('change', update)
  onBeforeUnmount(() => list.removeEventListener('change', update))
  return matches
}

/** Phones: the room list becomes a drawer. */
export const narrowQuery = '(max-width: 767px)'
/** Below this the online list moves from a side column into a drawer. */
export const peopleColumnQuery = '(min-width: 1100px)'
