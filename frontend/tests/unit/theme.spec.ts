import { afterEach, describe, expect, it, vi } from 'vitest'
import { initTheme, setThemePreference, themeKey, useTheme } from '@/theme/theme'

/** A matchMedia whose "prefers dark" answer the test sets and can change later. */
function systemPrefersDark(dark: boolean) {
  const listeners = new Set<() => void>()
  const list = {
    matches: dark,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  }
  vi.stubGlobal('matchMedia', () => list)
  return (next: boolean) => {
    list.matches = next
    listeners.forEach((listener) => listener())
  }
}

describe('the theme', () => {
  afterEach(() => {
    localStorage.clear()
    vi.unstubAllGlobals()
  })

  it('follows the system setting while nothing is saved, including later changes', () => {
    const change = systemPrefersDark(true)
    initTheme()
    expect(document.documentElement.classList.contains('dark')).toBe(true)

    change(false)
    expect(document.documentElement.classList.contains('dark')).toBe(false)
    expect(useTheme().preference.value).toBe('system')
  })

  it('saves an explicit choice, which then wins over the system setting and survives a new start', () => {
    const change = systemPrefersDark(true)
    initTheme()
    useTheme().toggle()
    expect(localStorage.getItem(themeKey)).toBe('light')
    expect(document.documentElement.classList.contains('dark')).toBe(false)

    change(true)
    initTheme()
    expect(document.documentElement.classList.contains('dark')).toBe(false)
    expect(document.documentElement.style.colorScheme).toBe('light')
  })

  it('forgets the choice when set back to "system"', () => {
    systemPrefersDark(true)
    setThemePreference('light')
    setThemePreference('system')
    expect(localStorage.getItem(themeKey)).toBeNull()
    expect(useTheme().dark.value).toBe(true)
  })
})
