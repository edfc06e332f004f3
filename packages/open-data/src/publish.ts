import { rm } from 'node:fs/promises'
import type { PrivacyFinding } from '@gongkai/privacy'
import {
  type Dataset,
  migrateTableSchema,
  type TableSchema,
  validateDataset,
  validateTableSchema,
} from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { indexSql, insertSql } from './datastore/version-table.js'
import { type CompiledTable, compileTable } from './ingest/compile-table.js'
import { type OpenSourceOptions, openSource, type SourceInput } from './ingest/open-source.js'
import type { RowError } from './ingest/row-error.js'
import { RowValidator } from './ingest/row-validator.js'
import { groupErrorsByRow, type SkippedRow } from './ingest/skipped-row.js'
import type { RowAccount, TableSource } from './ingest/table-source.js'
import { Abort, RowIngest, SourceFailure } from './publish/row-ingest.js'
import {
  dropVersion,
  ExpectationFailed,
  makeCurrent,
  type PublishExpectation,
  stageVersion,
} from './publish/stage-version.js'
import { type StoredFile, versionDirs, writeVersionFiles } from './publish/version-files.js'

export { type StoredFile, VERSION_FILES } from './publish/version-files.js'

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
  /**
   * Publish only if the dataset is new (`'new'`), or exists with this publisher
   * (`{ publisher }`); checked inside the staging transaction, so it holds under concurrent
   * publishes. Refused with reason `expectation`.
   */
  expect?: PublishExpectation
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
      /** Privacy findings: warnings here (conditional/closed datasets, or columns whose `privacy.allow` covers them). */
      findings: PrivacyFinding[]
      /** What was migrated in an old table schema (`mask: keep` -> `privacy.allow`), one sentence each. */
      migrated: string[]
      /** Number of rows left out, all of them (a row with three errors counts once). */
      skippedCount: number
      /** Number of errors in the rows left out. */
      skippedErrorCount: number
      /**
       * Every row of the source accounted for: `kept` (= `rowCount`, the rows stored), skipped,
       * blank lines, records spanning several lines; the first 100 of each listed.
       */
      rows: RowAccount
      source: SourceInfo
    }
  | {
      ok: false
      /** Every error, capped at 10,000; `errorCount` has the total. */
      errors: RowError[]
      findings: PrivacyFinding[]
      reason: 'invalid_rows' | 'privacy' | 'descriptor' | 'source' | 'expectation'
      errorCount: number
      /** The rows read before the refusal, accounted for (nothing was stored). */
      rows?: RowAccount
    }

/** What publish needs from the datastore. */
export interface PublishContext {
  store: Store
  filesDir: string
  /** Portal base URL, used to link CSVW metadata to the DCAT dataset. */
  baseUrl: string
  now: () => Date
}

type FailReason = 'invalid_rows' | 'privacy' | 'descriptor' | 'source' | 'expectation'

