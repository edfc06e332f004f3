import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import {
  type Dataset,
  type TableSchema,
  validateDataset,
  validateTableSchema,
} from '@gongkai/schema'
import type { SqlValue, Store } from '@gongkai/store'
import { broadcast } from './datastore/broadcast.js'
import { rowConverter } from './datastore/rows-query.js'
import { writeTableCsv } from './datastore/table-csv.js'
import {
  createTableSql,
  ftsName,
  indexSql,
  insertSql,
  versionTableName,
} from './datastore/version-table.js'
import { csvwMetadata } from './export/csvw.js'
import { writeJson, writeNdjson } from './export/json-writer.js'
import { compileTable } from './ingest/compile-table.js'
import type { CellValue } from './ingest/field-caster.js'
import { type OpenSourceOptions, openSource, type SourceInput } from './ingest/open-source.js'
import { ErrorList, type RowError } from './ingest/row-error.js'
import { RowValidator } from './ingest/row-validator.js'
import { groupErrorsByRow, type SkippedRow } from './ingest/skipped-row.js'
import { maskValue } from './privacy/mask.js'
import type { PrivacyFinding } from './privacy/privacy-finding.js'
import { PrivacyScanner } from './privacy/scan-rows.js'

/** What to publish: descriptor, table schema and the rows (a file, or rows in memory). */
export interface PublishInput {
  descriptor: Dataset
  schema: TableSchema
  /** A CSV / JSON-array / NDJSON file path, or `{ rows }` (objects keyed by field name). */
  source: SourceInput
  /** Store the valid rows and list the others in `skipped`, instead of refusing the file. */
  skipBadRows?: boolean
  /** Called after each batch with the number of records read so far. */
  onProgress?: (rows: number) => void
  /** Force the source format, encoding or delimiter instead of detecting them. */
  sourceOptions?: OpenSourceOptions
}

/** How the source was read, recorded with the version. */
export interface SourceInfo {
  format: string
  file?: string
  encoding?: string
  delimiter?: string
}

/** Outcome of a publish. Nothing is stored unless `ok`. */
export type PublishResult =
  | {
      ok: true
      version: number
      rowCount: number
      /**
       * The rows left out (only with `skipBadRows`), in row order, each with its errors; listed
       * from the first 10,000 errors, so `skippedCount` may be larger.
       */
      skipped: SkippedRow[]
      /** Privacy findings: warnings here (conditional/closed datasets, or acknowledged columns). */
      findings: PrivacyFinding[]
      /** Number of rows left out, all of them (a row with three errors counts once). */
      skippedCount: number
      /** Number of errors in the rows left out. */
      skippedErrorCount: number
      source: SourceInfo
    }
  | {
      ok: false
      /** Every error, capped at 10,000; `errorCount` has the total. */
      errors: RowError[]
      findings: PrivacyFinding[]
      reason: 'invalid_rows' | 'privacy' | 'descriptor' | 'source'
      errorCount: number
    }

/** What publish needs from the datastore. */
export interface PublishContext {
  store: Store
  filesDir: string
  /** Portal base URL, used to link CSVW metadata to the DCAT dataset. */
  baseUrl: string
  now: () => Date
}

/** File names of a published version under `filesDir/<id>/<version>/`. */
export const VERSION_FILES = {
  csv: 'data.csv',
  'csv-bom': 'data-bom.csv',
  json: 'data.json',
  ndjson: 'data.ndjson',
  csvw: 'data.csv-metadata.json',
} as const

/** A file written for a version, as recorded. */
export interface StoredFile {
  format: keyof typeof VERSION_FILES
  bytes: number
  mediaType: string
}

const MEDIA_TYPES: Record<keyof typeof VERSION_FILES, string> = {
  csv: 'text/csv',
  'csv-bom': 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csvw: 'application/csvm+json',
}

/** Staging versions older than this are leftovers of a crashed publish and are removed. */
const STALE_STAGING_MS = 60 * 60 * 1000

/** An error thrown by the row source (file read, a caller's iterator), as opposed to the store. */
class SourceFailure extends Error {}

async function* tagSourceErrors<T>(it: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* it
  } catch (err) {
    throw new SourceFailure((err as Error)?.message ?? String(err))
  }
}

class Abort extends Error {
  constructor(readonly reason: 'invalid_rows' | 'privacy') {
    super(reason)
  }
}

