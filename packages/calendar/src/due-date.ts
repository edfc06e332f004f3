import { daysInMonth, isLeapYear } from '@gongkai/text'
import type { Calendar, DayResult } from './calendar.js'
import { CalendarInputError } from './calendar-input-error.js'
import { dayNumberOf, fromDayNumber, partsOfDayNumber, toDayNumber } from './date.js'
import { defaultCalendar } from './default-calendar.js'
import type {
  FixedDateTimeLimit,
  Period,
  QualitativeTimeLimit,
  RecurringTimeLimit,
  TimeLimit,
} from './time-limit.js'

/**
 * What a time limit is computed against: `{ date, postedAt? }` for after_event / before_event,
 * `{ from, to }` for recurring (and fixed_date), `{ year }` for fixed_date.
 */
export interface DueDateEvent {
  /** The trigger (after_event) or the event (before_event) date. */
  date?: string
  /** When the information was actually posted; the publicity period (公示期) is counted from it. */
  postedAt?: string
  from?: string
  to?: string
  year?: number
}

/** A single due date (after_event: the deadline; before_event: the latest allowed publication date). */
export interface DueDate {
  kind: 'date'
  date: string
  provisional: boolean
  reason?: string
  /** End of the minimum posting, counted from `postedAt` when given, else from the due date. */
  publicityEnds?: string
}

/** One period of a recurring limit and its due date. */
export interface ScheduledDue {
  periodStart: string
  periodEnd: string
  due: string
  provisional: boolean
  reason?: string
  /** End of the minimum posting, counted from the due date. */
  publicityEnds?: string
}

/** The due dates of a recurring limit for every period overlapping the range asked for. */
export interface DueSchedule {
  kind: 'schedule'
  dates: ScheduledDue[]
}

/** One fixed annual date; `offDay` flags a date that is not a working day (it is not rolled). */
export interface FixedDue {
  year: number
  date: string
  offDay: boolean
  provisional: boolean
  reason?: string
}

/** The fixed annual dates in the year or range asked for. */
export interface FixedDueDates {
  kind: 'fixed'
  dates: FixedDue[]
}

/** No computable date (qualitative limits, or nextDue on an event-driven limit). */
export interface NoDueDate {
  kind: 'none'
  reason: string
}

/** A time limit and event that do not fit together, or malformed input. */
export interface DueDateError {
  kind: 'error'
  message: string
}

/** The result of one part of a composite limit, with the content kinds it governs. */
export interface PartDue {
  /** Absent on the general part, which governs every kind no other part names. */
  appliesTo?: string[]
  result: DueDate | DueDateError
}

/** The due date of every part of a composite limit, in printed order. */
export interface PartsDue {
  kind: 'parts'
  parts: PartDue[]
}

/** Result of `dueDate`. */
export type DueDateResult =
  | DueDate
  | DueSchedule
  | FixedDueDates
  | NoDueDate
  | PartsDue
  | DueDateError

/** Result of `nextDue`: the next due date on or after today, with its period for recurring limits. */
export type NextDueResult =
  | {
      kind: 'date'
      date: string
      provisional: boolean
      reason?: string
      periodStart?: string
      periodEnd?: string
      offDay?: boolean
    }
  | NoDueDate
  | DueDateError

/** Options of `dueDate` / `nextDue`. */
export interface DueDateOptions {
  /** Calendar to count on; default: the shared default calendar. */
  calendar?: Calendar
  /** Whether weekends roll calendar-day periods over (not settled in law, hence a setting); default true. */
  weekendsRollOver?: boolean
}

const QUALITATIVE_LABEL: Record<QualitativeTimeLimit['kind'], string> = {
  realtime: '实时公开',
  timely: '及时公开',
  long_term: '长期公开',
}

// Day-based periods: a day, or a week from Monday to Sunday.
const PERIOD_DAYS: Partial<Record<RecurringTimeLimit['recurrence'], number>> = {
  daily: 1,
  weekly: 7,
}

const PERIOD_MONTHS: Partial<Record<RecurringTimeLimit['recurrence'], number>> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
}

// Guards a typo such as from 1000-01-01 from producing a huge schedule.
const MAX_PERIODS = 5000

class DueInputError extends Error {}

const err = (message: string): DueDateError => ({ kind: 'error', message })

