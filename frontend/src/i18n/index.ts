import { computed, ref } from 'vue'
import type { Locale } from '@/domain/time'
import { en, type MessageKey } from './en'
import { zh } from './zh'

export type { MessageKey } from './en'
export type { Locale } from '@/domain/time'

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, zh }
const storageKey = 'chat.locale'

function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey)
  if (saved === 'en' || saved === 'zh') return saved
  return navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

/** The UI language; every `t()` call in a render re-runs when it changes. */
export const locale = ref<Locale>(initialLocale())

export function setLocale(next: Locale): void {
  locale.value = next
  localStorage.setItem(storageKey, next)
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en'
}

/** Looks up a UI string and fills `{name}` placeholders. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[locale.value][key]
  return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text
}

export function useI18n() {
  return { t, locale: computed(() => locale.value), setLocale }
}