const fail = (
  reason: 'invalid_rows' | 'privacy' | 'descriptor' | 'source',
  errors: RowError[],
  findings: PrivacyFinding[] = [],
  errorCount = errors.length
): PublishResult => ({ ok: false, errors, findings, reason, errorCount })

const descriptorErrors = (
  errs: { pointer: string; message: string; keyword: string; actual: string }[],
  prefix: string
): RowError[] =>
  errs.map((e) => ({
    row: 0,
    rule: e.keyword,
    message: e.message,
    pointer: `${prefix}${e.pointer}`,
    value: e.actual,
  }))

/**
 * The publish pipeline: validate descriptor and schema → open the source (encoding, delimiter) →
 * cast and validate every row → mask → privacy scan → insert into a new staging version table →
 * write the version's files → flip the dataset's current version. Masking runs after type
 * validation (constraints such as `pattern` apply to the raw value) and before storage and
 * scanning, so masked columns never reach the store or block publishing.
 */
export async function runPublish(ctx: PublishContext, input: PublishInput): Promise<PublishResult> {
  const d = validateDataset(input?.descriptor, { locale: 'en' })
  const s = validateTableSchema(input?.schema, { locale: 'en' })
  if (!d.ok || !s.ok) {
    return fail('descriptor', [
      ...(d.ok ? [] : descriptorErrors(d.errors, '/descriptor')),
      ...(s.ok ? [] : descriptorErrors(s.errors, '/schema')),
    ])
  }
  const descriptor = d.value
  const schema = s.value
  const compiled = compileTable(schema)
  if (!compiled.ok) {
    return fail(
      'descriptor',
      compiled.errors.map((e) => ({ ...e, pointer: `/schema${e.pointer ?? ''}` }))
    )
  }
  const table = compiled.table
  const opened = await openSource(input.source, input.sourceOptions)
  if (!opened.ok) return fail('source', opened.errors)
  const source = opened.source
  const isCsv = source.format === 'csv'
  const validator = new RowValidator(table, isCsv ? source.header : undefined, source.file)
  if (validator.headerErrors.length > 0) return fail('invalid_rows', validator.headerErrors)

  const { store } = ctx
  const id = descriptor.id
  const now = ctx.now().toISOString()
  const errors = new ErrorList()
  const scanner = new PrivacyScanner(schema.fields)
  const masks = schema.fields.map((f) => (f.mask && f.mask.type !== 'keep' ? f.mask : undefined))
  const masked = masks.flatMap((m, k) => (m ? [k] : []))
  const bools = schema.fields.flatMap((f, k) => (f.type === 'boolean' ? [k] : []))
  const info: SourceInfo = {
    format: source.format,
    ...(source.file ? { file: source.file } : {}),
    ...(source.encoding ? { encoding: source.encoding } : {}),
    ...(source.delimiter ? { delimiter: source.delimiter } : {}),
  }
  const unconditional = descriptor.openness === 'unconditional'
  let version = 0
  let tableName = ''
  let rowCount = 0
  let read = 0
  let lastRow = 0
  let skippedRows = 0

  try {
    await store.transaction(async (tx) => {
      // Leftovers of a publish that crashed between its two transactions.
      const stale = await tx.all<{ version: number; table_name: string }>(
        "SELECT version, table_name FROM od_versions WHERE dataset_id = ? AND status = 'staging' AND created_at < ?",
        [id, new Date(ctx.now().getTime() - STALE_STAGING_MS).toISOString()]
      )
      for (const v of stale) await dropVersion(tx, id, v.version, v.table_name)
      const max = await tx.get<{ v: number | null }>(
        'SELECT max(version) AS v FROM od_versions WHERE dataset_id = ?',
        [id]
      )
      version = (max?.v ?? 0) + 1
      tableName = versionTableName(id, version)
      await tx.exec(
        `DROP TABLE IF EXISTS "${ftsName(tableName)}"; DROP TABLE IF EXISTS "${tableName}"`
      )
      await tx.run(
        `INSERT INTO od_datasets (id, title, openness, descriptor, current_version, created_at, updated_at)
         VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [id, descriptor.title, descriptor.openness, JSON.stringify(descriptor), now, now]
      )
      await tx.run(
        `INSERT INTO od_versions (dataset_id, version, status, table_name, descriptor, table_schema, source, created_at)
         VALUES (?, ?, 'staging', ?, ?, ?, ?, ?)`,
        [
          id,
          version,
          tableName,
          JSON.stringify(descriptor),
          JSON.stringify(schema),
          JSON.stringify(info),
          now,
        ]
      )
      await tx.exec(createTableSql(tableName, schema))
      const insert = insertSql(tableName, schema)
      let issuesSeen = 0
      // Rows the source could not read (quotes, JSON) are left out before validation.
      const badRows = new Set<number>()
      const takeIssues = () => {
        for (; issuesSeen < source.issues.length; issuesSeen++) {
          const e = source.issues[issuesSeen] as RowError
          errors.add(e)
          badRows.add(e.row)
        }
      }
      for await (const batch of tagSourceErrors(source.batches)) {
        takeIssues()
        const params: SqlValue[][] = []
        const records = batch.records
        for (let i = 0; i < records.length; i++) {
          const row = batch.firstRow + i
          if (badRows.has(row)) continue
          const values = validator.validate(records[i] as (typeof records)[number], row, errors)
          if (!values) {
            badRows.add(row)
            continue
          }
          for (const k of masked) {
            const v = values[k]
            if (typeof v === 'string')
              values[k] = maskValue(v, masks[k] as NonNullable<(typeof masks)[number]>)
          }
          scanner.scanRow(values, row)
          for (const k of bools) {
            const v = values[k]
            if (v !== null) (values as CellValue[])[k] = v ? 1 : 0
          }
          params.push(values as SqlValue[])
        }
        read += records.length
        lastRow = batch.firstRow + records.length - 1
        // Once the file is known to be refused, keep reading (to report every error) but stop writing.
        const refused =
          (errors.count > 0 && !input.skipBadRows) || (unconditional && scanner.blocking > 0)
        if (!refused) {
          await tx.runMany(insert, params)
          rowCount += params.length
        }
        input.onProgress?.(read)
      }
      takeIssues()
      if (errors.count > 0 && !input.skipBadRows) throw new Abort('invalid_rows')
      if (descriptor.openness === 'unconditional' && scanner.blocking > 0)
        throw new Abort('privacy')
      skippedRows = badRows.size
      for (const sql of indexSql(tableName, schema, table.primaryKey, table.filterColumns))
        await tx.exec(sql)
      await tx.run(
        'UPDATE od_versions SET row_count = ?, skipped_count = ?, findings_count = ? WHERE dataset_id = ? AND version = ?',
        [rowCount, skippedRows, scanner.count, id, version]
      )
    })
  } catch (err) {
    if (err instanceof Abort) {
      if (err.reason === 'invalid_rows')
        return fail('invalid_rows', errors.sorted(), scanner.findings, errors.count)
      const summary: RowError = {
        row: 0,
        rule: 'privacy',
        message: `${scanner.blocking} finding(s) of unmasked personal information in an unconditional dataset: declare a mask on the columns (or mask: keep after review), or change the openness class`,
        ...(source.file ? { file: source.file } : {}),
      }
      return fail('privacy', [summary], scanner.findings, 1)
    }
    if (!(err instanceof SourceFailure)) throw err
    // The row source itself failed (a thrown iterator, an unreadable file): nothing was stored.
    return fail('source', [
      {
        row: lastRow + 1,
        rule: 'source',
        message: `reading the source failed: ${(err as Error).message}`,
        ...(source.file ? { file: source.file } : {}),
      },
    ])
  }

  let files: StoredFile[]
  try {
    files = await writeVersionFiles(ctx, id, version, tableName, descriptor, schema)
  } catch (err) {
    await store.transaction((tx) => dropVersion(tx, id, version, tableName))
    const final = join(ctx.filesDir, id, String(version))
    await rm(final, { recursive: true, force: true }).catch(() => undefined)
    await rm(`${final}.tmp-${process.pid}`, { recursive: true, force: true }).catch(() => undefined)
    throw err
  }

  // The flip: one short transaction makes the new version current.
  await store.transaction(async (tx) => {
    await tx.run(
      "UPDATE od_versions SET status = 'published', published_at = ?, files = ? WHERE dataset_id = ? AND version = ? AND status = 'staging'",
      [ctx.now().toISOString(), JSON.stringify(files), id, version]
    )
    await tx.run(
      'UPDATE od_datasets SET current_version = ?, title = ?, openness = ?, descriptor = ?, updated_at = ? WHERE id = ?',
      [
        version,
        descriptor.title,
        descriptor.openness,
        JSON.stringify(descriptor),
        ctx.now().toISOString(),
        id,
      ]
    )
  })
  return {
    ok: true,
    version,
    rowCount,
    skipped: groupErrorsByRow(errors.sorted()),
    skippedCount: skippedRows,
    skippedErrorCount: errors.count,
    findings: scanner.findings,
    source: info,
  }
}

/** Removes a staging version: its table, FTS index and row. */
async function dropVersion(
  tx: { exec(sql: string): Promise<void>; run(sql: string, p?: SqlValue[]): Promise<unknown> },
  id: string,
  version: number,
  table: string
): Promise<void> {
  await tx.exec(`DROP TABLE IF EXISTS "${ftsName(table)}"; DROP TABLE IF EXISTS "${table}"`)
  await tx.run(
    "DELETE FROM od_versions WHERE dataset_id = ? AND version = ? AND status = 'staging'",
    [id, version]
  )
}

/**
 * Writes the version's downloads once, from the stored rows, into a temporary folder renamed into
 * place, so every later download of this version is the same bytes.
 */
async function writeVersionFiles(
  ctx: PublishContext,
  id: string,
  version: number,
  table: string,
  descriptor: Dataset,
  schema: TableSchema
): Promise<StoredFile[]> {
  const final = join(ctx.filesDir, id, String(version))
  const tmp = `${final}.tmp-${process.pid}`
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp, { recursive: true })
  const cols = schema.fields.map((_, k) => `c${k}`)
  const sql = `SELECT ${cols.join(', ')} FROM "${table}" ORDER BY rowid`
  const toItem = rowConverter(schema)
  // One read of the table feeds both JSON writers; the CSV is written by SQLite-side joining
  // (writeTableCsv), which is about twice as fast and byte-identical to writeCsv.
  async function* batches(): AsyncGenerator<Record<string, unknown>[]> {
    let batch: Record<string, unknown>[] = []
    for await (const r of ctx.store.iterate<Record<string, SqlValue>>(sql, undefined, {
      batchSize: 2000,
    })) {
      batch.push(toItem(r))
      if (batch.length >= 1000) {
        yield batch
        batch = []
      }
    }
    if (batch.length > 0) yield batch
  }
  const [forJson, forNdjson] = broadcast<
    Record<string, unknown>,
    [Record<string, unknown>, Record<string, unknown>]
  >(batches(), [(x) => x, (x) => x])
  const [csv, json, ndjson] = await Promise.all([
    writeTableCsv(ctx.store, table, schema, join(tmp, VERSION_FILES.csv)),
    writeJson(forJson, join(tmp, VERSION_FILES.json)),
    writeNdjson(forNdjson, join(tmp, VERSION_FILES.ndjson)),
  ])
  const bomBytes = await copyWithBom(
    join(tmp, VERSION_FILES.csv),
    join(tmp, VERSION_FILES['csv-bom'])
  )
  const csvw = `${JSON.stringify(csvwMetadata({ csvUrl: VERSION_FILES.csv, descriptor, schema, baseUrl: ctx.baseUrl }), null, 2)}\n`
  await writeFile(join(tmp, VERSION_FILES.csvw), csvw)
  await rm(final, { recursive: true, force: true })
  await rename(tmp, final)
  const file = (format: StoredFile['format'], bytes: number): StoredFile => ({
    format,
    bytes,
    mediaType: MEDIA_TYPES[format],
  })
  return [
    file('csv', csv.bytes),
    file('csv-bom', bomBytes),
    file('json', json.bytes),
    file('ndjson', ndjson.bytes),
    file('csvw', Buffer.byteLength(csvw)),
  ]
}

/** Copies a UTF-8 CSV with a BOM in front (for Excel) without a second pass over the store. */
async function copyWithBom(from: string, to: string): Promise<number> {
  const out = createWriteStream(to)
  out.write(Buffer.from([0xef, 0xbb, 0xbf]))
  let bytes = 3
  const src = createReadStream(from)
  src.on('data', (c) => {
    bytes += (c as Buffer).length
  })
  await pipeline(src, out)
  if (!out.closed) await once(out, 'close')
  return bytes
}
