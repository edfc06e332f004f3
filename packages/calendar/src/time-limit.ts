// The structured 公开时限 types come from the schemas (the single source of truth), so the
// calendar cannot drift from what validators accept.
import type { Period } from '@gongkai/schema'

export type {
  AfterEventTimeLimit,
  BeforeEventTimeLimit,
  CompositeTimeLimit,
  CompositeTimeLimitPart,
  FixedDateTimeLimit,
  Period,
  QualitativeTimeLimit,
  RecurringTimeLimit,
  TimeLimit,
  TriggerCode,
} from '@gongkai/schema'

/** Unit of a period: working days skip weekends and off days; calendar days count every day. */
export type PeriodUnit = Period['unit']
