import { type TableSchema, validateTableSchema } from '@gongkai/schema'
import { compileTable } from './compile-table.js'
import type { CellValue } from './field-caster.js'
import { type OpenSourceOptions, openSource, type SourceInput } from './open-source.js'
import type { RowError } from './row-error.js'
import { ErrorList } from './row-error.js'
import { RowValidator } from './row-validator.js'
import { SourceRows } from './source-rows.js'
import type { RowAccount, SourceFormat } from './table-source.js'

/** What {@link validateRows} found. */
export interface RowsReport {
  /** True when the header, every row and the source itself are valid. */
  valid: boolean
  format?: SourceFormat
  encoding?: string
  delimiter?: string
  /** Records read (header and blank lines excluded). */
  rowCount: number
  /** Records that passed. */
  validRowCount: number
  /** Every row accounted for: valid (`kept`), skipped, blank, spanning several lines. */
  rows?: RowAccount
  /** Every error, capped at `cap` (default 10,000); `errorCount` has the total. */
  errors: RowError[]
  errorCount: number
}

/** Options of {@link validateRows}. */
export interface ValidateRowsOptions extends OpenSourceOptions {
  /** Most errors kept in the report (all are counted). */
  cap?: number
  /** Receives each valid row's typed values in field order (e.g. to preview). */
  onRow?: (values: CellValue[], row: number) => void
}

/**
 * Validates a whole source against a table schema and reports every error (not just the first):
 * the source's own problems (encoding, quotes, ragged rows), header labels, types, required,
 * unique, primary key, enum, pattern, bounds, lengths. Never throws.
 */
export async function validateRows(
  input: SourceInput,
  schema: TableSchema,
  options: ValidateRowsOptions = {}
): Promise<RowsReport> {
  const errors = new ErrorList(options.cap)
  const report = (extra: Partial<RowsReport>): RowsReport => ({
    valid: false,
    rowCount: 0,
    validRowCount: 0,
    errors: errors.sorted(),
    errorCount: errors.count,
    ...extra,
  })
  const s = validateTableSchema(schema, { locale: 'en' })
  if (!s.ok) {
    for (const e of s.errors)
      errors.add({
        row: 0,
        rule: e.keyword,
        message: e.message,
        pointer: e.pointer,
        value: e.actual,
      })
    return report({})
  }
  const compiled = compileTable(s.value)
  if (!compiled.ok) {
    for (const e of compiled.errors) errors.add(e)
    return report({})
  }
  const opened = await openSource(input, options)
  if (!opened.ok) {
    for (const e of opened.errors) errors.add(e)
    return report({})
  }
  const source = opened.source
  const meta = { format: source.format, encoding: source.encoding, delimiter: source.delimiter }
  const validator = new RowValidator(
    compiled.table,
    source.format === 'csv' ? source.header : undefined,
    source.file
  )
  for (const e of validator.headerErrors) errors.add(e)
  if (validator.headerErrors.length > 0) return report(meta)
  const rows = new SourceRows(source, errors)
  try {
    for await (const batch of rows.batches()) {
      batch.records.forEach((record, i) => {
        const row = batch.firstRow + i
        if (rows.isBad(row)) return
        const values = validator.validate(record, row, errors)
        if (values) {
          rows.kept++
          options.onRow?.(values, row)
        } else rows.skip(row)
      })
    }
  } catch (err) {
    errors.add({
      row: 0,
      rule: 'source',
      message: `reading the source failed: ${(err as Error).message}`,
      ...(source.file ? { file: source.file } : {}),
    })
  }
  const account = rows.account()
  return {
    ...report(meta),
    valid: errors.count === 0,
    rowCount: account.read,
    validRowCount: account.kept,
    rows: account,
    errorCount: errors.count,
  }
}
