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
  /** Problems met while reading (unclosed quotes, bad JSON lines); filled as batches are read. */
  issues: RowError[]
  /** The records, once. */
  batches: AsyncIterable<RowBatch>
}

/** Result of opening a source: the source, or why it cannot be read at all. */
export type OpenSourceResult = { ok: true; source: TableSource } | { ok: false; errors: RowError[] }
