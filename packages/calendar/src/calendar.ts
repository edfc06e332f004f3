import { bundledTables, type HolidayTables, type YearInfo } from './bundled-data.js'
import { CalendarInputError } from './calendar-input-error.js'
import { fromDayNumber, isWeekendDay, toDayNumber, yearOfDayNumber } from './date.js'
import { type HolidayDataError, type HolidayYearFile, validateHolidayYear } from './holiday-year.js'
import { readHolidayYears } from './load-holiday-years.js'

/**
 * What kind of day a date is. The kinds split on two questions, weekday or weekend and working or not:
 * `normal_workday` (Mon–Fri, working), `off` (Mon–Fri but a statutory or 调休 rest day),
 * `makeup_workday` (Sat/Sun made a working day, 补班) and `weekend` (Sat/Sun rest, inside a holiday block or not).
 */
export type DayKind = 'off' | 'makeup_workday' | 'normal_workday' | 'weekend'

/** A computed date; `provisional` (with a plain-text `reason`) when it depends on a year with no official schedule. */
export interface DayResult {
  date: string
  provisional: boolean
  reason?: string
}

/** Options of `addCalendarDays`; both default to true. */
export interface CalendarDaysOptions {
  /** Move a period ending on a non-working day to the next working day (民法典 Art. 203). Default true. */
  rollOver?: boolean
  /**
   * Whether ordinary weekends trigger the roll-over too, not only statutory rest days (the civil-law
   * rule is not settled for disclosure deadlines, hence a setting). Default true.
   */
  weekendsRollOver?: boolean
}

/** Whether a span of dates is covered by official schedules, and which years are not. */
export interface Coverage {
  provisional: boolean
  missingYears: number[]
  reason?: string
}

/** Result of registering one holiday-cn year. */
export type RegisterHolidayYearResult =
  | { ok: true; year: number }
  | { ok: false; errors: HolidayDataError[] }

/** Result of loading a folder of holiday-cn year files: the years registered and every problem found. */
export interface LoadHolidayYearsResult {
  years: number[]
  errors: HolidayDataError[]
}

/** Options of `createCalendar`. */
export interface CalendarOptions {
  /** holiday-cn year files (`{ year, papers, days }`) to add to the bundled 2004–2026 data. */
  extraYears?: readonly unknown[]
}

const toInt = (n: number, what: string): number => {
  if (!Number.isSafeInteger(n)) {
    throw new CalendarInputError(`invalid ${what} ${String(n)}: expected an integer`, n)
  }
  return n
}

// "2004–2026, 2028": consecutive years collapse into ranges so reasons stay short.
const yearRanges = (years: readonly number[]): string => {
  const out: string[] = []
  let i = 0
  while (i < years.length) {
    let j = i
    while (j + 1 < years.length && (years[j + 1] as number) === (years[j] as number) + 1) j++
    out.push(i === j ? `${years[i]}` : `${years[i]}–${years[j]}`)
    i = j + 1
  }
  return out.join(', ')
}

/**
 * Working-day arithmetic over the bundled chinese-days schedules (2004–2026) plus any extra holiday-cn years.
 * Each instance owns its tables, so years registered on one never leak into another.
 * Conventions (民法典 Art. 201/203): the start day is never counted; dates are `YYYY-MM-DD`
 * calendar dates in Asia/Shanghai; years without an official schedule count Mon–Fri as working days and
 * every result touching them is `provisional`. Only malformed input throws (`CalendarInputError`).
 */
export class Calendar {
  readonly #t: HolidayTables
  /** Problems found in the `extraYears` passed to `createCalendar` (those files were not registered). */
  readonly dataErrors: HolidayDataError[] = []

