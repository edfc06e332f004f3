import {
  type AnnualReport,
  type AnnualReportText,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
  type Table2,
  type Table2Documents,
  type Table3Column,
  type Table3Row,
  type Table4Column,
  type Table4Row,
} from './annual-report-types.js'
import { badRequest } from './cases-error.js'
import { feeOfEvents, requestPositions } from './fee.js'
import type { CaseRecord } from './request-event.js'
import { orderHistory } from './validate-history.js'
import type { OutcomeCode } from './vocabulary.js'

/** A document of the content index as table 二 reads it (CONTRACTS: `rule`, `normative_document`, `formedAt`, `repealedAt`). */
export interface ReportContentItem {
  kind?: string
  formedAt?: string
  repealedAt?: string
}

/** Counts the organ declares for table 二 (`reports/<year>/<organ>.json`). */
export interface DeclaredCounts {
  permits?: number
  penalties?: number
  coercions?: number
  feesWanYuan?: number
}

/** Input of {@link computeAnnualReport}. */
export interface AnnualReportInput {
  year: number
  organ: { id: string; name?: string; kind?: 'department' | 'government' }
  /** Other organs whose cases `cases` includes (recorded in the report). */
  include?: readonly string[]
  /** The cases of the organ (and the included organs), in entry order; later events are ignored. */
  cases: Iterable<CaseRecord>
  /** The organ's documents for table 二. */
  contents?: Iterable<ReportContentItem>
  declared?: DeclaredCounts
  text?: AnnualReportText
}

const inDateOrder = (events: readonly { date: string }[]): boolean => {
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as { date: string }).date < (events[i - 1] as { date: string }).date)
      return false
  }
  return true
}

const zeroRow = <C extends string>(columns: readonly C[]) =>
  Object.fromEntries(columns.map((c) => [c, 0])) as Record<C, number>

const declaredCount = (v: unknown, parameter: string, decimals = false): number => {
  if (v === undefined) return 0
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < 0 ||
    (!decimals && !Number.isInteger(v))
  ) {
    throw badRequest(parameter, decimals ? 'a number ≥ 0' : 'an integer ≥ 0', v)
  }
  return v
}

/**
 * Computes the year's annual report (national format, domain §15.1) from the cases' events dated on
 * or before 31 December: a case counts in table 三 in the year of its reply or withdrawal (withdrawn →
 * `other.other`), as `new` in the year of receipt, as `carried_in` when received earlier and still
 * open on 1 January, as `carried_out` when still open on 31 December; table 四 counts reviews and
 * lawsuits decided in the year by result, and those filed and undecided on 31 December as `pending`;
 * part 六 sums the fees of `fee_paid` events of the year. Run {@link checkAnnualReport} before output
 * (the renderers do).
 */
