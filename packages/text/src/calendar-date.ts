const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for leap years of the (proleptic) Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days in `month` (1–12) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/**
 * True when year, month (1-based) and day name a real day: `2021, 2, 29` does not, `2024, 2, 29`
 * does. Years start at 1, as in XML Schema dates; all three must be integers.
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD` (`2021-02-30` and `20210101` are
 * not).
 * @example isIsoDate('2024-02-29') // true
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = ISO_DATE.exec(value)
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))
}
