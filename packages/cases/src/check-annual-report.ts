import {
  type AnnualReport,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
} from './annual-report-types.js'
import { APPLICANT_TYPES, OUTCOME_CODES } from './vocabulary.js'

/** One broken rule of the report, named by the cell the rule computes. */
export interface ReportProblem {
  /** e.g. `table3.total.natural_person` */
  cell: string
  /** `missing`, `not_a_count`, `row_total`, `column_total`, `carried_over` or `table4_total`. */
  rule: string
  message: string
  expected?: number
  actual?: unknown
  /** Every cell the rule reads. */
  cells: string[]
}

/**
 * Outcome of {@link checkAnnualReport}. On failure `cell` names the one cell common to every broken
 * rule when there is such a cell (the likely edited cell), else the first problem's cell.
 */
export type ReportCheckResult =
  | { ok: true }
  | { ok: false; cell: string; problems: ReportProblem[] }

/** Thrown by the renderers when a report fails {@link checkAnnualReport}; `cell` names the cell. */
export class ReportCheckError extends Error {
  readonly cell: string
  readonly problems: ReportProblem[]

  constructor(cell: string, problems: ReportProblem[]) {
    super(
      `annual report fails its arithmetic at ${cell}: ${problems.map((p) => p.message).join('; ')}`
    )
    this.name = 'ReportCheckError'
    this.cell = cell
    this.problems = problems
  }
}

const OUTCOME_ROWS: readonly string[] = OUTCOME_CODES
const TABLE2_CELLS: readonly [string, string, boolean][] = [
  ['rule', 'formed', false],
  ['rule', 'repealed', false],
  ['rule', 'in_force', false],
  ['normative_document', 'formed', false],
  ['normative_document', 'repealed', false],
  ['normative_document', 'in_force', false],
  ['permit', 'decisions', false],
  ['penalty', 'decisions', false],
  ['coercion', 'decisions', false],
  ['fee', 'amount_wan_yuan', true],
]

const get = (o: unknown, ...path: string[]): unknown => {
  let v = o
  for (const k of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, k)) return undefined
    v = (v as Record<string, unknown>)[k]
  }
  return v
}

/**
 * Checks every arithmetic rule of the national format (domain §15.1) on a report object (as computed,
 * or parsed back from its JSON after editing): every cell present and a count (an integer ≥ 0; the
 * 万元 amount a number ≥ 0); in table 三 each row's `total` = the six applicant columns, （七）总计 =
 * the sum of the §3.9 rows in every column, and new + carried_in = total + carried_out; in table 四
 * each `total` = upheld + corrected + other + pending.
 */
export function checkAnnualReport(json: unknown): ReportCheckResult {
  const problems: ReportProblem[] = []
  const counts = new Map<string, number>()

  const read = (table: string, row: string, col: string, decimals = false): void => {
    const cell = `${table}.${row}.${col}`
    const v = get(json, table, row, col)
    if (v === undefined) {
      problems.push({ cell, rule: 'missing', message: `${cell} is missing`, cells: [cell] })
    } else if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < 0 ||
      (!decimals && !Number.isInteger(v))
    ) {
      const expected = decimals ? 'a number ≥ 0' : 'an integer ≥ 0'
      problems.push({
        cell,
        rule: 'not_a_count',
        message: `${cell} should be ${expected}, is ${JSON.stringify(v)}`,
        actual: v,
        cells: [cell],
      })
    } else {
      counts.set(cell, v)
    }
  }
  for (const [row, col, decimals] of TABLE2_CELLS) read('table2', row, col, decimals)
  for (const row of TABLE3_ROWS) for (const col of TABLE3_COLUMNS) read('table3', row, col)
  for (const row of TABLE4_ROWS) for (const col of TABLE4_COLUMNS) read('table4', row, col)
  const feeTotal = get(json, 'fees', 'totalYuan')
  if (typeof feeTotal !== 'number' || !Number.isFinite(feeTotal) || feeTotal < 0) {
    problems.push({
      cell: 'fees.totalYuan',
      rule: 'not_a_count',
      message: `fees.totalYuan should be a number ≥ 0, is ${JSON.stringify(feeTotal)}`,
      actual: feeTotal,
      cells: ['fees.totalYuan'],
    })
  }
  // Arithmetic is only meaningful on well-formed cells.
  if (problems.length) return { ok: false, cell: (problems[0] as ReportProblem).cell, problems }

  const n = (cell: string) => counts.get(cell) as number
  const rule = (name: string, cell: string, parts: string[], expected: number, why: string) => {
    const actual = n(cell)
    if (actual !== expected) {
      problems.push({
        cell,
        rule: name,
        message: `${cell} is ${actual}, but ${why} gives ${expected}`,
        expected,
        actual,
        cells: [cell, ...parts],
      })
    }
  }
  const sum = (cells: string[]) => cells.reduce((s, c) => s + n(c), 0)

  for (const row of TABLE3_ROWS) {
    const parts = APPLICANT_TYPES.map((c) => `table3.${row}.${c}`)
    rule('row_total', `table3.${row}.total`, parts, sum(parts), 'the sum of the applicant columns')
  }
  for (const col of TABLE3_COLUMNS) {
    const parts = OUTCOME_ROWS.map((r) => `table3.${r}.${col}`)
    rule(
      'column_total',
      `table3.total.${col}`,
      parts,
      sum(parts),
      '（一）+（二）+ the items of （三）–（六）'
    )
  }
  for (const col of TABLE3_COLUMNS) {
    const parts = [`table3.new.${col}`, `table3.carried_in.${col}`, `table3.total.${col}`]
    rule(
      'carried_over',
      `table3.carried_out.${col}`,
      parts,
      n(parts[0] as string) + n(parts[1] as string) - n(parts[2] as string),
      '一 + 二 − 三（七）'
    )
  }
  for (const row of TABLE4_ROWS) {
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((c) => `table4.${row}.${c}`)
    rule('table4_total', `table4.${row}.total`, parts, sum(parts), 'the four results')
  }
  if (problems.length === 0) return { ok: true }

  // The edited cell is the one every broken rule reads, when there is exactly one such cell.
  let common = new Set(problems[0]?.cells)
  for (const p of problems.slice(1)) common = new Set(p.cells.filter((c) => common.has(c)))
  const cell = common.size === 1 ? ([...common][0] as string) : (problems[0] as ReportProblem).cell
  return { ok: false, cell, problems }
}

/** Throws {@link ReportCheckError} unless the report passes {@link checkAnnualReport}. */
export function assertAnnualReport(report: unknown): asserts report is AnnualReport {
  const r = checkAnnualReport(report)
  if (!r.ok) throw new ReportCheckError(r.cell, r.problems)
}
