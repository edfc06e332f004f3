import type { Delimiter } from '@gongkai/text'
import type { SourceEncoding } from './encoding.js'
import type { RowError } from './row-error.js'

/** A record as read: CSV cells in header order, or a JSON object. */
export type RawRecord = readonly unknown[] | Readonly<Record<string, unknown>>

/** Consecutive records; the first has row number `firstRow`. */
export interface RowBatch {
  firstRow: number
  records: RawRecord[]
}

/** Formats ingest reads. */
export type SourceFormat = 'csv' | 'json' | 'ndjson' | 'rows'

/** How many rows of each kind a result lists (all are counted). */
const LISTED_ROWS = 100

/** A count, and the first {@link LISTED_ROWS} of what was counted. */
export interface Listed<T> {
  count: number
  rows: T[]
}

/** A record that spans several lines of the file (a quoted value holding line breaks). */
export interface MergedRow {
  row: number
  /** First and last line of the file the record takes. */
  lines: [number, number]
}

/** What a reader met besides records: blank lines it skipped, records spanning several lines. */
export interface ReadAccount {
  /** Blank lines (rows of a spreadsheet with nothing in them), skipped: never stored. */
  blank: Listed<number>
  /** Records made of several lines of the file; stored as one row each. */
  merged: Listed<MergedRow>
}

/** Adds one item to a {@link Listed}. */
export function list<T>(l: Listed<T>, item: T): void {
  l.count++
  if (l.rows.length < LISTED_ROWS) l.rows.push(item)
}

/** An empty {@link ReadAccount}. */
export const newReadAccount = (): ReadAccount => ({
  blank: { count: 0, rows: [] },
  merged: { count: 0, rows: [] },
})

/**
 * Every row of a source accounted for: `read` = `kept` + `skipped.count`, and `kept` is what was
 * stored (or passed); blank lines are not rows and are counted apart.
 */
export interface RowAccount extends ReadAccount {
  /** Records read (the header and blank lines excluded). */
  read: number
  /** Records kept: stored by a publish, valid in a validation, used by inference. */
  kept: number
  /** Records left out (unreadable or invalid), by row number. */
  skipped: Listed<number>
}

/** An opened tabular source: what was detected, the header, and the records as a stream of batches. */
export interface TableSource {
  format: SourceFormat
  /** The file read, when there is one. */
  file?: string
  /** Detected encoding (files only). */
  encoding?: SourceEncoding
  /** Detected delimiter (CSV only). */
  delimiter?: Delimiter
  /** Column labels for CSV; for JSON sources the keys seen so far (complete after reading). */
  header: string[]
  /**
   * Row number of the header record (CSV: blank lines before it count); absent for sources
   * without one. A record's data-row number, its stored row id, is its row number minus this.
   */
  headerRow?: number
  /**
   * Problems met while reading (bytes the encoding rejects, unclosed quotes, ragged rows, bad
   * JSON lines), each at its row; filled as batches are read, always before the batch holding
   * the row. Their rows are left out of the batches' use by every reader of the source.
   */
  issues: RowError[]
  /** Blank and multi-line records met so far (complete after reading). */
  account: ReadAccount
  /** The records, once. */
  batches: AsyncIterable<RowBatch>
}

/** Result of opening a source: the source, or why it cannot be read at all. */
export type OpenSourceResult = { ok: true; source: TableSource } | { ok: false; errors: RowError[] }
