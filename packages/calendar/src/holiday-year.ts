import { tryParseDate } from './date.js'

/** One exception day of a holiday-cn year file: a rest day (`isOffDay: true`) or a 补班 working day. */
export interface HolidayDay {
  name: string
  date: string
  isOffDay: boolean
}

/** A year file in the holiday-cn shape (NateScarlet/holiday-cn): only exceptions to Mon–Fri work are listed. */
export interface HolidayYearFile {
  year: number
  /** URLs of the State Council notices the days come from. */
  papers: string[]
  days: HolidayDay[]
}

/** A problem in holiday data: `pointer` is the JSON pointer inside the file, `file` the file (or source) when known. */
export interface HolidayDataError {
  file?: string
  pointer: string
  /** Human-readable, names the file (when known), the pointer and what was expected. */
  message: string
}

/** Outcome of validating a holiday-cn year file. */
export type HolidayYearValidation =
  | { ok: true; value: HolidayYearFile }
  | { ok: false; errors: HolidayDataError[] }

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v))

/** Builds a `HolidayDataError` whose message names the file (if any), the pointer and the problem. */
export function holidayDataError(
  pointer: string,
  problem: string,
  file?: string
): HolidayDataError {
  const where = `${file ? `${file}: ` : ''}${pointer || '/'}`
  return file === undefined
    ? { pointer, message: `${where}: ${problem}` }
    : { file, pointer, message: `${where}: ${problem}` }
}

/**
 * Checks that `json` has the holiday-cn shape `{ year, papers, days: [{ name, date, isOffDay }] }`.
 * Days may fall in the neighbouring years (the file year is the notice's year); a date listed twice is an error.
 * Unknown top-level members such as `$schema` are allowed.
 */
export function validateHolidayYear(json: unknown, file?: string): HolidayYearValidation {
  const errors: HolidayDataError[] = []
  const fail = (pointer: string, problem: string) =>
    errors.push(holidayDataError(pointer, problem, file))
  if (!isObject(json)) {
    fail('', `expected an object { year, papers, days }, got ${show(json)}`)
    return { ok: false, errors }
  }
  const { year, papers, days } = json
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1000 && year <= 9999
  if (!yearOk) fail('/year', `expected a four-digit integer year, got ${show(year)}`)
  if (!Array.isArray(papers)) {
    fail('/papers', `expected an array of notice URLs (strings), got ${show(papers)}`)
  } else {
    papers.forEach((p, i) => {
      if (typeof p !== 'string') fail(`/papers/${i}`, `expected a string, got ${show(p)}`)
    })
  }
  const seen = new Map<string, number>()
  if (!Array.isArray(days)) {
    fail('/days', `expected an array of { name, date, isOffDay }, got ${show(days)}`)
  } else {
    days.forEach((d, i) => {
      const at = `/days/${i}`
      if (!isObject(d)) {
        fail(at, `expected an object { name, date, isOffDay }, got ${show(d)}`)
        return
      }
      if (typeof d.name !== 'string' || d.name.length === 0) {
        fail(`${at}/name`, `expected a non-empty string, got ${show(d.name)}`)
      }
      if (typeof d.isOffDay !== 'boolean') {
        fail(
          `${at}/isOffDay`,
          `expected true (rest day) or false (补班 working day), got ${show(d.isOffDay)}`
        )
      }
      const parts = tryParseDate(d.date)
      if (!parts) {
        fail(`${at}/date`, `expected a real date written YYYY-MM-DD, got ${show(d.date)}`)
        return
      }
      if (yearOk && Math.abs(parts.year - (year as number)) > 1) {
        fail(`${at}/date`, `expected a date in ${year} or a neighbouring year, got ${show(d.date)}`)
      }
      const first = seen.get(d.date as string)
      if (first !== undefined) {
        fail(`${at}/date`, `${d.date} is listed twice (first at /days/${first})`)
      } else {
        seen.set(d.date as string, i)
      }
    })
  }
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      year: year as number,
      papers: [...(papers as string[])],
      days: (days as HolidayDay[]).map(({ name, date, isOffDay }) => ({ name, date, isOffDay })),
    },
  }
}
