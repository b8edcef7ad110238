import { ref, type Ref } from 'vue'

/** How often relative labels ("Yesterday", "Today") are brought up to date. */
const tickMs = 30_000
const now = ref(Date.now())
let timer: ReturnType<typeof setInterval> | null = null

const tick = () => (now.value = Date.now())

/**
 * The current time, shared by every caller and advanced every 30 s, so labels roll over at midnight. A new caller
 * and a tab coming back into view (where browsers throttle timers) read the clock at once.
 */
export function useNow(): Ref<number> {
  tick()
  if (timer === null) {
    timer = setInterval(tick, tickMs)
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && tick())
  }
  return now
}
