// Local mirror of schemas/time-limit.schema.json (and the triggerCode enum of codes.schema.json),
// structurally identical so it can later be replaced by `import type { TimeLimit } from '@gongkai/schema'`.

/** Trigger event code (codes.schema.json#/$defs/triggerCode). */
export type TriggerCode =
  | 'formed_or_changed'
  | 'formed'
  | 'changed'
  | 'formed_or_obtained'
  | 'decision_made'
  | 'budget_approved'
  | 'budget_replied'
  | 'request_received'
  | 'correction_received'
  | 'consultation_sent'
  | 'extension_approved'
  | 'policy_issued'
  | 'approved'
  | 'procurement_start'
  | 'meeting_held'
  | 'period_end'
  | 'project_start'
  | 'event_occurred'

/** Unit of a period: working days skip weekends and off days; calendar days count every day. */
export type PeriodUnit = 'working_day' | 'calendar_day'

/** An amount of working or calendar days. */
export interface Period {
  amount: number
  unit: PeriodUnit
}

/** N working or calendar days after a trigger event, e.g. 信息形成或者变更之日起20个工作日内. */
export interface AfterEventTimeLimit {
  type: 'after_event'
  /** The 公开时限 as printed. */
  text: string
  trigger: TriggerCode
  amount: number
  unit: PeriodUnit
  /** Minimum length of the posting (公示期), e.g. 公示7个工作日. */
  publicityPeriod?: Period
}

/** A periodic disclosure, e.g. 每季度公布一次; due `dueOffset` after each period ends (default: the period's last day). */
export interface RecurringTimeLimit {
  type: 'recurring'
  /** The 公开时限 as printed. */
  text: string
  recurrence: 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'annual'
  dueOffset?: Period
  publicityPeriod?: Period
}

/** A fixed annual date, e.g. 每年1月31日前 or 3月31日前. */
export interface FixedDateTimeLimit {
  type: 'fixed_date'
  /** The 公开时限 as printed. */
  text: string
  month: number
  day: number
}

/** At least N days before an event, e.g. 采购意向 at least 30 days before procurement starts. */
export interface BeforeEventTimeLimit {
  type: 'before_event'
  /** The 公开时限 as printed. */
  text: string
  trigger: TriggerCode
  amount: number
  unit: PeriodUnit
}

/** No computable due date: 实时公开 / 及时公开 / 长期公开. */
export interface QualitativeTimeLimit {
  type: 'qualitative'
  /** The 公开时限 as printed. */
  text: string
  kind: 'realtime' | 'timely' | 'long_term'
  /** Update when the information changes (发生变更及时更新). */
  onChange?: boolean
  trigger?: TriggerCode
  publicityPeriod?: Period
}

/** The structured 公开时限 of a catalogue entry (domain.md §8.3); `text` keeps the printed wording. */
export type TimeLimit =
  | AfterEventTimeLimit
  | RecurringTimeLimit
  | FixedDateTimeLimit
  | BeforeEventTimeLimit
  | QualitativeTimeLimit
