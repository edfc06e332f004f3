import { type Calendar, defaultCalendar } from '@gongkai/calendar'
import { badRequest } from './cases-error.js'
import { dayOf, fromDay, yearOfDay } from './day-number.js'

/** A pause of a clock: the working days in (start, end] are not counted; no `end` = still open. */
export interface ClockPause {
  start: string
  end?: string | null
}

/** What a clock counts: `workingDays` working days after `start` (not counted), outside every pause. */
export interface ClockSpec {
  start: string
  workingDays: number
  pauses?: readonly ClockPause[]
}

/** A clock's due date, or `null` when an open pause is reached before the working days are used up. */
export interface ClockDue {
  dueDate: string | null
  /** True when the span from start to the due date (or to the open pause) runs into a year without official holiday data. */
  provisional: boolean
  /** Why it is provisional (the calendar's words). */
  reason?: string
  /** Start of the open pause that holds the clock when `dueDate` is null. */
  pausedSince?: string
  /** Working days counted before the open pause (when `dueDate` is null). */
  countedDays?: number
}

const NOT_PROVISIONAL = Object.freeze({ provisional: false as const })

/** Options of {@link createClockEngine}. */
export interface ClockEngineOptions {
  /** The calendar to count on (default: `@gongkai/calendar`'s default calendar). */
  calendar?: Calendar
}

/**
 * Working-day clocks over a calendar, shared by requests, messages and consultations. The due date is
 * the earliest working day D such that the working days in (start, D] outside every pause
 * (pauseStart, pauseEnd] number `workingDays`. Answers come from a prefix count of working days, so a
 * clock costs a few array reads whatever its length.
 */
export interface ClockEngine {
  readonly calendar: Calendar
  /** The due date of a clock (see {@link ClockSpec}); throws `bad_request` on a malformed spec. */
  due(spec: ClockSpec): ClockDue
  /** The `n`-th working day after `date` (n ≥ 1; `n = 0` gives `date` or the next working day). */
  addWorkingDays(date: string, n: number): string
  /** Working days in (a, b]; negative when b < a (as `@gongkai/calendar`'s `workingDaysBetween`). */
  workingDaysBetween(a: string, b: string): number
  /** True for a working day (Mon–Fri not off, or a 补班 weekend day). */
  isWorkingDay(date: string): boolean
  /** Whether dates from `a` to `b` depend on a year without official holiday data. */
  provisional(a: string, b: string): { provisional: boolean; reason?: string }
}

// A prefix count of working days over [lo, hi]: cum[i] = working days in [lo, lo + i]; days[j] = the
// j-th working day. Grown (rebuilt) when a date falls outside, so far-future dates still work.
class WorkingDayIndex {
  lo = 0
  hi = -1
  cum = new Int32Array(0)
  days = new Int32Array(0)

  constructor(private readonly isWorking: (day: number) => boolean) {}

  ensure(from: number, to: number): void {
    if (from >= this.lo && to <= this.hi) return
    // Whole years of margin, so a run of dates nearby does not rebuild again.
    const lo = Math.min(from, this.hi < this.lo ? from : this.lo) - 366
    const hi = Math.max(to, this.hi < this.lo ? to : this.hi) + 3 * 366
    const cum = new Int32Array(hi - lo + 1)
    const days: number[] = []
    let n = 0
    for (let d = lo; d <= hi; d++) {
      if (this.isWorking(d)) {
        days.push(d)
        n++
      }
      cum[d - lo] = n
    }
    this.lo = lo
    this.hi = hi
    this.cum = cum
    this.days = Int32Array.from(days)
  }

  /** Working days in (a, b] for a ≤ b. */
  between(a: number, b: number): number {
    this.ensure(a, b)
    return (this.cum[b - this.lo] as number) - (this.cum[a - this.lo] as number)
  }

  /** The k-th working day after a (k ≥ 1). */
  nth(a: number, k: number): number {
    // 2k + 30 calendar days always hold k working days (the longest Chinese holiday run is 9 days).
    this.ensure(a, a + 2 * k + 30)
    const j = (this.cum[a - this.lo] as number) + k - 1
    return this.days[j] as number
  }
}

