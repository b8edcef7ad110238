import { describe, expect, it } from 'vitest'
import { dayKey, formatDay, formatTimestamp, toMilliseconds } from '@/domain/time'

// Local-time constructors keep these tests true in any time zone the machine runs in.
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime()

describe('formatTimestamp', () => {
  const now = at(2025, 3, 15, 14, 30, 0)

  it('shows only the time for a message from today', () => {
    expect(formatTimestamp(at(2025, 3, 15, 9, 5, 7), 'en', now)).toBe('09:05:07')
    expect(formatTimestamp(at(2025, 3, 15, 9, 5, 7), 'zh', now)).toBe('09:05:07')
  })

  it('counts the first second after midnight as today', () => {
    expect(formatTimestamp(at(2025, 3, 15, 0, 0, 0), 'en', now)).toBe('00:00:00')
  })

  it('counts the last second before midnight as yesterday, in both languages', () => {
    expect(formatTimestamp(at(2025, 3, 14, 23, 59, 59), 'en', now)).toBe('Yesterday 23:59:59')
    expect(formatTimestamp(at(2025, 3, 14, 23, 59, 59), 'zh', now)).toBe('昨天 23:59:59')
  })

  it('says yesterday for the whole previous calendar day, even less than a day ago', () => {
    const justAfterMidnight = at(2025, 3, 15, 0, 0, 30)
    expect(formatTimestamp(at(2025, 3, 14, 23, 59, 0), 'en', justAfterMidnight)).toBe('Yesterday 23:59:00')
    expect(formatTimestamp(at(2025, 3, 14, 0, 0, 0), 'en', now)).toBe('Yesterday 00:00:00')
  })

  it('shows month and day for the day before yesterday in the same year', () => {
    expect(formatTimestamp(at(2025, 3, 13, 23, 59, 59), 'en', now)).toBe('03-13 23:59:59')
    expect(formatTimestamp(at(2025, 1, 1, 0, 0, 0), 'zh', now)).toBe('01-01 00:00:00')
  })

  it('shows the full date for an earlier year', () => {
    expect(formatTimestamp(at(2024, 12, 30, 8, 0, 0), 'en', now)).toBe('2024-12-30 08:00:00')
  })

  it('says yesterday across the year boundary rather than the full date', () => {
    const newYear = at(2025, 1, 1, 0, 10, 0)
    expect(formatTimestamp(at(2024, 12, 31, 23, 50, 0), 'en', newYear)).toBe('Yesterday 23:50:00')
    expect(formatTimestamp(at(2024, 12, 31, 23, 50, 0), 'zh', newYear)).toBe('昨天 23:50:00')
    expect(formatTimestamp(at(2024, 12, 30, 23, 50, 0), 'en', newYear)).toBe('2024-12-30 23:50:00')
  })

  it('reads values below 10^10 as seconds and the rest as milliseconds', () => {
    const ms = at(2025, 3, 15, 9, 5, 7)
    expect(formatTimestamp(ms / 1000, 'en', now)).toBe('09:05:07')
    expect(formatTimestamp(ms, 'en', now)).toBe('09:05:07')
    expect(toMilliseconds(9_999_999_999)).toBe(9_999_999_999_000)
    expect(toMilliseconds(10_000_000_000)).toBe(10_000_000_000)
  })
})

describe('formatDay', () => {
  const now = at(2025, 3, 15, 14, 30, 0)

  it('labels day separators Today, Yesterday, MM-DD or YYYY-MM-DD', () => {
    expect(formatDay(at(2025, 3, 15, 1), 'en', now)).toBe('Today')
    expect(formatDay(at(2025, 3, 15, 1), 'zh', now)).toBe('今天')
    expect(formatDay(at(2025, 3, 14, 1), 'en', now)).toBe('Yesterday')
    expect(formatDay(at(2025, 3, 14, 1), 'zh', now)).toBe('昨天')
    expect(formatDay(at(2025, 2, 1, 1), 'en', now)).toBe('02-01')
    expect(formatDay(at(2023, 2, 1, 1), 'en', now)).toBe('2023-02-01')
  })

  it('puts the two sides of midnight on different days', () => {
    expect(dayKey(at(2025, 3, 14, 23, 59, 59))).not.toBe(dayKey(at(2025, 3, 15, 0, 0, 0)))
    expect(dayKey(at(2025, 3, 15, 0, 0, 0))).toBe(dayKey(at(2025, 3, 15, 23, 59, 59)))
  })
})
