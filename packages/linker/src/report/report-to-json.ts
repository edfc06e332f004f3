import type { Report } from './report-types.js'

/** The report as pretty-printed JSON (stable key order, as built). */
export function reportToJson(report: Report, space = 2): string {
  return `${JSON.stringify(report, null, space)}\n`
}
