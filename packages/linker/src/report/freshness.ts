import { daysBetween } from './date-only.js'
import type { Freshness, ReportParams } from './report-types.js'

/**
 * Freshness of a matter, as 基层政务公开栏目检测 scores a column: at least `minItems` items, the latest at most `maxAgeDays`
 * before today, and no gap over `maxGapDays` between consecutive items. Calendar days.
 * @example freshness(['2021-01-05', '2021-03-01'], '2021-05-01', params.freshness)
 */
export function freshness(
  dates: readonly string[],
  today: string,
  p: ReportParams['freshness']
): Freshness {
  const sorted = [...dates].sort()
  const out: Freshness = { items: sorted.length, fresh: false, failures: [] }
  if (sorted.length === 0) {
    out.failures.push('no_items')
    return out
  }
  const latest = sorted[sorted.length - 1] as string
  out.latest = latest
  out.ageDays = daysBetween(latest, today)
  let gap = 0
  for (let i = 1; i < sorted.length; i++) {
    gap = Math.max(gap, daysBetween(sorted[i - 1] as string, sorted[i] as string))
  }
  out.maxGapDays = gap
  if (sorted.length < p.minItems) out.failures.push('too_few_items')
  if (out.ageDays > p.maxAgeDays) out.failures.push('stale')
  if (gap > p.maxGapDays) out.failures.push('gap')
  out.fresh = out.failures.length === 0
  return out
}
