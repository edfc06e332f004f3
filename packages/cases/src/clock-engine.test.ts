import {
  addWorkingDays,
  defaultCalendar,
  isWorkingDay,
  workingDaysBetween,
} from '@gongkai/calendar'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CasesError } from './cases-error.js'
import { type ClockPause, createClockEngine } from './clock-engine.js'
import { naiveDue, plusDays } from './test-helpers.js'

const engine = createClockEngine()
const calendar = defaultCalendar()

// Any day of 2020–2023 (春节, 国庆 and 调休 weekends of four years).
const dayArb = fc.integer({ min: 0, max: 4 * 365 }).map((n) => plusDays('2020-01-01', n))
const pauseArb = fc
  .record({ offset: fc.integer({ min: -10, max: 60 }), length: fc.integer({ min: 0, max: 40 }) })
  .map(({ offset, length }) => ({ offset, length }))

const pausesFrom = (start: string, ps: { offset: number; length: number }[], open = false) =>
  ps.map((p, i): ClockPause => {
    const s = plusDays(start, p.offset)
    return open && i === ps.length - 1 ? { start: s } : { start: s, end: plusDays(s, p.length) }
  })

const later = (a: string | null, b: string | null): boolean => a === null || (b !== null && a >= b)

describe('clock engine fixtures (domain §8.4 and the 2021–2022 arrangements)', () => {
  it.each([
    ['2021-04-14', 20, '2021-05-13'], // §8.4 worked example: 04-25 and 05-08 are 补班
    ['2021-04-14', 7, '2021-04-23'],
    ['2021-04-14', 15, '2021-05-07'],
    ['2021-05-13', 20, '2021-06-10'], // the Art. 33 extension after the example
    ['2021-09-24', 20, '2021-10-27'], // 国庆 2021: 09-26 and 10-09 are 补班, 10-01…10-07 off
    ['2021-02-05', 5, '2021-02-18'], // 春节 2021: 02-07 (Sun) 补班, 02-11…02-17 off
    ['2022-01-20', 20, '2022-02-22'], // 春节 2022: 01-29/01-30 补班, 01-31…02-06 off
    ['2022-09-23', 20, '2022-10-26'], // 国庆 2022: 10-08/10-09 补班, 10-01…10-07 off
  ])('%s + %i working days → %s', (start, n, due) => {
    expect(engine.due({ start, workingDays: n }).dueDate).toBe(due)
    expect(engine.due({ start, workingDays: n }).provisional).toBe(false)
    expect(addWorkingDays(start, n).date).toBe(due)
  })

  it('skips a consultation pause across 国庆 2021', () => {
    // 5 working days (09-26 补班, 09-27…09-30) before the pause, 15 after 10-12.
    const due = engine.due({
      start: '2021-09-24',
      workingDays: 20,
      pauses: [{ start: '2021-09-30', end: '2021-10-12' }],
    })
    expect(due.dueDate).toBe('2021-11-02')
  })

  it('gives no due date when an open pause is reached first, and says since when', () => {
    const due = engine.due({
      start: '2021-09-24',
      workingDays: 20,
      pauses: [{ start: '2021-09-30' }],
    })
    expect(due).toMatchObject({ dueDate: null, pausedSince: '2021-09-30', countedDays: 5 })
  })

  it('keeps a due date already passed before an open pause begins', () => {
    const due = engine.due({
      start: '2021-04-14',
      workingDays: 7,
      pauses: [{ start: '2021-05-01' }],
    })
    expect(due.dueDate).toBe('2021-04-23')
  })

  it('is provisional past the calendar data, with the calendar’s reason', () => {
    const last = calendar.lastOfficialYear()
    const due = engine.due({ start: `${last}-12-20`, workingDays: 20 })
    expect(due.provisional).toBe(true)
    expect(due.reason).toContain(String(last + 1))
    expect(engine.due({ start: `${last}-06-01`, workingDays: 5 }).provisional).toBe(false)
  })

  it('refuses malformed specs with bad_request naming the parameter', () => {
    expect(() => engine.due({ start: '2021-02-30', workingDays: 3 })).toThrow(CasesError)
    try {
      engine.due({ start: '2021-02-01', workingDays: 3, pauses: [{ start: 'x' }] })
    } catch (e) {
      expect((e as CasesError).details).toMatchObject({ parameter: 'pauses/0/start' })
    }
  })

  it('works far from the first dates it saw (the index grows)', () => {
    const e = createClockEngine()
    expect(e.addWorkingDays('2021-04-14', 20)).toBe('2021-05-13')
    expect(e.addWorkingDays('2005-04-28', 1)).toBe(addWorkingDays('2005-04-28', 1).date)
    expect(e.addWorkingDays('2021-04-14', 2000)).toBe(addWorkingDays('2021-04-14', 2000).date)
  })
})

describe('clock engine properties', () => {
  it('agrees with a naive day-by-day count', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 1, max: 60 }),
        fc.array(pauseArb, { maxLength: 3 }),
        fc.boolean(),
        (start, n, ps, open) => {
          const pauses = pausesFrom(start, ps, open)
          expect(engine.due({ start, workingDays: n, pauses }).dueDate).toBe(
            naiveDue(calendar, start, n, pauses)
          )
        }
      ),
      { numRuns: 400 }
    )
  })

  it('pauses never shorten a clock', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 1, max: 60 }),
        fc.array(pauseArb, { maxLength: 3 }),
        pauseArb,
        fc.boolean(),
        (start, n, ps, extra, open) => {
          const pauses = pausesFrom(start, ps)
          const before = engine.due({ start, workingDays: n, pauses }).dueDate
          const withExtra = [...pauses, ...pausesFrom(start, [extra], open)]
          const after = engine.due({ start, workingDays: n, pauses: withExtra }).dueDate
          expect(later(after, before)).toBe(true)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('due dates are working days after the start', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 1, max: 80 }),
        fc.array(pauseArb, { maxLength: 3 }),
        (start, n, ps) => {
          const due = engine.due({ start, workingDays: n, pauses: pausesFrom(start, ps) }).dueDate
          expect(due).not.toBeNull()
          expect(isWorkingDay(due as string)).toBe(true)
          expect((due as string) > start).toBe(true)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('addWorkingDays and workingDaysBetween match @gongkai/calendar', () => {
    fc.assert(
      fc.property(dayArb, dayArb, fc.integer({ min: 0, max: 120 }), (a, b, n) => {
        expect(engine.addWorkingDays(a, n)).toBe(addWorkingDays(a, n).date)
        expect(engine.workingDaysBetween(a, b)).toBe(workingDaysBetween(a, b))
        expect(engine.isWorkingDay(a)).toBe(isWorkingDay(a))
      }),
      { numRuns: 300 }
    )
  })
})
