export { BUNDLED_SOURCE, type YearInfo } from './bundled-data.js'
export {
  Calendar,
  type CalendarDaysOptions,
  type CalendarOptions,
  type Coverage,
  createCalendar,
  type DayKind,
  type DayResult,
  type LoadHolidayYearsResult,
  type RegisterHolidayYearResult,
} from './calendar.js'
export { CalendarInputError } from './calendar-input-error.js'
export { limitForKind } from './composite-part.js'
export { type DateParts, isValidDate, parseDate, todayInShanghai } from './date.js'
export {
  addCalendarDays,
  addWorkingDays,
  coverage,
  dayKind,
  defaultCalendar,
  holidayName,
  isWorkingDay,
  lastOfficialYear,
  loadHolidayYears,
  officialYears,
  registerHolidayYear,
  workingDaysBetween,
} from './default-calendar.js'
export {
  type DueDate,
  type DueDateError,
  type DueDateEvent,
  type DueDateOptions,
  type DueDateResult,
  type DueSchedule,
  dueDate,
  type FixedDue,
  type FixedDueDates,
  type NextDueResult,
  type NoDueDate,
  nextDue,
  type PartDue,
  type PartsDue,
  type ScheduledDue,
} from './due-date.js'
export {
  type HolidayDataError,
  type HolidayDay,
  type HolidayYearFile,
  type HolidayYearValidation,
  validateHolidayYear,
} from './holiday-year.js'
export {
  type HolidayYearSource,
  type ReadHolidayYearsResult,
  readHolidayYears,
} from './load-holiday-years.js'
export type {
  AfterEventTimeLimit,
  BeforeEventTimeLimit,
  CompositeTimeLimit,
  CompositeTimeLimitPart,
  FixedDateTimeLimit,
  Period,
  PeriodUnit,
  QualitativeTimeLimit,
  RecurringTimeLimit,
  TimeLimit,
  TriggerCode,
} from './time-limit.js'