const day = (value: unknown, pointer: string): number => {
  if (typeof value !== 'string') {
    throw new DueInputError(`${pointer}: expected a YYYY-MM-DD date, got ${JSON.stringify(value)}`)
  }
  try {
    return toDayNumber(value)
  } catch (e) {
    if (e instanceof CalendarInputError) throw new DueInputError(`${pointer}: ${e.message}`)
    throw e
  }
}

const checkPeriod = (p: unknown, pointer: string): Period => {
  const o = p as Partial<Period> | null
  const amountOk =
    typeof o?.amount === 'number' && Number.isInteger(o.amount) && o.amount >= 0 && o.amount <= 3650
  if (!amountOk) {
    throw new DueInputError(
      `${pointer}/amount: expected an integer 0–3650, got ${JSON.stringify(o?.amount)}`
    )
  }
  if (o?.unit !== 'working_day' && o?.unit !== 'calendar_day') {
    throw new DueInputError(
      `${pointer}/unit: expected "working_day" or "calendar_day", got ${JSON.stringify(o?.unit)}`
    )
  }
  return { amount: o.amount as number, unit: o.unit }
}

const mergeProvisional = (results: DayResult[]): { provisional: boolean; reason?: string } => {
  const reasons = [...new Set(results.filter((r) => r.provisional).map((r) => r.reason as string))]
  return reasons.length ? { provisional: true, reason: reasons.join('; ') } : { provisional: false }
}

/** Adds a period; `sign` -1 counts back. A zero working-day period lands on the next working day. */
const addPeriod = (
  cal: Calendar,
  n: number,
  p: Period,
  sign: 1 | -1,
  weekendsRollOver: boolean
): DayResult =>
  p.unit === 'working_day'
    ? cal.addWorkingDays(fromDayNumber(n), sign * p.amount)
    : cal.addCalendarDays(fromDayNumber(n), sign * p.amount, { weekendsRollOver })

const recurringSchedule = (
  cal: Calendar,
  limit: RecurringTimeLimit,
  from: number,
  to: number,
  weekendsRollOver: boolean
): DueSchedule => {
  const months = PERIOD_MONTHS[limit.recurrence]
  const days = PERIOD_DAYS[limit.recurrence]
  if (months === undefined && days === undefined) {
    throw new DueInputError(
      `/recurrence: expected daily, weekly, monthly, quarterly, semiannual or annual, got ${JSON.stringify(limit.recurrence)}`
    )
  }
  const offset = limit.dueOffset ? checkPeriod(limit.dueOffset, '/dueOffset') : undefined
  const publicity = limit.publicityPeriod
    ? checkPeriod(limit.publicityPeriod, '/publicityPeriod')
    : undefined
  if (from > to) throw new DueInputError('event: `from` is after `to`')
  const f = partsOfDayNumber(from)
  // Months counted from year 0, so periods align on Jan/Apr/Jul/Oct etc.; weeks start on Monday
  // (day 0 = 1970-01-01 was a Thursday).
  let m = months ? f.year * 12 + Math.floor((f.month - 1) / months) * months : 0
  let d = days === 7 ? from - ((((from % 7) + 7 + 3) % 7) as number) : from
  const dates: ScheduledDue[] = []
  for (;;) {
    const start = months ? dayNumberOf(Math.floor(m / 12), (m % 12) + 1, 1) : d
    if (start > to) break
    if (dates.length >= MAX_PERIODS) {
      throw new DueInputError(`event: the range holds more than ${MAX_PERIODS} periods`)
    }
    let end: number
    if (months) {
      const lastM = m + months - 1
      const endY = Math.floor(lastM / 12)
      const endMonth = (lastM % 12) + 1
      end = dayNumberOf(endY, endMonth, daysInMonth(endY, endMonth))
    } else {
      end = d + (days as number) - 1
    }
    // Default: due on the period's last day, rolled to a working day like any period end.
    const due = offset
      ? addPeriod(cal, end, offset, 1, weekendsRollOver)
      : cal.addWorkingDays(fromDayNumber(end), 0)
    const posted = publicity
      ? addPeriod(cal, toDayNumber(due.date), publicity, 1, weekendsRollOver)
      : undefined
    const item: ScheduledDue = {
      periodStart: fromDayNumber(start),
      periodEnd: fromDayNumber(end),
      due: due.date,
      ...mergeProvisional(posted ? [due, posted] : [due]),
    }
    if (posted) item.publicityEnds = posted.date
    dates.push(item)
    if (months) m += months
    else d += days as number
  }
  return { kind: 'schedule', dates }
}

