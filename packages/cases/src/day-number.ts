import { isValidDate } from '@gongkai/calendar'
import { badRequest } from './cases-error.js'

const MS_PER_DAY = 86_400_000
// Clocks meet the same few hundred dates again and again (a list of 10,000 cases spans months, not
// years), so parsed and formatted dates are remembered; the maps are emptied when they grow large.
const CACHE_LIMIT = 50_000
const days = new Map<string, number>()
const dates = new Map<number, string>()

// Day numbers (days since 1970-01-01) of civil dates. Date.UTC is pure civil arithmetic, so the host
// time zone never shifts a day.
const parse = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
  MS_PER_DAY

/** Day number of a valid `YYYY-MM-DD` date (callers have checked it, e.g. with {@link dayOf}). */
export const toDay = (date: string): number => days.get(date) ?? parse(date)

/** `YYYY-MM-DD` of a day number. */
export function fromDay(day: number): string {
  let s = dates.get(day)
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
    if (dates.size >= CACHE_LIMIT) dates.clear()
    dates.set(day, s)
  }
  return s
}

/** Day number of `value`; throws a `bad_request` error naming `parameter` unless it is a real `YYYY-MM-DD` date. */
export function dayOf(value: unknown, parameter: string): number {
  const hit = typeof value === 'string' ? days.get(value) : undefined
  if (hit !== undefined) return hit
  if (!isValidDate(value)) throw badRequest(parameter, 'a date written YYYY-MM-DD', value)
  const n = parse(value)
  if (days.size >= CACHE_LIMIT) days.clear()
  days.set(value, n)
  return n
}

/** Throws a `bad_request` error naming `parameter` unless `value` is a real `YYYY-MM-DD` date. */
export function checkDate(value: unknown, parameter: string): string {
  dayOf(value, parameter)
  return value as string
}

/** Gregorian year of a day number (H. Hinnant's civil_from_days, integer arithmetic only). */
export function yearOfDay(day: number): number {
  const z = day + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  return yoe + era * 400 + (mp >= 10 ? 1 : 0)
}
