import { readonly, ref } from 'vue'

/** What the user chose: follow the system setting (the default), or one theme regardless of it. */
export type ThemePreference = 'system' | 'light' | 'dark'

/** localStorage key of an explicit choice; absent means "follow the system". index.html reads it too. */
export const themeKey = 'chat.theme'
const darkQuery = '(prefers-color-scheme: dark)'

function readPreference(): ThemePreference {
  try {
    const saved = localStorage.getItem(themeKey)
    return saved === 'light' || saved === 'dark' ? saved : 'system'
  } catch {
    return 'system'
  }
}

const preference = ref<ThemePreference>('system')
const dark = ref(false)
let systemDark: MediaQueryList | null = null

function apply() {
  dark.value = preference.value === 'dark' || (preference.value === 'system' && (systemDark?.matches ?? false))
  const root = document.documentElement
  // Element Plus switches its CSS variables on `html.dark`; ours (styles.css) follow the same class.
  root.classList.toggle('dark', dark.value)
  root.style.colorScheme = dark.value ? 'dark' : 'light'
}

/** Reads the saved choice, applies it, and follows the system setting while no explicit choice is saved. */
export function initTheme(): void {
  preference.value = readPreference()
  systemDark = window.matchMedia(darkQuery)
  systemDark.addEventListener('change', apply)
  apply()
}

/** Saves an explicit choice (or forgets it with 'system') and applies it at once. */
export function setThemePreference(next: ThemePreference): void {
  preference.value = next
  try {
    if (next === 'system') localStorage.removeItem(themeKey)
    else localStorage.setItem(themeKey, next)
  } catch {
    // Private modes and full quotas: the choice holds for this tab only.
  }
  apply()
}

/** The theme on screen now, and the saved preference. */
export function useTheme() {
  return {
    dark: readonly(dark),
    preference: readonly(preference),
    toggle: () => setThemePreference(dark.value ? 'light' : 'dark'),
  }
}
