import type { PrivacyFinding } from '@gongkai/privacy'
import {
  type Dataset,
  migrateTableSchema,
  type TableSchema,
  validateDataset,
  validateTableSchema,
} from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { ftsFillSql, indexSql, insertSql } from './datastore/version-table.js'
import { type CompiledTable, compileTable } from './ingest/compile-table.js'
import { type OpenSourceOptions, openSource, type SourceInput } from './ingest/open-source.js'
import type { RowError } from './ingest/row-error.js'
import { RowValidator } from './ingest/row-validator.js'
import { groupErrorsByRow, type SkippedRow } from './ingest/skipped-row.js'
import type { RowAccount, TableSource } from './ingest/table-source.js'
import { faultPoint } from './publish/fault-point.js'
import { Abort, type BatchWriter, RowIngest, SourceFailure } from './publish/row-ingest.js'
import {
  beat,
  type DroppedStaging,
  dropVersion,
  ExpectationFailed,
  HEARTBEAT_MS,
  makeCurrent,
  type PublishExpectation,
  PublishInProgress,
  stageVersion,
} from './publish/stage-version.js'
import { StoredKeys } from './publish/stored-keys.js'
import { removeVersionFiles, type StoredFile, writeVersionFiles } from './publish/version-files.js'
import { widenCheckpoints } from './publish/wal-checkpoint.js'

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
      /** `in_progress`: another publish of the dataset is staging (gateway 409 publish_in_progress). */
      reason: 'invalid_rows' | 'privacy' | 'descriptor' | 'source' | 'expectation' | 'in_progress'
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

type FailReason =
  | 'invalid_rows'
  | 'privacy'
  | 'descriptor'
  | 'source'
  | 'expectation'
  | 'in_progress'

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

/** Removes the files of staging versions dropped as leftovers of crashed publishes. */
async function removeDroppedFiles(ctx: PublishContext, dropped: readonly DroppedStaging[]) {
  for (const d of dropped) await removeVersionFiles(ctx.filesDir, d.datasetId, d.version)
}

/**
 * Opens the staging version in one short transaction; the refusals (expectation, another publish
 * staging) as a result, leftovers of crashed publishes removed with their files.
 */
async function stage(
  ctx: PublishContext,
  input: Parameters<typeof stageVersion>[1]
): Promise<
  { ok: true; version: number; tableName: string } | { ok: false; result: PublishResult }
> {
  try {
    const s = await ctx.store.transaction((tx) => stageVersion(tx, input))
    await removeDroppedFiles(ctx, s.dropped)
    return { ok: true, version: s.version, tableName: s.tableName }
  } catch (err) {
    if (err instanceof ExpectationFailed)
      return {
        ok: false,
        result: fail('expectation', [{ row: 0, rule: 'expectation', message: err.message }]),
      }
    if (err instanceof PublishInProgress)
      return {
        ok: false,
        result: fail('in_progress', [{ row: 0, rule: 'in_progress', message: err.message }]),
      }
    throw err
  }
}

/**
 * The batch writer of a publish: each batch in its own short transaction, which also adds the
 * batch to the FTS index and beats the heartbeat, so the store's write lock is held for one batch
 * at a time, never for the whole ingest.
 */
function batchWriter(
  ctx: PublishContext,
  staged: { id: string; version: number; tableName: string; schema: TableSchema }
): BatchWriter {
  const fill = ftsFillSql(staged.tableName, staged.schema)
  let indexed = 0
  return (fn) =>
    ctx.store.transaction(async (tx) => {
      await fn(tx)
      if (fill) {
        await tx.run(fill, [indexed])
        const last = await tx.get<{ r: number | null }>(
          `SELECT max(rowid) AS r FROM "${staged.tableName}"`
        )
        indexed = last?.r ?? indexed
      }
      await beat(tx, staged.id, staged.version, ctx.now())
    })
}

/**
 * The key checker of a publish: the staging table's unique indexes, created now on the empty
 * table. Undefined when the table has no key, or a key column is masked (its raw values must be
 * compared, not the masked ones stored: those few keys are checked in memory by the validator).
 */
