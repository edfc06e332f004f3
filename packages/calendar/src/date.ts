import { isCalendarDate } from '@gongkai/text'
import { CalendarInputError } from './calendar-input-error.js'

/** A calendar date split into its parts; month and day are 1-based. */
export interface DateParts {
  year: number
  month: number
  day: number
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Parses a `YYYY-MM-DD` string into its parts, or returns undefined when it is malformed or no real date. */
export function tryParseDate(value: unknown): DateParts | undefined {
  if (typeof value !== 'string') return undefined
  const m = DATE_RE.exec(value)
  if (!m) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  if (!isCalendarDate(year, month, day)) return undefined
  return { year, month, day }
}

/** Parses a `YYYY-MM-DD` calendar date; throws `CalendarInputError` naming the value when it is malformed. */
export function parseDate(value: string): DateParts {
  const parts = tryParseDate(value)
  if (!parts) {
    throw new CalendarInputError(
      `invalid date ${JSON.stringify(value)}: expected a real calendar date written YYYY-MM-DD, e.g. 2021-04-14`,
      value
    )
  }
  return parts
}

/** True when `value` is a real calendar date written `YYYY-MM-DD` (`2021-02-30` and `20210101` are not). */
export function isValidDate(value: unknown): value is string {
  return tryParseDate(value) !== undefined
}

// Day numbers (days since 1970-01-01) are pure arithmetic on the civil date, so neither the host
// time zone nor Date's two-digit-year quirks can shift a day. Algorithm: H. Hinnant, days_from_civil.
/** Days since 1970-01-01 for the given civil date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** Civil date of a day number (inverse of `dayNumberOf`). */
export function partsOfDayNumber(n: number): DateParts {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

/** Day number of a `YYYY-MM-DD` string; throws `CalendarInputError` when malformed. */
export function toDayNumber(value: string): number {
  const { year, month, day } = parseDate(value)
  return dayNumberOf(year, month, day)
}

/** `YYYY-MM-DD` string of a day number. */
export function fromDayNumber(n: number): string {
  return formatDate(partsOfDayNumber(n))
}

/** Formats date parts as `YYYY-MM-DD`. */
function formatDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Year of a day number. */
export function yearOfDayNumber(n: number): number {
  return partsOfDayNumber(n).year
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7
}

/** True for Saturday and Sunday. */
export function isWeekendDay(n: number): boolean {
  const w = weekdayOf(n)
  return w === 0 || w === 6
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving since 1991) as `YYYY-MM-DD`, whatever the host zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
