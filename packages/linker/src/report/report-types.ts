import type { LinkStatus } from '../check/link-check-result.js'

/** Thresholds of a report; every one is a plan or checker parameter with a default. */
export interface ReportParams {
  freshness: {
    /** `freshness.maxAgeDays`: latest item at most this many calendar days old (default 90). */
    maxAgeDays: number
    /** `freshness.minItems`: at least this many items (default 4). */
    minItems: number
    /** `freshness.maxGapDays`: no gap between consecutive items longer than this (default 90). */
    maxGapDays: number
  }
  /** Entries whose next deadline is at most this many working days away are due soon (default 10). */
  dueSoonWorkingDays: number
}

/** An item published after its due date. */
export interface LateItem {
  url: string
  title: string
  formedAt?: string
  publishedAt: string
  due: string
  workingDaysLate: number
  /** The due date rests on a year without an official holiday schedule. */
  provisional: boolean
  /** For a composite limit: the clause the item was judged by. */
  clause?: string
}

/** On-time figures; `applicable` is false for qualitative / before_event limits (shown as n/a). */
export interface Timeliness {
  applicable: boolean
  /** Items with the dates needed to judge them. */
  counted: number
  onTime: number
  late: number
  /** Bound items missing formedAt / publishedAt, so not judged. */
  undated: number
  /** onTime / counted; null when nothing was counted or not applicable. */
  onTimeRate: number | null
  /** Items whose due date is provisional. */
  provisional: number
}

/** Freshness of one entry (see `freshness`), calendar days. */
export interface Freshness {
  items: number
  latest?: string
  ageDays?: number
  maxGapDays?: number
  fresh: boolean
  /** Which tests failed. */
  failures: ('no_items' | 'too_few_items' | 'stale' | 'gap')[]
}

/** A bound URL whose latest check is not ok. */
export interface LinkProblem {
  url: string
  status: Exclude<LinkStatus, 'ok'>
  httpStatus?: number
  reason: string
  checkedAt: string
}

/** Link-check counts over a set of URLs (latest check of each). */
export interface LinkSummary {
  checked: number
  ok: number
  dead: number
  wrongTarget: number
  unreachable: number
  /** URLs never checked. */
  unchecked: number
}

/** The next deadline of a recurring / fixed-date entry. */
export interface NextDeadline {
  date: string
  workingDaysLeft: number
  provisional: boolean
  periodStart?: string
  periodEnd?: string
}

/** One catalogue entry in the report. */
export interface EntryReport {
  catalogue: string
  entry: string
  seq: number
  code?: string
  /** 一级 / 二级 / 三级事项 joined with ' / '. */
  name: string
  responsibleBodies: string[]
  timeLimit: { type: string; text: string }
  items: number
  covered: boolean
  timeliness: Timeliness
  lateItems: LateItem[]
  freshness: Freshness
  links: LinkSummary
  brokenLinks: LinkProblem[]
  nextDeadline?: NextDeadline
  dueSoon: boolean
}

/** Totals of a group of entries (a catalogue, a department, everything). */
export interface GroupSummary {
  entries: number
  covered: number
  /** covered / entries; null for no entries. */
  coverage: number | null
  counted: number
  onTime: number
  late: number
  onTimeRate: number | null
  freshEntries: number
  dead: number
  wrongTarget: number
  unreachable: number
  dueSoon: number
}

/** A catalogue's entries and totals. */
export interface CatalogueReport {
  id: string
  title: string
  summary: GroupSummary
  entries: EntryReport[]
}

/** A responsible department (公开主体) across catalogues. */
export interface DepartmentReport {
  name: string
  summary: GroupSummary
  /** `catalogue/entry` keys of its entries. */
  entries: string[]
}

/** An entry whose next deadline is near. */
export interface DueSoonEntry {
  catalogue: string
  entry: string
  name: string
  responsibleBodies: string[]
  due: string
  workingDaysLeft: number
  provisional: boolean
}

/** The coverage and timeliness report (考核评估). */
export interface Report {
  today: string
  params: ReportParams
  summary: GroupSummary
  catalogues: CatalogueReport[]
  departments: DepartmentReport[]
  dueSoon: DueSoonEntry[]
  /** Latest checks of every URL given, bound or not. */
  links: LinkSummary
  /** Bindings to unknown entries or items, unreadable dates, due dates that could not be computed. */
  problems: string[]
}