export function computeAnnualReport(input: AnnualReportInput): AnnualReport {
  const { year } = input
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw badRequest('year', 'a four-digit year', year)
  }
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  const table3 = Object.fromEntries(TABLE3_ROWS.map((r) => [r, zeroRow(TABLE3_COLUMNS)])) as Record<
    Table3Row,
    Record<Table3Column, number>
  >
  const table4 = Object.fromEntries(TABLE4_ROWS.map((r) => [r, zeroRow(TABLE4_COLUMNS)])) as Record<
    Table4Row,
    Record<Table4Column, number>
  >
  const cases: CaseRecord[] = []
  for (const c of input.cases) if (c.received <= last) cases.push(c)
  // Fees charged per request depend on the applicant's month; positions are counted (among the
  // requests received by 31 December) only when such a fee was paid this year.
  const perRequestPaid = cases.some((c) =>
    c.events.some(
      (e) =>
        (e.type === 'fee_notified' && e.mode === 'per_request') ||
        (e.type === 'fee_paid' && e.date >= first && e.date <= last)
    )
  )
  const positions = perRequestPaid ? requestPositions(cases) : new Map<string, number>()
  const fees = { count: 0, totalYuan: 0 }

  for (const c of cases) {
    const events = inDateOrder(c.events) ? c.events : orderHistory(c.events)
    let closedOn: string | undefined
    let outcome: OutcomeCode | undefined
    let review: string | undefined
    let litigation: { filed: string; row: Table4Row } | undefined
    for (const e of events) {
      // Events are in date order: the rest are after 31 December.
      if (e.date > last) break
      switch (e.type) {
        case 'replied':
        case 'withdrawn':
          if (closedOn === undefined) {
            closedOn = e.date
            outcome = e.type === 'replied' ? e.outcome : 'other.other'
          }
          break
        case 'fee_paid':
          if (e.date >= first) {
            fees.count++
            const upToNow = events.filter((x) => x.date <= last)
            fees.totalYuan += feeOfEvents(upToNow, positions.get(c.id) ?? 1)?.totalYuan ?? 0
          }
          break
        case 'review_filed':
          review = e.date
          break
        case 'review_decided':
          if (e.date >= first) table4.review[e.result]++
          review = undefined
          break
        case 'litigation_filed':
          litigation = {
            filed: e.date,
            row: e.kind === 'direct' ? 'litigation_direct' : 'litigation_after_review',
          }
          break
        case 'litigation_decided':
          if (litigation && e.date >= first) table4[litigation.row][e.result]++
          litigation = undefined
          break
      }
    }
    // 尚未审结: filed and undecided on 31 December.
    if (review !== undefined) table4.review.pending++
    if (litigation) table4[litigation.row].pending++

    if (closedOn !== undefined && closedOn < first) continue
    const col = c.applicant.type
    table3[c.received >= first ? 'new' : 'carried_in'][col]++
    table3[closedOn !== undefined ? (outcome as OutcomeCode) : 'carried_out'][col]++
  }

  for (const row of TABLE3_ROWS) {
    if (row === 'total') continue
    const r = table3[row]
    r.total = TABLE3_COLUMNS.reduce((s, c) => (c === 'total' ? s : s + r[c]), 0)
  }
  for (const col of TABLE3_COLUMNS) {
    let sum = 0
    for (const row of TABLE3_ROWS) {
      if (row !== 'new' && row !== 'carried_in' && row !== 'total' && row !== 'carried_out') {
        sum += table3[row][col]
      }
    }
    table3.total[col] = sum
  }
  for (const row of TABLE4_ROWS) {
    const r = table4[row]
    r.total = r.upheld + r.corrected + r.other + r.pending
  }

  const report: AnnualReport = {
    format: '国办公开办函〔2021〕30号',
    year,
    organ: { ...input.organ },
    include: [...(input.include ?? [])],
    table2: table2Of(year, input.contents ?? [], input.declared ?? {}),
    table3,
    table4,
    fees,
    text: { ...(input.text ?? {}) },
  }
  if (input.organ.kind) {
    report.dueDate = `${year + 1}-${input.organ.kind === 'government' ? '03-31' : '01-31'}`
  }
  return report
}

function table2Of(
  year: number,
  contents: Iterable<ReportContentItem>,
  declared: DeclaredCounts
): Table2 {
  const y = String(year)
  const last = `${year}-12-31`
  const docs = (): Table2Documents => ({ formed: 0, repealed: 0, in_force: 0 })
  const t: Table2 = {
    rule: docs(),
    normative_document: docs(),
    permit: { decisions: declaredCount(declared.permits, 'declared.permits') },
    penalty: { decisions: declaredCount(declared.penalties, 'declared.penalties') },
    coercion: { decisions: declaredCount(declared.coercions, 'declared.coercions') },
    fee: { amount_wan_yuan: declaredCount(declared.feesWanYuan, 'declared.feesWanYuan', true) },
  }
  for (const item of contents) {
    if (item.kind !== 'rule' && item.kind !== 'normative_document') continue
    const d = t[item.kind]
    if (item.repealedAt?.startsWith(y)) d.repealed++
    // A document without 制发 date cannot be placed in a year: neither formed nor in force.
    if (!item.formedAt) continue
    if (item.formedAt.startsWith(y)) d.formed++
    if (item.formedAt <= last && !(item.repealedAt && item.repealedAt <= last)) d.in_force++
  }
  return t
}
