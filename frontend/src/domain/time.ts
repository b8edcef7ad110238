import dayjs, { type Dayjs } from 'dayjs'

export type Locale = 'en' | 'zh'

/**
 * Values below this are seconds, the rest milliseconds: 10^10 s is the year 2286, 10^10 ms is
 * April 1970, so no real timestamp is ambiguous. (The seed stored seconds; the contract uses ms.)
 */
const secondsThreshold = 1e10

const yesterdayWord: Record<Locale, string> = { en: 'Yesterday', zh: '昨天' }
const todayWord: Record<Locale, string> = { en: 'Today', zh: '今天' }

export function toMilliseconds(value: number): number {
  return Math.abs(value) < secondsThreshold ? value * 1000 : value
}

function relativeDay(at: Dayjs, now: Dayjs): 'today' | 'yesterday' | 'sameYear' | 'older' {
  if (at.isSame(now, 'day')) return 'today'
  if (at.isSame(now.subtract(1, 'day'), 'day')) return 'yesterday'
  if (at.isSame(now, 'year')) return 'sameYear'
  return 'older'
}

/**
 * A message time as people read it, in the viewer's time zone:
 * today `HH:mm:ss`; yesterday `Yesterday HH:mm:ss` / `昨天 HH:mm:ss`; this year `MM-DD HH:mm:ss`;
 * otherwise `YYYY-MM-DD HH:mm:ss`.
 */
export function formatTimestamp(value: number, locale: Locale, now: number = Date.now()): string {
  const at = dayjs(toMilliseconds(value))
  switch (relativeDay(at, dayjs(now))) {
    case 'today':
      return at.format('HH:mm:ss')
    case 'yesterday':
      return `${yesterdayWord[locale]} ${at.format('HH:mm:ss')}`
    case 'sameYear':
      return at.format('MM-DD HH:mm:ss')
    case 'older':
      return at.format('YYYY-MM-DD HH:mm:ss')
  }
}

/** The label of a day separator in the message list: Today, Yesterday, `MM-DD` or `YYYY-MM-DD`. */
export function formatDay(value: number, locale: Locale, now: number = Date.now()): string {
  const at = dayjs(toMilliseconds(value))
  switch (relativeDay(at, dayjs(now))) {
    case 'today':
      return todayWord[locale]
    case 'yesterday':
      return yesterdayWord[locale]
    case 'sameYear':
      return at.format('MM-DD')
    case 'older':
      return at.format('YYYY-MM-DD')
  }
}

/** A key that is equal for two times on the same local calendar day. */
export function dayKey(value: number): string {
  return dayjs(toMilliseconds(value)).format('YYYY-MM-DD')
}
