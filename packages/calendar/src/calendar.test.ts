import { findWorkday } from 'chinese-days'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCalendar } from './calendar.js'
import { CalendarInputError } from './calendar-input-error.js'
import { dayNumberOf, fromDayNumber, isWeekendDay, toDayNumber } from './date.js'
import {
  addCalendarDays,
  addWorkingDays,
  dayKind,
  holidayName,
  isWorkingDay,
  lastOfficialYear,
  officialYears,
  workingDaysBetween,
} from './default-calendar.js'

describe('domain §8.4 fixtures (2021 data)', () => {
  it.each([
    ['2021-04-14', 20, '2021-05-13'],
    ['2021-04-14', 7, '2021-04-23'],
    ['2021-04-14', 15, '2021-05-07'],
    ['2021-05-13', 20, '2021-06-10'],
    ['2021-09-24', 20, '2021-10-27'],
  ])('%s + %i working days = %s', (start, n, due) => {
    expect(addWorkingDays(start, n)).toEqual({ date: due, provisional: false })
    expect(workingDaysBetween(start, due)).toBe(n)
    expect(addWorkingDays(due, -n).date).toBe(start)
  })

  it('2021-01-22 + 20 calendar days ends in 春节 and rolls to 2021-02-18', () => {
    expect(addCalendarDays('2021-01-22', 20)).toEqual({ date: '2021-02-18', provisional: false })
    expect(addCalendarDays('2021-01-22', 20, { rollOver: false }).date).toBe('2021-02-11')
  })
})

// Domain §9.3: the 2021 State Council arrangement, written out independently of the data.
const OFF_2021: [string, string, string][] = [
  ['元旦', '2021-01-01', '2021-01-03'],
  ['春节', '2021-02-11', '2021-02-17'],
  ['清明', '2021-04-03', '2021-04-05'],
  ['劳动节', '2021-05-01', '2021-05-05'],
  ['端午', '2021-06-12', '2021-06-14'],
  ['中秋', '2021-09-19', '2021-09-21'],
  ['国庆节', '2021-10-01', '2021-10-07'],
]
const MAKEUP_2021 = [
  '2021-02-07',
  '2021-02-20',
  '2021-04-25',
  '2021-05-08',
  '2021-09-18',
  '2021-09-26',
  '2021-10-09',
]

describe('2021 arrangement (§9.3)', () => {
  const off = new Map<number, string>()
  for (const [name, from, to] of OFF_2021) {
    for (let n = toDayNumber(from); n <= toDayNumber(to); n++) off.set(n, name)
  }
  const makeup = new Set(MAKEUP_2021.map(toDayNumber))

  it('every day of 2021 matches the table', () => {
    for (let n = dayNumberOf(2021, 1, 1); n <= dayNumberOf(2021, 12, 31); n++) {
      const date = fromDayNumber(n)
      const expected = makeup.has(n) || (!isWeekendDay(n) && !off.has(n))
      expect(isWorkingDay(date), date).toBe(expected)
      const kind = isWeekendDay(n)
        ? expected
          ? 'makeup_workday'
          : 'weekend'
        : expected
          ? 'normal_workday'
          : 'off'
      expect(dayKind(date), date).toBe(kind)
      if (off.has(n)) expect(holidayName(date), date).toBe(off.get(n))
    }
  })

  it('names 补班 days after their festival and plain days not at all', () => {
    expect(holidayName('2021-04-25')).toBe('劳动节')
    expect(holidayName('2021-04-14')).toBeUndefined()
  })
})

