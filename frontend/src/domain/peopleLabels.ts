/** Sentences about people: whether someone is online or when they were last seen, and who is typing. */
import type { MessageKey } from '@/i18n'
import { formatTimestamp, type Locale } from './time'

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

const minuteMs = 60_000
const hourMs = 60 * minuteMs

/** "Online", or when the person was last seen: "just now", "12 min ago", "3 h ago", then the date and time. */
export function presenceLabel(
  profile: { online: boolean; lastSeenAt: number | null } | undefined,
  t: Translate,
  locale: Locale,
  now: number = Date.now(),
): string {
  if (!profile) return ''
  if (profile.online) return t('conv.online')
  if (!profile.lastSeenAt) return t('conv.offline')
  const ago = Math.max(0, now - profile.lastSeenAt)
  const when =
    ago < minuteMs
      ? t('conv.justNow')
      : ago < hourMs
        ? t('conv.minutesAgo', { count: Math.floor(ago / minuteMs) })
        : ago < 24 * hourMs
          ? t('conv.hoursAgo', { count: Math.floor(ago / hourMs) })
          : formatTimestamp(profile.lastSeenAt, locale, now)
  return t('conv.lastSeen', { when })
}

/** The typing line under the message list, or '' when nobody types. */
export function typingLine(names: readonly string[], t: Translate): string {
  if (names.length === 0) return ''
  if (names.length === 1) return t('conv.typingOne', { name: names[0] })
  if (names.length === 2) return t('conv.typingTwo', { first: names[0], second: names[1] })
  return t('conv.typingMany')
}