  constructor(options: CalendarOptions = {}) {
    const base = bundledTables()
    // Copies are a few hundred entries: cheap, and they keep instances independent.
    this.#t = {
      off: new Set(base.off),
      makeup: new Set(base.makeup),
      names: new Map(base.names),
      years: new Map(base.years),
    }
    options.extraYears?.forEach((json, i) => {
      const r = this.#register(json, `extraYears[${i}]`)
      if (!r.ok) this.dataErrors.push(...r.errors)
    })
  }

  /** Years with an official schedule, ascending. */
  officialYears(): number[] {
    return [...this.#t.years.keys()].sort((a, b) => a - b)
  }

  /** The latest year with an official schedule (2026 for the bundled data). */
  lastOfficialYear(): number {
    return Math.max(...this.#t.years.keys())
  }

  /** Source and notice URLs of an official year, or undefined when the year has none. */
  yearInfo(year: number): YearInfo | undefined {
    const info = this.#t.years.get(year)
    return info && { ...info, papers: [...info.papers] }
  }

  /**
   * Adds a holiday-cn year file; listed days override what was known for those dates (also for bundled years).
   * Returns errors naming JSON pointers instead of throwing; nothing is registered when any error is found.
   */
  registerHolidayYear(json: unknown): RegisterHolidayYearResult {
    return this.#register(json, undefined)
  }

  /** Registers every `*.json` holiday-cn year file of `dir`; errors name the file. Never throws. */
  loadHolidayYears(dir: string): LoadHolidayYearsResult {
    const { files, errors } = readHolidayYears(dir)
    const years: number[] = []
    for (const { file, data } of files) {
      this.#apply(data, file)
      years.push(data.year)
    }
    return { years, errors }
  }

  #register(json: unknown, source: string | undefined): RegisterHolidayYearResult {
    const checked = validateHolidayYear(json, source)
    if (!checked.ok) return checked
    this.#apply(checked.value, source ?? 'registerHolidayYear')
    return { ok: true, year: checked.value.year }
  }

  #apply(data: HolidayYearFile, source: string): void {
    const t = this.#t
    for (const day of data.days) {
      const n = toDayNumber(day.date)
      if (day.isOffDay) {
        t.off.add(n)
        t.makeup.delete(n)
      } else {
        t.makeup.add(n)
        t.off.delete(n)
      }
      t.names.set(n, day.name)
    }
    t.years.set(data.year, { year: data.year, source, papers: [...data.papers] })
  }

  #working(n: number): boolean {
    return this.#t.makeup.has(n) || (!isWeekendDay(n) && !this.#t.off.has(n))
  }

  /** True when `date` is a working day (Mon–Fri not off, or a 补班 weekend day). */
  isWorkingDay(date: string): boolean {
    return this.#working(toDayNumber(date))
  }

  /** The `DayKind` of `date`; in years without a schedule only weekday/weekend is known. */
  dayKind(date: string): DayKind {
    const n = toDayNumber(date)
    const working = this.#working(n)
    if (isWeekendDay(n)) return working ? 'makeup_workday' : 'weekend'
    return working ? 'normal_workday' : 'off'
  }

  /** Chinese festival name of a listed day (rest day or 补班 working day), e.g. `劳动节`; undefined otherwise. */
  holidayName(date: string): string | undefined {
    return this.#t.names.get(toDayNumber(date))
  }

  /** Whether the dates from `a` to `b` (inclusive, any order) lie in years with an official schedule. */
  coverage(a: string, b: string): Coverage {
    const x = toDayNumber(a)
    const y = toDayNumber(b)
    return this.#coverage(Math.min(x, y), Math.max(x, y))
  }

  #coverage(lo: number, hi: number): Coverage {
    const missingYears: number[] = []
    const last = yearOfDayNumber(hi)
    for (let y = yearOfDayNumber(lo); y <= last; y++)
      if (!this.#t.years.has(y)) missingYears.push(y)
    if (missingYears.length === 0) return { provisional: false, missingYears }
    const missing = yearRanges(missingYears)
    const reason =
      `no official holiday schedule for ${missing} (节假日安排未收录); official data covers ` +
      `${yearRanges(this.officialYears())}: in ${missing} only weekends were treated as rest days, ` +
      'so statutory holidays and 调休 are not accounted for'
    return { provisional: true, missingYears, reason }
  }

  #result(n: number, lo: number, hi: number): DayResult {
    const c = this.#coverage(lo, hi)
    const date = fromDayNumber(n)
    return c.provisional
      ? { date, provisional: true, reason: c.reason as string }
      : { date, provisional: false }
  }

  /**
   * The `n`-th working day after `date` (start day not counted, 民法典 Art. 201); negative `n` counts back.
   * `n = 0` returns `date` itself when it is a working day, else the next working day.
   * @example addWorkingDays('2021-04-14', 20).date === '2021-05-13'
   */
  addWorkingDays(date: string, n: number): DayResult {
    const start = toDayNumber(date)
    toInt(n, 'number of working days')
    let d = start
    if (n === 0) {
      while (!this.#working(d)) d++
      return this.#result(d, start, d)
    }
    const step = n > 0 ? 1 : -1
    for (let left = Math.abs(n); left > 0; ) {
      d += step
      if (this.#working(d)) left--
    }
    return step > 0 ? this.#result(d, start + 1, d) : this.#result(d, d, start - 1)
  }

  /**
   * Working days after `a` up to and including `b` (start not counted, as in `addWorkingDays`);
   * negative when `b` is before `a`. Years without a schedule count Mon–Fri (see `coverage`).
   */
  workingDaysBetween(a: string, b: string): number {
    const x = toDayNumber(a)
    const y = toDayNumber(b)
    const [lo, hi, sign] = x <= y ? [x, y, 1] : [y, x, -1]
    let count = 0
    for (let d = lo + 1; d <= hi; d++) if (this.#working(d)) count++
    // Avoid -0 when b < a with no working day in between.
    return count === 0 ? 0 : sign * count
  }

  /**
   * `date` plus `n` calendar days (start not counted). With `rollOver` (default) a period ending on an off day
   * moves to the next working day, or, counting back (`n < 0`), to the previous one, so a minimum lead time is
   * kept. `weekendsRollOver: false` rolls only over listed statutory rest days.
   * @example addCalendarDays('2021-01-22', 20).date === '2021-02-18'
   */
  addCalendarDays(date: string, n: number, options: CalendarDaysOptions = {}): DayResult {
    const start = toDayNumber(date)
    toInt(n, 'number of calendar days')
    const { rollOver = true, weekendsRollOver = true } = options
    const end = start + n
    if (!rollOver) return { date: fromDayNumber(end), provisional: false }
    const t = this.#t
    const rest = weekendsRollOver
      ? (d: number) => !this.#working(d)
      : (d: number) => t.off.has(d) && !t.makeup.has(d)
    const step = n < 0 ? -1 : 1
    let d = end
    while (rest(d)) d += step
    return this.#result(d, Math.min(end, d), Math.max(end, d))
  }
}

/** A new independent calendar: bundled 2004–2026 data plus `extraYears` (bad files land in `dataErrors`). */
export function createCalendar(options: CalendarOptions = {}): Calendar {
  return new Calendar(options)
}
