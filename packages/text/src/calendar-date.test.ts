import { describe, expect, it } from 'vitest'
import { daysInMonth, isCalendarDate, isIsoDate, isLeapYear } from './calendar-date.js'

describe('calendar dates', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2021, 2024].map(isLeapYear)).toEqual([false, true, false, true])
    expect([1, 2, 4, 12].map((m) => daysInMonth(2021, m))).toEqual([31, 28, 30, 31])
    expect(daysInMonth(2024, 2)).toBe(29)
  })

  it('accepts real days only, from year 1', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true)
    expect(isCalendarDate(2021, 2, 29)).toBe(false)
    expect(isCalendarDate(2021, 4, 31)).toBe(false)
    expect(isCalendarDate(2021, 13, 1)).toBe(false)
    expect(isCalendarDate(2021, 0, 1)).toBe(false)
    expect(isCalendarDate(2021, 1, 0)).toBe(false)
    expect(isCalendarDate(0, 1, 1)).toBe(false)
    expect(isCalendarDate(2021, 1.5, 1)).toBe(false)
    expect(isCalendarDate(Number.NaN, 1, 1)).toBe(false)
  })

  it('checks YYYY-MM-DD text', () => {
    expect(isIsoDate('2021-04-14')).toBe(true)
    expect(isIsoDate('2024-02-29')).toBe(true)
    for (const bad of ['2021-02-30', '20210101', '2021-4-14', ' 2021-04-14', '', 20210414]) {
      expect(isIsoDate(bad)).toBe(false)
    }
  })
})