const fixedDateIn = (limit: FixedDateTimeLimit, year: number): number => {
  // 2月29日 in a common year means the end of February.
  const d = limit.month === 2 && limit.day === 29 && !isLeapYear(year) ? 28 : limit.day
  return dayNumberOf(year, limit.month, d)
}

const checkFixed = (limit: FixedDateTimeLimit): void => {
  const { month, day: d } = limit
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new DueInputError(`/month: expected an integer 1–12, got ${JSON.stringify(month)}`)
  }
  // Leap-year length, so 2月29日 is accepted and 2月30日 / 4月31日 are not.
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > daysInMonth(2000, month)) {
    throw new DueInputError(
      `/day: expected a day that exists in month ${month}, got ${JSON.stringify(d)}`
    )
  }
}

const fixedDue = (cal: Calendar, limit: FixedDateTimeLimit, year: number): FixedDue => {
  const date = fromDayNumber(fixedDateIn(limit, year))
  const c = cal.coverage(date, date)
  const item: FixedDue = { year, date, offDay: !cal.isWorkingDay(date), provisional: c.provisional }
  if (c.reason) item.reason = c.reason
  return item
}

const checkAmount = (limit: { amount?: unknown; unit?: unknown }): Period =>
  checkPeriod({ amount: limit.amount, unit: limit.unit }, '')

const compute = (limit: TimeLimit, event: DueDateEvent, options: DueDateOptions): DueDateResult => {
  const cal = options.calendar ?? defaultCalendar()
  const weekendsRollOver = options.weekendsRollOver ?? true
  const ev = (event ?? {}) as DueDateEvent
  switch (limit.type) {
    case 'after_event': {
      const period = checkAmount(limit)
      if (ev.date === undefined) return err('after_event needs the trigger date: { date }')
      const due = addPeriod(cal, day(ev.date, 'event/date'), period, 1, weekendsRollOver)
      if (!limit.publicityPeriod) return { kind: 'date', ...due }
      const publicity = checkPeriod(limit.publicityPeriod, '/publicityPeriod')
      const postedAt = ev.postedAt === undefined ? due.date : ev.postedAt
      const ends = addPeriod(cal, day(postedAt, 'event/postedAt'), publicity, 1, weekendsRollOver)
      return {
        kind: 'date',
        date: due.date,
        ...mergeProvisional([due, ends]),
        publicityEnds: ends.date,
      }
    }
    case 'before_event': {
      const period = checkAmount(limit)
      if (ev.date === undefined) return err('before_event needs the event date: { date }')
      const latest = addPeriod(cal, day(ev.date, 'event/date'), period, -1, weekendsRollOver)
      return { kind: 'date', ...latest }
    }
    case 'recurring': {
      if (ev.from === undefined || ev.to === undefined) {
        return err('recurring needs a range: { from, to }')
      }
      const from = day(ev.from, 'event/from')
      const to = day(ev.to, 'event/to')
      return recurringSchedule(cal, limit, from, to, weekendsRollOver)
    }
    case 'fixed_date': {
      checkFixed(limit)
      if (ev.year !== undefined) {
        if (!Number.isInteger(ev.year) || ev.year < 1000 || ev.year > 9999) {
          throw new DueInputError(
            `event/year: expected a four-digit year, got ${JSON.stringify(ev.year)}`
          )
        }
        return { kind: 'fixed', dates: [fixedDue(cal, limit, ev.year)] }
      }
      if (ev.from === undefined || ev.to === undefined) {
        return err('fixed_date needs { year } or a range { from, to }')
      }
      const from = day(ev.from, 'event/from')
      const to = day(ev.to, 'event/to')
      if (from > to) return err('event: `from` is after `to`')
      const dates: FixedDue[] = []
      for (let y = partsOfDayNumber(from).year; y <= partsOfDayNumber(to).year; y++) {
        const n = fixedDateIn(limit, y)
        if (n >= from && n <= to) dates.push(fixedDue(cal, limit, y))
      }
      return { kind: 'fixed', dates }
    }
    case 'qualitative': {
      const label = QUALITATIVE_LABEL[limit.kind] ?? limit.text
      return { kind: 'none', reason: `${label}: no fixed date` }
    }
    case 'composite': {
      if (!Array.isArray(limit.parts) || limit.parts.length === 0)
        return err('/parts: expected a list of after_event parts')
      // Each part is counted from the same event: the caller judges an item by its own part.
      const parts = limit.parts.map((part, i): PartDue => {
        const result =
          part?.type === 'after_event'
            ? guard(() => compute(part, ev, options) as DueDate | DueDateError)
            : err(`/parts/${i}/type: expected after_event, got ${JSON.stringify(part?.type)}`)
        const named =
          result.kind === 'error'
            ? err(`/parts/${i}${result.message.startsWith('/') ? '' : ': '}${result.message}`)
            : result
        return part?.appliesTo
          ? { appliesTo: [...part.appliesTo], result: named }
          : { result: named }
      })
      return { kind: 'parts', parts }
    }
    default:
      return err(
        `/type: expected after_event, recurring, fixed_date, before_event, qualitative or composite, got ${JSON.stringify((limit as { type?: unknown }).type)}`
      )
  }
}