const checkCount = (n: unknown, parameter: string): number => {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100_000) {
    throw badRequest(parameter, 'an integer 0–100000', n)
  }
  return n
}

/**
 * A clock engine over `calendar`. It reads the calendar's working days once per span of years, so
 * holiday years registered on the calendar after the first use need a new engine.
 * @example createClockEngine().due({ start: '2021-09-24', workingDays: 20 }).dueDate === '2021-10-27'
 */
export function createClockEngine(options: ClockEngineOptions = {}): ClockEngine {
  const calendar = options.calendar ?? defaultCalendar()
  const index = new WorkingDayIndex((d) => calendar.isWorkingDay(fromDay(d)))
  const official = new Set(calendar.officialYears())

  const provisionalDays = (a: number, b: number): { provisional: boolean; reason?: string } => {
    // Both ends in one official year: the common case, answered without a loop.
    if (official.has(yearOfDay(a)) && official.has(yearOfDay(b)) && Math.abs(b - a) < 366) {
      const ya = yearOfDay(a)
      const yb = yearOfDay(b)
      if (ya === yb || Math.abs(ya - yb) === 1) return NOT_PROVISIONAL
    }
    const lo = Math.min(a, b)
    const hi = Math.max(a, b)
    for (let y = yearOfDay(lo), last = yearOfDay(hi); y <= last; y++) {
      if (!official.has(y)) {
        const c = calendar.coverage(fromDay(lo), fromDay(hi))
        return c.reason ? { provisional: true, reason: c.reason } : { provisional: true }
      }
    }
    return { provisional: false }
  }

  const dueOn = (d: number, start: number): ClockDue => {
    const p = provisionalDays(start, d)
    return p.provisional
      ? { dueDate: fromDay(d), provisional: true, ...(p.reason ? { reason: p.reason } : {}) }
      : { dueDate: fromDay(d), provisional: false }
  }

  const due = (spec: ClockSpec): ClockDue => {
    const start = dayOf(spec?.start, 'start')
    let remaining = checkCount(spec.workingDays, 'workingDays')
    const given = spec.pauses ?? []
    const pauses =
      given.length === 0
        ? []
        : given
            .map((p, i) => ({
              start: dayOf(p.start, `pauses/${i}/start`),
              end: p.end == null ? undefined : dayOf(p.end, `pauses/${i}/end`),
            }))
            .filter((p) => p.end === undefined || p.end > start)
            .sort((x, y) => x.start - y.start)
    if (remaining === 0) return dueOn(index.nth(start - 1, 1), start)
    let cursor = start
    for (const p of pauses) {
      // A pause starting before the cursor (overlapping an earlier one, or before the start) only
      // moves the cursor to its end.
      const ps = Math.max(p.start, cursor)
      const available = index.between(cursor, ps)
      if (remaining <= available) return dueOn(index.nth(cursor, remaining), start)
      remaining -= available
      if (p.end === undefined) {
        return {
          dueDate: null,
          ...provisionalDays(start, ps),
          pausedSince: fromDay(p.start),
          countedDays: spec.workingDays - remaining,
        }
      }
      cursor = Math.max(cursor, p.end)
    }
    return dueOn(index.nth(cursor, remaining), start)
  }

  return {
    calendar,
    due,
    addWorkingDays(date, n) {
      const a = dayOf(date, 'date')
      checkCount(n, 'n')
      return fromDay(n === 0 ? index.nth(a - 1, 1) : index.nth(a, n))
    },
    workingDaysBetween(a, b) {
      const x = dayOf(a, 'a')
      const y = dayOf(b, 'b')
      const n = x <= y ? index.between(x, y) : -index.between(y, x)
      return n === 0 ? 0 : n
    },
    isWorkingDay(date) {
      const d = dayOf(date, 'date')
      return index.between(d - 1, d) === 1
    },
    provisional(a, b) {
      return provisionalDays(dayOf(a, 'a'), dayOf(b, 'b'))
    },
  }
}