async function storedKeys(
  ctx: PublishContext,
  table: CompiledTable,
  tableName: string,
  source: TableSource
): Promise<StoredKeys | undefined> {
  if (!keysInTable(table)) return undefined
  const keys = new StoredKeys(table, tableName, source.headerRow ?? 0, source.file)
  if (!keys.any) return undefined
  await ctx.store.transaction(async (tx) => {
    for (const sql of keys.indexSql()) await tx.exec(sql)
  })
  return keys
}

/** True when no primary-key or unique column is masked (see {@link storedKeys}). */
const keysInTable = (table: CompiledTable): boolean =>
  table.fields.every((f, k) => !f.field.mask || !(f.unique || table.primaryKey.includes(k)))

/** Removes a staging version that will not be published: its table, row and files. */
async function discard(
  ctx: PublishContext,
  id: string,
  staged: { version: number; tableName: string }
): Promise<void> {
  await ctx.store.transaction((tx) => dropVersion(tx, id, staged.version, staged.tableName))
  await removeVersionFiles(ctx.filesDir, id, staged.version)
}

/**
 * The publish pipeline: validate descriptor and schema → open the source (encoding, delimiter) →
 * stage a new version (one short transaction; 409-style `in_progress` while another publish of
 * the dataset stages) → cast, validate, mask, scan and insert every row ({@link RowIngest}) in
 * short transactions of one batch each → create the indexes → write the version's files → flip the
 * dataset's current version in one short transaction. Readers see nothing of the version before
 * the flip; a crash leaves a staging version that the next start or publish removes.
 */
export async function runPublish(ctx: PublishContext, input: PublishInput): Promise<PublishResult> {
  const checked = checkInput(input)
  if (!checked.ok) return checked.result
  const { descriptor, schema, table, migrated } = checked
  const opened = await openSource(input.source, input.sourceOptions)
  if (!opened.ok) return fail('source', opened.errors)
  const source = opened.source
  const header = source.format === 'csv' ? source.header : undefined
  const validator = new RowValidator(table, header, source.file, !keysInTable(table))
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
  const staging = await stage(ctx, {
    descriptor,
    schema,
    source: info,
    now: ctx.now(),
    expect: input.expect,
  })
  if (!staging.ok) return staging.result
  const staged = staging
  const id = descriptor.id
  // The heartbeat tells other processes this staging version is alive, also while files are
  // written; a failed beat is kept and surfaces as the publish's error.
  let beatError: unknown
  const heartbeat = setInterval(() => {
    ctx.store
      .transaction((tx) => beat(tx, id, staged.version, ctx.now()))
      .catch((err: unknown) => {
        beatError ??= err
      })
  }, HEARTBEAT_MS)
  heartbeat.unref()
  let files: StoredFile[]
  const restoreCheckpoints = await widenCheckpoints(ctx.store)
  try {
    let keys: StoredKeys | undefined
    try {
      keys = await storedKeys(ctx, table, staged.tableName, source)
      await ingest.insertAll(
        batchWriter(ctx, { id, version: staged.version, tableName: staged.tableName, schema }),
        insertSql(staged.tableName, schema, keys !== undefined),
        keys
      )
    } catch (err) {
      await discard(ctx, id, staged)
      return refusal(err, ingest, source)
    }
    try {
      // Each index in its own transaction: the write lock is held for one CREATE INDEX at a time.
      const indexes = indexSql(staged.tableName, table.primaryKey, table.filterColumns, !keys)
      for (const sql of indexes) {
        await ctx.store.transaction((tx) => tx.exec(sql))
        faultPoint('publish:indexes')
      }
      await ctx.store.transaction((tx) =>
        tx.run(
          'UPDATE od_versions SET row_count = ?, skipped_count = ?, findings_count = ? WHERE dataset_id = ? AND version = ?',
          [ingest.rowCount, ingest.skippedCount, ingest.scanner.count, id, staged.version]
        )
      )
      files = await writeVersionFiles(ctx, id, staged.version, staged.tableName, descriptor, schema)
      if (beatError) throw beatError
      await makeCurrent(ctx.store, { descriptor, version: staged.version, files, now: ctx.now })
    } catch (err) {
      await discard(ctx, id, staged)
      throw err
    }
  } finally {
    clearInterval(heartbeat)
    await restoreCheckpoints()
  }
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
