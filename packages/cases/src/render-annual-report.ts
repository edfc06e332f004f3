import {
  type AnnualReport,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
} from './annual-report-types.js'
import { assertAnnualReport } from './check-annual-report.js'

/** The report as pretty-printed JSON, after {@link assertAnnualReport}. */
export function renderAnnualReportJson(report: AnnualReport): string {
  assertAnnualReport(report)
  return `${JSON.stringify(report, null, 2)}\n`
}

const TABLE2_ROWS = [
  ['rule', ['formed', 'repealed', 'in_force']],
  ['normative_document', ['formed', 'repealed', 'in_force']],
  ['permit', ['decisions']],
  ['penalty', ['decisions']],
  ['coercion', ['decisions']],
  ['fee', ['amount_wan_yuan']],
] as const

/**
 * The report's cells in long form, `table,row,column,value` (one line per cell, CRLF line ends as RFC
 * 4180), after {@link assertAnnualReport}. Part 六 gives `part6,fees,count` and `part6,fees,total_yuan`.
 * No value or name needs quoting: every name is a code and every value a number.
 */
export function renderAnnualReportCsv(report: AnnualReport): string {
  assertAnnualReport(report)
  const lines = ['table,row,column,value']
  for (const [row, cols] of TABLE2_ROWS) {
    for (const col of cols) {
      lines.push(`table2,${row},${col},${(report.table2[row] as Record<string, number>)[col]}`)
    }
  }
  for (const row of TABLE3_ROWS) {
    for (const col of TABLE3_COLUMNS) lines.push(`table3,${row},${col},${report.table3[row][col]}`)
  }
  for (const row of TABLE4_ROWS) {
    for (const col of TABLE4_COLUMNS) lines.push(`table4,${row},${col},${report.table4[row][col]}`)
  }
  lines.push(`part6,fees,count,${report.fees.count}`)
  lines.push(`part6,fees,total_yuan,${report.fees.totalYuan}`)
  return `${lines.join('\r\n')}\r\n`
}
