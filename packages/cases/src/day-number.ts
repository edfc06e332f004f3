import { isValidDate } from '@gongkai/calendar'
import { badRequest } from './cases-error.js'

const MS_PER_DAY = 86_400_000

// Day numbers (days since 1970-01-01) of civil dates. Date.UTC is pure civil arithmetic, so the host
// time zone never shifts a day; callers have checked the string with isValidDate (or checkDate) first.
/** Day number of a valid `YYYY-MM-DD` date. */
export const toDay = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
  MS_PER_DAY

/** `YYYY-MM-DD` of a day number. */
export const fromDay = (day: number): string =>
  new Date(day * MS_PER_DAY).toISOString().slice(0, 10)

/** Throws a `bad_request` error naming `parameter` unless `value` is a real `YYYY-MM-DD` date. */
export function checkDate(value: unknown, parameter: string): string {
  if (!isValidDate(value)) throw badRequest(parameter, 'a date written YYYY-MM-DD', value)
  return value
}
