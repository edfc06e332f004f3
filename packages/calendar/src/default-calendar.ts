import {
  Calendar,
  type CalendarDaysOptions,
  type Coverage,
  type DayKind,
  type DayResult,
  type LoadHolidayYearsResult,
  type RegisterHolidayYearResult,
} from './calendar.js'

let instance: Calendar | undefined

/** The shared calendar behind the top-level functions, created on first use with the bundled data only. */
export function defaultCalendar(): Calendar {
  instance ??= new Calendar()
  return instance
}

/** True when `date` is a working day, on the default calendar. */
export const isWorkingDay = (date: string): boolean => defaultCalendar().isWorkingDay(date)

/** The `DayKind` of `date`, on the default calendar. */
export const dayKind = (date: string): DayKind => defaultCalendar().dayKind(date)

/** Chinese festival name of a listed rest or 补班 day, on the default calendar. */
export const holidayName = (date: string): string | undefined => defaultCalendar().holidayName(date)

/** Working days after `a` up to and including `b` (negative if `b < a`), on the default calendar. */
export const workingDaysBetween = (a: string, b: string): number =>
  defaultCalendar().workingDaysBetween(a, b)

/** The `n`-th working day after `date`, start not counted, on the default calendar. */
export const addWorkingDays = (date: string, n: number): DayResult =>
  defaultCalendar().addWorkingDays(date, n)

/** `date` plus `n` calendar days, rolled off rest days by default, on the default calendar. */
export const addCalendarDays = (
  date: string,
  n: number,
  options?: CalendarDaysOptions
): DayResult => defaultCalendar().addCalendarDays(date, n, options)

/** Whether `a`..`b` is covered by official schedules, on the default calendar. */
export const coverage = (a: string, b: string): Coverage => defaultCalendar().coverage(a, b)

/** Years with an official schedule on the default calendar, ascending. */
export const officialYears = (): number[] => defaultCalendar().officialYears()

/** The latest year with an official schedule on the default calendar. */
export const lastOfficialYear = (): number => defaultCalendar().lastOfficialYear()

/** Registers a holiday-cn year file on the default calendar (affects every later top-level call). */
export const registerHolidayYear = (json: unknown): RegisterHolidayYearResult =>
  defaultCalendar().registerHolidayYear(json)

/** Registers every holiday-cn `*.json` file of `dir` on the default calendar. */
export const loadHolidayYears = (dir: string): LoadHolidayYearsResult =>
  defaultCalendar().loadHolidayYears(dir)