describe('spot checks from the bundled data', () => {
  it.each([
    ['2020-01-31', 'off'], // 春节 extended in 2020
    ['2020-02-01', 'weekend'], // its 补班 was cancelled
    ['2020-10-08', 'off'],
    ['2020-10-10', 'makeup_workday'],
    ['2022-10-07', 'off'],
    ['2022-10-08', 'makeup_workday'],
    ['2023-01-27', 'off'],
    ['2023-04-23', 'makeup_workday'],
    ['2024-05-02', 'off'],
    ['2024-04-28', 'makeup_workday'],
    ['2024-05-11', 'makeup_workday'],
    ['2025-01-28', 'off'],
    ['2025-02-08', 'makeup_workday'],
    ['2025-10-08', 'off'],
    ['2026-02-23', 'off'],
    ['2026-01-04', 'makeup_workday'],
    ['2026-03-02', 'normal_workday'],
  ])('%s is %s', (date, kind) => {
    expect(dayKind(date)).toBe(kind)
  })

  it('ends with 2026 and starts with 2004', () => {
    expect(lastOfficialYear()).toBe(2026)
    const years = officialYears()
    expect(years[0]).toBe(2004)
    expect(years).toHaveLength(2026 - 2004 + 1)
  })
})

describe('beyond the data', () => {
  it('flags a span into 2027 as provisional and names the year', () => {
    const r = addWorkingDays('2026-12-20', 20)
    expect(r.provisional).toBe(true)
    expect(r.reason).toContain('2027')
    // Without data for 2027 only weekends are skipped: 2027-01-01 (Fri) counts.
    expect(r.date).toBe('2027-01-15')
    const inside = addWorkingDays('2027-03-01', 5)
    expect(inside.provisional).toBe(true)
    expect(inside.reason).toContain('2027')
    expect(addCalendarDays('2027-03-01', 5).provisional).toBe(true)
    expect(addCalendarDays('2027-03-01', 5, { rollOver: false }).provisional).toBe(false)
  })

  it('is no longer provisional once a 2027 file is registered, on that calendar only', () => {
    const cal = createCalendar()
    const r = cal.registerHolidayYear({
      year: 2027,
      papers: [],
      days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }],
    })
    expect(r).toEqual({ ok: true, year: 2027 })
    expect(cal.addWorkingDays('2026-12-20', 20)).toEqual({ date: '2027-01-18', provisional: false })
    expect(cal.dayKind('2027-01-01')).toBe('off')
    expect(cal.addWorkingDays('2027-12-20', 20).reason).toContain('2028')
    expect(addWorkingDays('2026-12-20', 20).provisional).toBe(true)
  })

  it('takes extra years at creation and reports bad ones in dataErrors', () => {
    const cal = createCalendar({
      extraYears: [
        { year: 2027, papers: [], days: [{ name: '元旦', date: '2026-12-31', isOffDay: true }] },
        { year: 2028 },
      ],
    })
    expect(cal.isWorkingDay('2026-12-31')).toBe(false)
    expect(cal.officialYears()).toContain(2027)
    expect(cal.officialYears()).not.toContain(2028)
    expect(cal.dataErrors.map((e) => `${e.file} ${e.pointer}`)).toEqual([
      'extraYears[1] /papers',
      'extraYears[1] /days',
    ])
  })

  it('registration errors come back instead of throwing', () => {
    const r = createCalendar().registerHolidayYear({ year: 2027, papers: [], days: [{}] })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => e.pointer)).toContain('/days/0/date')
  })

  it('dates before 2004 are provisional too', () => {
    const r = addWorkingDays('2003-12-20', 10)
    expect(r.provisional).toBe(true)
    expect(r.reason).toContain('2003')
  })
})

