import { maskValue, TableScanner } from '@gongkai/privacy'
import type { Dataset, TableSchema } from '@gongkai/schema'
import type { Queryable, SqlValue } from '@gongkai/store'
import type { CellValue } from '../ingest/field-caster.js'
import { ErrorList } from '../ingest/row-error.js'
import type { RowValidator } from '../ingest/row-validator.js'
import { SourceRows } from '../ingest/source-rows.js'
import type { RowAccount, RowBatch, TableSource } from '../ingest/table-source.js'
import type { StoredKeys } from './stored-keys.js'

/** An error thrown by the row source (file read, a caller's iterator), as opposed to the store. */
export class SourceFailure extends Error {}

/** Thrown inside the staging transaction to roll it back when the file is refused. */
export class Abort extends Error {
  constructor(readonly reason: 'invalid_rows' | 'privacy') {
    super(reason)
  }
}

async function* tagSourceErrors<T>(it: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* it
  } catch (err) {
    throw new SourceFailure((err as Error)?.message ?? String(err))
  }
}

/**
 * Runs `fn` in one short transaction of the store (then indexes the batch's rows for full-text
 * search): the write lock is held for one batch at a time.
 */
export type BatchWriter = (fn: (tx: Queryable) => Promise<void>) => Promise<void>

/** A batch's rows, as {@link RowIngest} stores them. */
interface BatchRows {
  /** Insert parameters of the valid rows. */
  params: SqlValue[][]
  /** The valid rows' values, parallel to `params`. */
  kept: { row: number; values: CellValue[] }[]
  /** Rows refused for their cells, with the values that did cast (their keys are checked too). */
  rejected: { row: number; values: CellValue[] }[]
}

/** Options of a {@link RowIngest}. */
export interface RowIngestOptions {
  /** A finding that is not masked refuses the file (无条件开放 datasets). */
  unconditional: boolean
  /** Store the valid rows and count the others, instead of refusing the file. */
  skipBadRows?: boolean
  /** Called after each batch with the number of records read so far. */
  onProgress?: (rows: number) => void
}

/**
 * The row stage of one publish: cast and validate every row, mask, scan for personal information,
 * insert into the staging table. Masking runs after type validation (constraints such as `pattern`
 * apply to the raw value) and before storage and scanning, so masked columns never reach the store
 * or block publishing.
 */
export class RowIngest {
  readonly errors = new ErrorList()
  readonly scanner: TableScanner
  /** Rows inserted. */
  rowCount = 0
  /** Number of the last row read, so a failing source can be named at the row after it. */
  lastRow = 0
  private read = 0
  private readonly rows: SourceRows
  private readonly masks: (NonNullable<TableSchema['fields'][number]['mask']> | undefined)[]
  private readonly masked: number[]
  private readonly bools: number[]
  // Subtracted from a row number to give the stored row id (the CSV header's row, else 0).
  private readonly headerRow: number

  constructor(
    source: TableSource,
    private readonly validator: RowValidator,
    schema: TableSchema,
    private readonly options: RowIngestOptions,
    descriptor?: Pick<Dataset, 'title' | 'description'>
  ) {
    this.rows = new SourceRows(source, this.errors)
    // The title and description are scanned with the rows: one guard for everything published.
    this.scanner = new TableScanner({
      title: descriptor?.title,
      description: descriptor?.description,
      fields: schema.fields,
      valuesMasked: true,
    })
    this.masks = schema.fields.map((f) => f.mask)
    this.masked = this.masks.flatMap((m, k) => (m ? [k] : []))
    this.bools = schema.fields.flatMap((f, k) => (f.type === 'boolean' ? [k] : []))
    this.headerRow = source.headerRow ?? 0
  }

  /** True once the file is known to be refused. */
  get refused(): boolean {
    return (
      (this.errors.count > 0 && !this.options.skipBadRows) ||
      (this.options.unconditional && this.scanner.blocking > 0)
    )
  }

