import type { RowError } from './row-error.js'

/** A row left out of a publish with `skipBadRows`: its number and every error found in it. */
export interface SkippedRow {
  /** 1-based row number (the CSV header is row 1). */
  row: number
  errors: RowError[]
}

/** Groups errors (in row order) by row, so one bad row with five broken rules is one skipped row. */
export function groupErrorsByRow(errors: readonly RowError[]): SkippedRow[] {
  const rows: SkippedRow[] = []
  for (const e of errors) {
    const last = rows[rows.length - 1]
    if (last && last.row === e.row) last.errors.push(e)
    else rows.push({ row: e.row, errors: [e] })
  }
  return rows
}