describe('counting details', () => {
  it('n = 0 returns the date if working, else the next working day', () => {
    expect(addWorkingDays('2021-04-14', 0).date).toBe('2021-04-14')
    expect(addWorkingDays('2021-10-01', 0).date).toBe('2021-10-08')
  })

  it('workingDaysBetween is negative backwards and 0 for the same day', () => {
    expect(workingDaysBetween('2021-05-13', '2021-04-14')).toBe(-20)
    expect(workingDaysBetween('2021-05-13', '2021-05-13')).toBe(0)
    expect(workingDaysBetween('2020-12-31', '2021-12-31')).toBe(250)
  })

  it('calendar-day roll-over options', () => {
    // 2021-03-06 is an ordinary Saturday
    expect(addCalendarDays('2021-03-01', 5).date).toBe('2021-03-08')
    expect(addCalendarDays('2021-03-01', 5, { weekendsRollOver: false }).date).toBe('2021-03-06')
    expect(addCalendarDays('2021-01-22', 20, { weekendsRollOver: false }).date).toBe('2021-02-18')
    // counting back rolls to the previous working day so the minimum lead time still holds
    expect(addCalendarDays('2021-10-31', -30).date).toBe('2021-09-30')
  })

  it('throws CalendarInputError only for malformed input', () => {
    for (const bad of ['2021-02-30', '20210101', '']) {
      expect(() => addWorkingDays(bad, 1)).toThrow(CalendarInputError)
      expect(() => isWorkingDay(bad)).toThrow(bad === '' ? /""/ : bad)
    }
    expect(() => addWorkingDays('2021-04-14', 1.5)).toThrow(CalendarInputError)
    expect(() => addWorkingDays('2099-04-14', 20)).not.toThrow()
  })

  it('agrees with a day-by-day count over a long span (speed is measured in bench/, not here)', () => {
    let n = toDayNumber('2004-01-01')
    for (let left = 10_000; left > 0; ) {
      n += 1
      if (isWorkingDay(fromDayNumber(n))) left -= 1
    }
    expect(addWorkingDays('2004-01-01', 10_000)).toMatchObject({
      date: fromDayNumber(n),
      provisional: true,
    })
  })
})

const FIRST = dayNumberOf(2004, 1, 1)
const LAST = dayNumberOf(2026, 12, 31)
const date0426 = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber)
const workingDate = date0426.filter((d) => isWorkingDay(d))

describe('properties (2004–2026)', () => {
  it('counting back with workingDaysBetween gives n', () => {
    fc.assert(
      fc.property(date0426, fc.integer({ min: 0, max: 200 }), (d, n) => {
        const r = addWorkingDays(d, n).date
        // n = 0 on an off day moves to the next working day, one working day later.
        const expected = n === 0 && !isWorkingDay(d) ? 1 : n
        expect(workingDaysBetween(d, r)).toBe(expected)
        expect(workingDaysBetween(r, d)).toBe(0 - expected)
      })
    )
  })

  it('results are working days', () => {
    fc.assert(
      fc.property(date0426, fc.integer({ min: -200, max: 200 }), (d, n) => {
        expect(isWorkingDay(addWorkingDays(d, n).date)).toBe(true)
      })
    )
  })

  it('adding a then b equals adding a + b from a working day', () => {
    fc.assert(
      fc.property(
        workingDate,
        fc.integer({ min: -100, max: 200 }),
        fc.integer({ min: -100, max: 200 }),
        (d, a, b) => {
          const stepwise = addWorkingDays(addWorkingDays(d, a).date, b).date
          expect(stepwise).toBe(addWorkingDays(d, a + b).date)
        }
      )
    )
  })

  it('calendar-day roll-over lands on a working day, never before the plain end', () => {
    fc.assert(
      fc.property(date0426, fc.integer({ min: 0, max: 200 }), (d, n) => {
        const r = addCalendarDays(d, n).date
        expect(isWorkingDay(r)).toBe(true)
        expect(r >= addCalendarDays(d, n, { rollOver: false }).date).toBe(true)
      })
    )
  })

  it('agrees with chinese-days findWorkday', () => {
    const before2026 = fc.integer({ min: FIRST, max: dayNumberOf(2026, 4, 1) }).map(fromDayNumber)
    fc.assert(
      fc.property(before2026, fc.integer({ min: 1, max: 150 }), (d, n) => {
        expect(addWorkingDays(d, n).date).toBe(findWorkday(n, d))
      })
    )
  })
})