const fail = (
  reason: FailReason,
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

/** The descriptor and table schema validated and the table compiled, or the refusal. */
function checkInput(input: PublishInput):
  | {
      ok: true
      descriptor: Dataset
      schema: TableSchema
      table: CompiledTable
      migrated: string[]
    }
  | { ok: false; result: PublishResult } {
  const d = validateDataset(input?.descriptor, { locale: 'en' })
  // Schemas written before the privacy declarations are migrated, and the notes say what changed.
  const migration = migrateTableSchema(input?.schema)
  const s = validateTableSchema(migration.schema, { locale: 'en' })
  if (!d.ok || !s.ok) {
    const errors = [
      ...(d.ok ? [] : descriptorErrors(d.errors, '/descriptor')),
      ...(s.ok ? [] : descriptorErrors(s.errors, '/schema')),
    ]
    return { ok: false, result: fail('descriptor', errors) }
  }
  const compiled = compileTable(s.value)
  if (!compiled.ok) {
    const errors = compiled.errors.map((e) => ({ ...e, pointer: `/schema${e.pointer ?? ''}` }))
    return { ok: false, result: fail('descriptor', errors) }
  }
  return {
    ok: true,
    descriptor: d.value,
    schema: s.value,
    table: compiled.table,
    migrated: migration.notes,
  }
}

/** How the source was read, as recorded with the version. */
const sourceInfo = (source: TableSource): SourceInfo => ({
  format: source.format,
  ...(source.file ? { file: source.file } : {}),
  ...(source.encoding ? { encoding: source.encoding } : {}),
  ...(source.delimiter ? { delimiter: source.delimiter } : {}),
})

/** The answer to a staging transaction that threw: a refusal, or the error rethrown. */
function refusal(err: unknown, ingest: RowIngest, source: TableSource): PublishResult {
  const file = source.file ? { file: source.file } : {}
  if (err instanceof Abort) {
    const { errors, scanner } = ingest
    if (err.reason === 'invalid_rows')
      return {
        ...fail('invalid_rows', errors.sorted(), scanner.findings, errors.count),
        rows: { ...ingest.account(), kept: 0 },
      } as PublishResult
    const rules = [...new Set(scanner.findings.filter((f) => !f.allowed).map((f) => f.rule))]
    const summary: RowError = {
      row: 0,
      rule: 'privacy',
      message: `${scanner.blocking} finding(s) of personal information (${rules.join(', ')}) in an unconditional dataset: declare a mask on the columns, or privacy.allow with its reason where a law requires them to be public, or change the openness class`,
      ...file,
    }
    return fail('privacy', [summary], scanner.findings, 1)
  }
  if (err instanceof ExpectationFailed)
    return fail('expectation', [{ row: 0, rule: 'expectation', message: err.message }])
  if (!(err instanceof SourceFailure)) throw err
  // The row source itself failed (a thrown iterator, an unreadable file): nothing was stored.
  return fail('source', [
    {
      row: ingest.lastRow + 1,
      rule: 'source',
      message: `reading the source failed: ${err.message}`,
      ...file,
    },
  ])
}

/** Writes a staged version's files; on failure removes the version and any file it left. */
async function writeFilesOrDiscard(
  ctx: PublishContext,
  staged: { descriptor: Dataset; schema: TableSchema; version: number; tableName: string }
): Promise<StoredFile[]> {
  const { descriptor, schema, version, tableName } = staged
  const id = descriptor.id
  try {
    return await writeVersionFiles(ctx, id, version, tableName, descriptor, schema)
  } catch (err) {
    await ctx.store.transaction((tx) => dropVersion(tx, id, version, tableName))
    const { final, tmp } = versionDirs(ctx.filesDir, id, version)
    await rm(final, { recursive: true, force: true }).catch(() => undefined)
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined)
    throw err
  }
}

/**
 * The publish pipeline: validate descriptor and schema → open the source (encoding, delimiter) →
 * in one transaction, stage a new version and cast, validate, mask, scan and insert every row
 * ({@link RowIngest}) → write the version's files → flip the dataset's current version.
 */
export async function runPublish(ctx: PublishContext, input: PublishInput): Promise<PublishResult> {
  const checked = checkInput(input)
  if (!checked.ok) return checked.result
  const { descriptor, schema, table, migrated } = checked
  const opened = await openSource(input.source, input.sourceOptions)
  if (!opened.ok) return fail('source', opened.errors)
  const source = opened.source
  const header = source.format === 'csv' ? source.header : undefined
  const validator = new RowValidator(table, header, source.file)
  if (validator.headerErrors.length > 0) return fail('invalid_rows', validator.headerErrors)

  const info = sourceInfo(source)
  const ingest = new RowIngest(
    source,
    validator,
    schema,
    {
      unconditional: descriptor.openness === 'unconditional',
      skipBadRows: input.skipBadRows,
      onProgress: input.onProgress,
    },
    descriptor
  )
  let staged: { version: number; tableName: string }
  try {
    staged = await ctx.store.transaction(async (tx) => {
      const s = await stageVersion(tx, {
        descriptor,
        schema,
        source: info,
        now: ctx.now(),
        expect: input.expect,
      })
      await ingest.insertAll(tx, insertSql(s.tableName, schema))
      for (const sql of indexSql(s.tableName, schema, table.primaryKey, table.filterColumns))
        await tx.exec(sql)
      await tx.run(
        'UPDATE od_versions SET row_count = ?, skipped_count = ?, findings_count = ? WHERE dataset_id = ? AND version = ?',
        [ingest.rowCount, ingest.skippedCount, ingest.scanner.count, descriptor.id, s.version]
      )
      return s
    })
  } catch (err) {
    return refusal(err, ingest, source)
  }

  const files = await writeFilesOrDiscard(ctx, { descriptor, schema, ...staged })
  await makeCurrent(ctx.store, { descriptor, version: staged.version, files, now: ctx.now })
  return {
    ok: true,
    version: staged.version,
    rowCount: ingest.rowCount,
    skipped: groupErrorsByRow(ingest.errors.sorted()),
    skippedCount: ingest.skippedCount,
    skippedErrorCount: ingest.errors.count,
    findings: ingest.scanner.findings,
    rows: ingest.account(),
    migrated,
    source: info,
  }
}
