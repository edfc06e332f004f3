import type { TableSchema } from '@gongkai/schema'
import type { SqlValue, Store } from '@gongkai/store'
import type { WriteResult, WriteTarget } from '../export/sink.js'
import { findVersion } from './dataset-records.js'
import { mapBatches } from './map-batches.js'
import { rawRowConverter } from './rows-query.js'
import { typedRow, writeTableCsv } from './table-csv.js'

// Whole versions streamed in source order, read as raw batches: no per-row object with named keys
// and one await per 2,000 rows.
const BATCH = 2000

const selectAll = (table: string, schema: TableSchema) =>
  `SELECT ${schema.fields.map((_, k) => `c${k}`).join(', ')} FROM "${table}" ORDER BY rowid`

/** Every row of a version as an object, typed (`Datastore.iterateRows`). */
export function iterateRows(
  store: Store,
  id: string,
  options: { version?: number } = {}
): AsyncIterable<Record<string, unknown>> {
  let toItem: (raw: readonly SqlValue[]) => Record<string, unknown> = () => ({})
  async function* batches(): AsyncGenerator<SqlValue[][]> {
    const { row } = await findVersion(store, id, options.version)
    if (!row) return
    const schema = JSON.parse(row.table_schema) as TableSchema
    toItem = rawRowConverter(schema)
    yield* store.iterate(selectAll(row.table_name, schema), undefined, {
      raw: true,
      batches: true,
      batchSize: BATCH,
    })
  }
  return mapBatches(batches, (raw) => toItem(raw))
}

/** Every row of a version as an array in field order, with its header (`Datastore.iterateArrays`). */
export function iterateArrays(
  store: Store,
  id: string,
  options: { version?: number } = {}
): { header: Promise<string[]>; rows: AsyncIterable<unknown[]> } {
  const found = findVersion(store, id, options.version)
  const header = found.then(({ row }) =>
    row ? (JSON.parse(row.table_schema) as TableSchema).fields.map((f) => f.name) : []
  )
  let bools: boolean[] = []
  async function* batches(): AsyncGenerator<SqlValue[][]> {
    const { row } = await found
    if (!row) return
    const schema = JSON.parse(row.table_schema) as TableSchema
    bools = schema.fields.map((f) => f.type === 'boolean')
    yield* store.iterate(selectAll(row.table_name, schema), undefined, {
      raw: true,
      batches: true,
      batchSize: BATCH,
    })
  }
  const rows = mapBatches(batches, (raw) => typedRow(raw, bools))
  // Callers that only read `rows` must not get an unhandled rejection from `header`.
  header.catch(() => undefined)
  return { header, rows }
}

/** A version as CSV (`Datastore.exportCsv`); undefined for an unknown dataset or version. */
export async function exportVersionCsv(
  store: Store,
  id: string,
  out: WriteTarget,
  options: { version?: number; bom?: boolean } = {}
): Promise<WriteResult | undefined> {
  const { row } = await findVersion(store, id, options.version)
  if (!row) return undefined
  const schema = JSON.parse(row.table_schema) as TableSchema
  return writeTableCsv(store, row.table_name, schema, out, { bom: options.bom ?? false })
}
