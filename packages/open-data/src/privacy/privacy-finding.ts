import type { CellFindingKind } from './detect.js'

/** Kinds of finding: personal information in a cell, or a column whose title names personal information. */
export type PrivacyFindingKind = CellFindingKind | 'column_title'

/** One place personal information was found. Never holds the raw value: `sample` is masked. */
export interface PrivacyFinding {
  /** 1-based row (CSV header = row 1; column-title findings are on row 1). */
  row: number
  /** Field name. */
  column: string
  kind: PrivacyFindingKind
  /** The match, already masked (110***********1234), or the column title for `column_title`. */
  sample: string
  /** True when the column declares `mask: { type: 'keep' }`: the officer reviewed it, so it does not block. */
  acknowledged?: boolean
}