  /**
   * Reads the whole source into the table with `insert`, one batch per `write`. Throws
   * {@link Abort} when the file is refused (after reading it all, to report every error) and
   * {@link SourceFailure} when reading fails. With `keys`, the table's unique indexes check the
   * primary key and unique columns (the insert must be `INSERT OR IGNORE`).
   */
  async insertAll(write: BatchWriter, insert: string, keys?: StoredKeys): Promise<void> {
    for await (const batch of tagSourceErrors(this.rows.batches())) {
      const rows = this.valuesOf(batch)
      this.read += batch.records.length
      this.lastRow = batch.firstRow + batch.records.length - 1
      // Once the file is known to be refused, keep reading (to report every error) but stop
      // writing, unless the table is what checks the keys.
      if (!this.refused || keys) await write((tx) => this.store(tx, insert, rows, keys))
      else for (const r of rows.kept) this.scanner.scanRow(r.values, r.row)
      this.options.onProgress?.(this.read)
    }
    if (this.errors.count > 0 && !this.options.skipBadRows) throw new Abort('invalid_rows')
    if (this.options.unconditional && this.scanner.blocking > 0) throw new Abort('privacy')
  }

  /**
   * Inserts a batch's valid rows; with `keys`, the rows the unique indexes ignored are skipped
   * with their key errors, and the invalid rows get theirs. The rows stored are scanned.
   */
  private async store(
    tx: Queryable,
    insert: string,
    rows: BatchRows,
    keys: StoredKeys | undefined
  ): Promise<void> {
    const n = await tx.runMany(insert, rows.params)
    this.rowCount += n
    const dropped = keys && n < rows.params.length ? await keys.missing(tx, rows.params) : undefined
    for (const r of rows.kept) {
      if (dropped?.has(r.row - this.headerRow)) {
        const errors = await (keys as StoredKeys).conflicts(tx, r.values, r.row)
        if (errors.length === 0) throw new Error(`row ${r.row} was not stored, and breaks no key`)
        for (const e of errors) this.errors.add(e)
        this.rows.kept--
        this.rows.skip(r.row)
      } else this.scanner.scanRow(r.values, r.row)
    }
    if (keys)
      for (const r of rows.rejected)
        for (const e of await keys.conflicts(tx, r.values, r.row)) this.errors.add(e)
  }

  /** Number of rows left out (unreadable or invalid). */
  get skippedCount(): number {
    return this.rows.skipped.count
  }

  /** Every row accounted for; `kept` is the number of rows inserted. */
  account(): RowAccount {
    return { ...this.rows.account(), kept: this.rowCount }
  }

  /**
   * The batch's valid rows as insert parameters: the row id, then the values cast, masked,
   * booleans as 0/1. The row id is the data-row number (row number minus the header's row: blank
   * lines count, a record spanning several lines counts once), so a row keeps its number when an
   * earlier one is skipped: CKAN's `_id`, stable within a version. With them the rows' values (to
   * scan once stored) and the values of rows refused for their cells (to check their keys).
   */
  private valuesOf(batch: RowBatch): BatchRows {
    const out: BatchRows = { params: [], kept: [], rejected: [] }
    const records = batch.records
    const width = this.masks.length
    for (let i = 0; i < records.length; i++) {
      const row = batch.firstRow + i
      if (this.rows.isBad(row)) continue
      const values = this.validator.validate(
        records[i] as (typeof records)[number],
        row,
        this.errors
      )
      if (!values) {
        this.rows.skip(row)
        const rejected = this.validator.rejected
        if (rejected) out.rejected.push({ row, values: rejected })
        continue
      }
      this.rows.kept++
      for (const k of this.masked) {
        const v = values[k]
        if (typeof v === 'string')
          values[k] = maskValue(v, this.masks[k] as NonNullable<(typeof this.masks)[number]>)
      }
      const params = new Array<SqlValue>(width + 1)
      params[0] = row - this.headerRow
      for (let k = 0; k < width; k++) params[k + 1] = values[k] as SqlValue
      for (const k of this.bools) {
        const v = values[k]
        if (v !== null) params[k + 1] = v ? 1 : 0
      }
      out.params.push(params)
      out.kept.push({ row, values })
    }
    return out
  }
}
