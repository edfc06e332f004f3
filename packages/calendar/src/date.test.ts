import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CalendarInputError } from './calendar-input-error.js'
import {
  dayNumberOf,
  fromDayNumber,
  isValidDate,
  parseDate,
  partsOfDayNumber,
  toDayNumber,
  todayInShanghai,
  weekdayOf,
} from './date.js'

describe('parseDate / isValidDate', () => {
  it('accepts real YYYY-MM-DD dates, leap days included', () => {
    expect(parseDate('2021-04-14')).toEqual({ year: 2021, month: 4, day: 14 })
    expect(isValidDate('2024-02-29')).toBe(true)
  })

  it('rejects impossible and malformed dates', () => {
    for (const bad of [
      '2021-02-30',
      '2023-02-29',
      '1900-02-29',
      '20210101',
      '',
      '2021-4-14',
      '2021-13-01',
    ]) {
      expect(isValidDate(bad)).toBe(false)
    }
    expect(isValidDate(20210101)).toBe(false)
  })

  it('throws CalendarInputError naming the bad value', () => {
    expect(() => parseDate('2021-02-30')).toThrow(CalendarInputError)
    expect(() => parseDate('20210101')).toThrow(/"20210101"/)
  })
})

describe('day numbers', () => {
  it('agree with Date.UTC and know the weekday', () => {
    expect(dayNumberOf(1970, 1, 1)).toBe(0)
    expect(toDayNumber('2021-04-14')).toBe(Date.UTC(2021, 3, 14) / 86_400_000)
    // 2021-04-14 was a Wednesday, 2021-04-25 a Sunday
    expect(weekdayOf(toDayNumber('2021-04-14'))).toBe(3)
    expect(weekdayOf(toDayNumber('2021-04-25'))).toBe(0)
  })

  it('round-trip for any day of years 1000–9999 and match Date', () => {
    const lo = dayNumberOf(1000, 1, 1)
    const hi = dayNumberOf(9999, 12, 31)
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (n) => {
        const s = fromDayNumber(n)
        expect(toDayNumber(s)).toBe(n)
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(s)
        const p = partsOfDayNumber(n)
        expect(dayNumberOf(p.year, p.month, p.day)).toBe(n)
      })
    )
  })
})

describe('todayInShanghai', () => {
  it('uses UTC+8 whatever the host zone', () => {
    expect(todayInShanghai(new Date('2021-04-13T16:30:00Z'))).toBe('2021-04-14')
    expect(todayInShanghai(new Date('2021-04-13T15:59:59Z'))).toBe('2021-04-13')
  })
})
