import { ref, type Ref } from 'vue'

/** How often relative labels ("Yesterday", "Today") are brought up to date. */
const tickMs = 30_000
const now = ref(Date.now())
let timer: ReturnType<typeof setInterval> | null = null

/** The current time, shared by every caller and advanced every 30 s, so labels roll over at midnight. */
export function useNow(): Ref<number> {
  timer ??= setInterval(() => (now.value = Date.now()), tickMs)
  return now
}
