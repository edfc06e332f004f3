import { formatCsv } from '@gongkai/text'
import type { Report } from './report-types.js'

/** Options of `reportToCsv`. */
export interface ReportCsvOptions {
  /** Prefix a UTF-8 BOM so Excel reads Chinese text correctly (default false). */
  bom?: boolean
}

const HEADER = [
  'catalogue',
  'entry',
  'seq',
  'code',
  'name',
  'responsible_bodies',
  'time_limit_type',
  'time_limit',
  'items',
  'covered',
  'counted',
  'on_time',
  'late',
  'on_time_rate',
  'max_working_days_late',
  'latest_item',
  'age_days',
  'max_gap_days',
  'fresh',
  'freshness_failures',
  'links_checked',
  'dead',
  'wrong_target',
  'unreachable',
  'next_deadline',
  'working_days_left',
  'due_soon',
  'provisional',
]

type Cell = string | number | boolean | null | undefined

// Rates and other fractions are rounded to four places; counts stay integers.
const cell = (value: Cell): Cell =>
  typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : value

/** The report as CSV, one row per entry (RFC 4180: CRLF line ends, quoted where needed). */
export function reportToCsv(report: Report, options: ReportCsvOptions = {}): string {
  const rows: Cell[][] = [HEADER]
  for (const c of report.catalogues) {
    for (const e of c.entries) {
      const t = e.timeliness
      rows.push([
        e.catalogue,
        e.entry,
        e.seq,
        e.code,
        e.name,
        e.responsibleBodies.join('；'),
        e.timeLimit.type,
        e.timeLimit.text,
        e.items,
        e.covered,
        t.applicable ? t.counted : 'n/a',
        t.applicable ? t.onTime : 'n/a',
        t.applicable ? t.late : 'n/a',
        t.applicable ? t.onTimeRate : 'n/a',
        e.lateItems.length ? Math.max(...e.lateItems.map((l) => l.workingDaysLate)) : '',
        e.freshness.latest,
        e.freshness.ageDays,
        e.freshness.maxGapDays,
        e.freshness.fresh,
        e.freshness.failures.join(' '),
        e.links.checked,
        e.links.dead,
        e.links.wrongTarget,
        e.links.unreachable,
        e.nextDeadline?.date,
        e.nextDeadline?.workingDaysLeft,
        e.dueSoon,
        t.provisional > 0 || e.nextDeadline?.provisional === true,
      ])
    }
  }
  return formatCsv(
    rows.map((r) => r.map(cell)),
    { bom: options.bom === true }
  )
}
