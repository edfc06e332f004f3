import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CasesError } from './cases-error.js'
import { checkDate, dayOf, fromDay, toDay, yearOfDay } from './day-number.js'

describe('day numbers', () => {
  it('round-trip every date of 1900–2200 and give its year', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDay('1900-01-01'), max: toDay('2200-12-31') }), (n) => {
        const date = fromDay(n)
        expect(toDay(date)).toBe(n)
        expect(dayOf(date, 'd')).toBe(n)
        expect(yearOfDay(n)).toBe(Number(date.slice(0, 4)))
      })
    )
    expect(yearOfDay(toDay('2021-12-31'))).toBe(2021)
    expect(yearOfDay(toDay('2022-01-01'))).toBe(2022)
    expect(yearOfDay(toDay('2024-02-29'))).toBe(2024)
  })

  it('refuses dates that do not exist, naming the parameter', () => {
    for (const bad of ['2021-02-29', '2021-13-01', '20210101', 20210101, null]) {
      expect(() => checkDate(bad, 'received')).toThrow(CasesError)
    }
    try {
      dayOf('2021-04-31', 'received')
    } catch (e) {
      expect((e as CasesError).details).toEqual({
        parameter: 'received',
        expected: 'a date written YYYY-MM-DD',
        actual: '2021-04-31',
      })
    }
  })
})