const guard = <T>(run: () => T): T | DueDateError => {
  try {
    return run()
  } catch (e) {
    if (e instanceof DueInputError) return err(e.message)
    throw e
  }
}

const isLimit = (limit: unknown): limit is TimeLimit =>
  typeof limit === 'object' && limit !== null && 'type' in limit

/**
 * Turns a structured 公开时限 into due dates (民法典 Art. 201/203 counting). Never throws: bad combinations and malformed
 * dates give `{ kind: 'error', message }`. Fixed dates (每年1月31日前) are statutory calendar dates, not periods
 * counted in days, so Art. 203 roll-over does not apply: they are never rolled, only flagged `offDay`.
 * @example dueDate({ type: 'after_event', text: '…', trigger: 'formed_or_changed', amount: 20, unit: 'working_day' }, { date: '2021-04-14' })
 */
export function dueDate(
  limit: TimeLimit,
  event: DueDateEvent,
  options: DueDateOptions = {}
): DueDateResult {
  if (!isLimit(limit))
    return err(`expected a time limit object with a type, got ${JSON.stringify(limit)}`)
  return guard(() => compute(limit, event, options))
}

/**
 * The next due date on or after `today` of a recurring or fixed_date limit (for "due soon" reports).
 * Event-driven and qualitative limits give `{ kind: 'none' }`. Never throws.
 */
export function nextDue(
  limit: TimeLimit,
  today: string,
  options: DueDateOptions = {}
): NextDueResult {
  if (!isLimit(limit))
    return err(`expected a time limit object with a type, got ${JSON.stringify(limit)}`)
  return guard((): NextDueResult => {
    const cal = options.calendar ?? defaultCalendar()
    const t = day(today, 'today')
    if (limit.type === 'fixed_date') {
      checkFixed(limit)
      const y = partsOfDayNumber(t).year
      const year = fixedDateIn(limit, y) >= t ? y : y + 1
      const { date, offDay, provisional, reason } = fixedDue(cal, limit, year)
      return reason
        ? { kind: 'date', date, offDay, provisional, reason }
        : { kind: 'date', date, offDay, provisional }
    }
    if (limit.type === 'recurring') {
      const offset = limit.dueOffset ? checkPeriod(limit.dueOffset, '/dueOffset') : undefined
      // Look back far enough that an earlier period whose offset reaches past today is included;
      // the period containing today always has a due date on or after today.
      const back = 400 + (offset ? offset.amount * (offset.unit === 'working_day' ? 2 : 1) : 0)
      const weekendsRollOver = options.weekendsRollOver ?? true
      const s = recurringSchedule(cal, limit, t - back, t, weekendsRollOver)
      const next = s.dates
        .filter((d) => d.due >= fromDayNumber(t))
        .sort((a, b) => (a.due < b.due ? -1 : 1))[0]
      if (!next) return err('no period found on or after today')
      const { due, periodStart, periodEnd, provisional, reason } = next
      const r: NextDueResult = { kind: 'date', date: due, provisional, periodStart, periodEnd }
      if (reason) r.reason = reason
      return r
    }
    if (limit.type === 'qualitative') {
      return {
        kind: 'none',
        reason: `${QUALITATIVE_LABEL[limit.kind] ?? limit.text}: no fixed date`,
      }
    }
    if (
      limit.type === 'after_event' ||
      limit.type === 'before_event' ||
      limit.type === 'composite'
    ) {
      return {
        kind: 'none',
        reason: `${limit.type} deadlines depend on an event date: use dueDate`,
      }
    }
    return err(
      `/type: expected a time limit type, got ${JSON.stringify((limit as { type?: unknown }).type)}`
    )
  })
}
