import { join } from 'node:path'
import type { Dataset, OpennessClass, TableSchema } from '@gongkai/schema'
import type { SqlValue, Store } from '@gongkai/store'
import type { WriteResult, WriteTarget } from '../export/sink.js'
import {
  type PublishInput,
  type PublishResult,
  runPublish,
  type SourceInfo,
  type StoredFile,
  VERSION_FILES,
} from '../publish.js'
import type { CatalogInput, DatasetEntry } from '../rdf/catalog-input.js'
import { mapBatches } from './map-batches.js'
import { openDataMigrations } from './migrations.js'
import {
  cursorVersion,
  planRowsQuery,
  type RowsQuery,
  type RowsResult,
  rawRowConverter,
} from './rows-query.js'
import { typedRow, writeTableCsv } from './table-csv.js'

/** Options of {@link openDatastore}. */
export interface DatastoreOptions {
  /** Folder of the published files (`<filesDir>/<id>/<version>/data.csv` …). */
  filesDir: string
  /** Portal base URL written into CSVW metadata at publish time (default `http://localhost`). */
  baseUrl?: string
  /** Clock, for tests. */
  now?: () => Date
}

/** A dataset as listed. */
export interface DatasetSummary {
  id: string
  title: string
  openness: OpennessClass
  /** Version served by default; null when every version is withdrawn. */
  currentVersion: number | null
  /** Published and withdrawn versions. */
  versionCount: number
  updatedAt: string
}

/** A dataset with its current descriptor and table schema. */
export interface DatasetDetail extends DatasetSummary {
  descriptor: Dataset
  /** Table schema of the current version (of the latest one when none is current). */
  schema: TableSchema
}

/** One version of a dataset. Versions are never deleted; withdrawn ones keep their files. */
export interface VersionInfo {
  version: number
  status: 'published' | 'withdrawn'
  current: boolean
  publishedAt: string
  rowCount: number
  skippedCount: number
  findingsCount: number
  source: SourceInfo
  files: StoredFile[]
  withdrawnAt?: string
  withdrawnReason?: string
}

/** Formats {@link Datastore.filePath} knows. */
export type FileFormat = keyof typeof VERSION_FILES

/** Catalogue-level metadata for {@link Datastore.catalogInput}. */
export interface CatalogMeta {
  title: string
  description: string
  publisher: { id: string; name: string }
  language?: string
  modified?: string
}

/** Outcome of a withdrawal. */
export type WithdrawResult =
  | { ok: true; currentVersion: number | null }
  | { ok: false; message: string }

/** The open-data datastore: publish versions, list and query them, locate their files. */
export interface Datastore {
  /** Validates, masks, scans and stores a new version atomically, then writes its files. */
  publish(input: PublishInput): Promise<PublishResult>
  /** Datasets with at least one published or withdrawn version, by id. */
  listDatasets(): Promise<DatasetSummary[]>
  /** One dataset, or undefined. */
  getDataset(id: string): Promise<DatasetDetail | undefined>
  /** Versions of a dataset, oldest first (empty when unknown). */
  versions(id: string): Promise<VersionInfo[]>
  /** One page of rows, filtered, searched, sorted; cursor (keyset) or offset pagination. */
  rows(id: string, query?: RowsQuery): Promise<RowsResult>
  /** Every row of a version in source order, typed, streamed. Empty for an unknown dataset or version. */
  iterateRows(id: string, options?: { version?: number }): AsyncIterable<Record<string, unknown>>
  /**
   * Every row of a version as arrays in field order (booleans as booleans), streamed; cheaper than
   * {@link Datastore.iterateRows} for CSV. `header` resolves to the field names (empty when unknown).
   */
  iterateArrays(
    id: string,
    options?: { version?: number }
  ): { header: Promise<string[]>; rows: AsyncIterable<unknown[]> }
  /**
   * Streams a version as CSV (what `writeCsv` writes for {@link Datastore.iterateArrays}, several
   * times faster); undefined for an unknown dataset or version.
   */
  exportCsv(
    id: string,
    out: WriteTarget,
    options?: { version?: number; bom?: boolean }
  ): Promise<WriteResult | undefined>
  /** Path of a version's file (it exists once the version is published). */
  filePath(id: string, version: number, format: FileFormat): string
  /** Marks a version withdrawn with a reason (its rows and files stay); the current version moves back. */
  withdraw(id: string, version: number, reason: string): Promise<WithdrawResult>
  /**
   * DCAT exporter input: datasets that are not `closed`, with their published versions; with
   * `page`, one page of them (by id) and the total for Hydra paging.
   */
  catalogInput(
    baseUrl: string,
    meta: CatalogMeta,
    page?: { number: number; size: number }
  ): Promise<CatalogInput>
}

interface DatasetRow {
  id: string
  title: string
  openness: OpennessClass
  descriptor: string
  current_version: number | null
  updated_at: string
  version_count: number
}

interface VersionRow {
  version: number
  status: 'published' | 'withdrawn'
  table_name: string
  descriptor: string
  table_schema: string
  row_count: number
  skipped_count: number
  findings_count: number
  source: string
  files: string
  published_at: string
  withdrawn_at: string | null
  withdrawn_reason: string | null
}

const SUMMARY_SQL = `SELECT d.id, d.title, d.openness, d.descriptor, d.current_version, d.updated_at,
  (SELECT count(*) FROM od_versions v WHERE v.dataset_id = d.id AND v.status != 'staging') AS version_count
  FROM od_datasets d`

const summary = (r: DatasetRow): DatasetSummary => ({
  id: r.id,
  title: r.title,
  openness: r.openness,
  currentVersion: r.current_version,
  versionCount: r.version_count,
  updatedAt: r.updated_at,
})

const versionInfo = (r: VersionRow, current: number | null): VersionInfo => ({
  version: r.version,
  status: r.status,
  current: r.version === current,
  publishedAt: r.published_at,
  rowCount: r.row_count,
  skippedCount: r.skipped_count,
  findingsCount: r.findings_count,
  source: JSON.parse(r.source) as SourceInfo,
  files: JSON.parse(r.files) as StoredFile[],
  ...(r.withdrawn_at ? { withdrawnAt: r.withdrawn_at } : {}),
  ...(r.withdrawn_reason ? { withdrawnReason: r.withdrawn_reason } : {}),
})

const VERSION_COLS =
  'version, status, table_name, descriptor, table_schema, row_count, skipped_count, findings_count, source, files, published_at, withdrawn_at, withdrawn_reason'

/**
 * Opens the datastore on a store, applying the `open-data/NNN-…` migrations.
 * @example const ds = await openDatastore(openSqliteStore('.gongkai/store.db'), { filesDir: '.gongkai/files' })
 */
export async function openDatastore(store: Store, options: DatastoreOptions): Promise<Datastore> {
  await store.migrate(openDataMigrations)
  const ctx = {
    store,
    filesDir: options.filesDir,
    baseUrl: options.baseUrl ?? 'http://localhost',
    now: options.now ?? (() => new Date()),
  }

  async function versionRow(
    id: string,
    version?: number
  ): Promise<{ row?: VersionRow; message?: string }> {
    const d = await store.get<{ current_version: number | null }>(
      'SELECT current_version FROM od_datasets WHERE id = ?',
      [id]
    )
    if (!d) return { message: `no dataset "${id}"` }
    const v = version ?? d.current_version
    if (v === null || v === undefined) return { message: `dataset "${id}" has no current version` }
    const row = await store.get<VersionRow>(
      `SELECT ${VERSION_COLS} FROM od_versions WHERE dataset_id = ? AND version = ? AND status != 'staging'`,
      [id, v]
    )
    return row ? { row } : { message: `dataset "${id}" has no version ${v}` }
  }

  const ds: Datastore = {
    publish: (input) => runPublish(ctx, input),

    async listDatasets() {
      const rows = await store.all<DatasetRow>(
        `${SUMMARY_SQL} WHERE EXISTS (SELECT 1 FROM od_versions v WHERE v.dataset_id = d.id AND v.status != 'staging') ORDER BY d.id`
      )
      return rows.map(summary)
    },

    async getDataset(id) {
      const r = await store.get<DatasetRow>(`${SUMMARY_SQL} WHERE d.id = ?`, [id])
      if (!r || r.version_count === 0) return undefined
      const v = await store.get<{ table_schema: string }>(
        `SELECT table_schema FROM od_versions WHERE dataset_id = ? AND status != 'staging'
         ORDER BY (version = ?) DESC, version DESC LIMIT 1`,
        [id, r.current_version]
      )
      return {
        ...summary(r),
        descriptor: JSON.parse(r.descriptor) as Dataset,
        schema: JSON.parse(v?.table_schema ?? '{"fields":[]}') as TableSchema,
      }
    },

    async versions(id) {
      const d = await store.get<{ current_version: number | null }>(
        'SELECT current_version FROM od_datasets WHERE id = ?',
        [id]
      )
      if (!d) return []
      const rows = await store.all<VersionRow>(
        `SELECT ${VERSION_COLS} FROM od_versions WHERE dataset_id = ? AND status != 'staging' ORDER BY version`,
        [id]
      )
      return rows.map((r) => versionInfo(r, d.current_version))
    },

    async rows(id, query = {}) {
      const c = cursorVersion(query.cursor)
      if (c.error) return { ok: false, errors: [c.error] }
      if (c.state && query.version !== undefined && query.version !== c.state.v) {
        return {
          ok: false,
          errors: [{ parameter: 'version', message: 'the cursor belongs to another version' }],
        }
      }
      const { row, message } = await versionRow(id, c.state?.v ?? query.version)
      if (!row)
        return {
          ok: false,
          errors: [
            {
              parameter: query.version !== undefined ? 'version' : 'id',
              message: message ?? 'not found',
            },
          ],
        }
      if (row.status === 'withdrawn') {
        return {
          ok: false,
          errors: [
            {
              parameter: 'version',
              message: `version ${row.version} was withdrawn: ${row.withdrawn_reason ?? ''}`,
            },
          ],
        }
      }
      const schema = JSON.parse(row.table_schema) as TableSchema
      const planned = planRowsQuery(row.table_name, row.version, schema, query, c.state)
      if (!planned.ok) return planned
      const p = planned.plan
      const raw = await store.all<Record<string, SqlValue>>(p.select, p.selectParams)
      const more = raw.length > p.limit
      const page = more ? raw.slice(0, p.limit) : raw
      const total = (await store.get<{ n: number }>(p.count, p.countParams))?.n ?? 0
      const last = page[page.length - 1]
      return {
        ok: true,
        items: page.map(p.toItem),
        total,
        next: more && last ? p.cursorFor(last) : null,
        version: row.version,
      }
    },

    iterateRows(id, options = {}) {
      let toItem: (raw: readonly SqlValue[]) => Record<string, unknown> = () => ({})
      async function* batches(): AsyncGenerator<SqlValue[][]> {
        const { row } = await versionRow(id, options.version)
        if (!row) return
        const schema = JSON.parse(row.table_schema) as TableSchema
        toItem = rawRowConverter(schema)
        const cols = schema.fields.map((_, k) => `c${k}`).join(', ')
        yield* store.iterate(`SELECT ${cols} FROM "${row.table_name}" ORDER BY rowid`, undefined, {
          raw: true,
          batches: true,
          batchSize: 2000,
        })
      }
      return mapBatches(batches, (raw) => toItem(raw))
    },

    iterateArrays(id, options = {}) {
      const found = versionRow(id, options.version)
      const header = found.then(({ row }) =>
        row ? (JSON.parse(row.table_schema) as TableSchema).fields.map((f) => f.name) : []
      )
      async function* batches(): AsyncGenerator<SqlValue[][]> {
        const { row } = await found
        if (!row) return
        const schema = JSON.parse(row.table_schema) as TableSchema
        const cols = schema.fields.map((_, k) => `c${k}`)
        bools = schema.fields.map((f) => f.type === 'boolean')
        const sql = `SELECT ${cols.join(', ')} FROM "${row.table_name}" ORDER BY rowid`
        // Raw rows in batches: no per-row object, and one await per 2,000 rows.
        yield* store.iterate(sql, undefined, { raw: true, batches: true, batchSize: 2000 })
      }
      let bools: boolean[] = []
      const rows = mapBatches(batches, (raw) => typedRow(raw, bools))
      // Callers that only read `rows` must not get an unhandled rejection from `header`.
      header.catch(() => undefined)
      return { header, rows }
    },

    async exportCsv(id, out, options = {}) {
      const { row } = await versionRow(id, options.version)
      if (!row) return undefined
      const schema = JSON.parse(row.table_schema) as TableSchema
      return writeTableCsv(store, row.table_name, schema, out, { bom: options.bom ?? false })
    },

    filePath(id, version, format) {
      return join(ctx.filesDir, id, String(version), VERSION_FILES[format])
    },

    async withdraw(id, version, reason) {
      if (typeof reason !== 'string' || reason.trim() === '')
        return { ok: false, message: 'a reason is required' }
      return store.transaction(async (tx) => {
        const r = await tx.run(
          "UPDATE od_versions SET status = 'withdrawn', withdrawn_at = ?, withdrawn_reason = ? WHERE dataset_id = ? AND version = ? AND status = 'published'",
          [ctx.now().toISOString(), reason.trim(), id, version]
        )
        if (r.changes === 0)
          return {
            ok: false as const,
            message: `dataset "${id}" has no published version ${version}`,
          }
        const cur = await tx.get<{ v: number | null }>(
          "SELECT max(version) AS v FROM od_versions WHERE dataset_id = ? AND status = 'published'",
          [id]
        )
        const currentVersion = cur?.v ?? null
        await tx.run('UPDATE od_datasets SET current_version = ?, updated_at = ? WHERE id = ?', [
          currentVersion,
          ctx.now().toISOString(),
          id,
        ])
        return { ok: true as const, currentVersion }
      })
    },

    async catalogInput(baseUrl, meta, page) {
      const publicWhere = "d.openness != 'closed' AND d.current_version IS NOT NULL"
      const size = page ? Math.max(1, Math.min(10_000, Math.floor(page.size))) : 0
      const number = page ? Math.max(1, Math.floor(page.number)) : 0
      const rows = await store.all<DatasetRow>(
        `${SUMMARY_SQL} WHERE ${publicWhere} ORDER BY d.id${page ? ' LIMIT ? OFFSET ?' : ''}`,
        page ? [size, (number - 1) * size] : []
      )
      const ids = rows.map((r) => r.id)
      const versions = await store.all<VersionRow & { dataset_id: string }>(
        `SELECT dataset_id, ${VERSION_COLS} FROM od_versions WHERE status = 'published'
         AND dataset_id IN (SELECT value FROM json_each(?)) ORDER BY dataset_id, version`,
        [JSON.stringify(ids)]
      )
      const total = page
        ? ((
            await store.get<{ n: number }>(
              `SELECT count(*) AS n FROM od_datasets d WHERE ${publicWhere}`
            )
          )?.n ?? 0)
        : rows.length
      const byDataset = new Map<string, VersionRow[]>()
      for (const v of versions) {
        const list = byDataset.get(v.dataset_id) ?? []
        list.push(v)
        byDataset.set(v.dataset_id, list)
      }
      const datasets: DatasetEntry[] = rows.map((r) => ({
        descriptor: JSON.parse(r.descriptor) as Dataset,
        versions: (byDataset.get(r.id) ?? []).map((v) => ({
          version: v.version,
          publishedAt: v.published_at,
          rowCount: v.row_count,
          files: (JSON.parse(v.files) as StoredFile[]).flatMap((f) =>
            f.format === 'csv' || f.format === 'json' || f.format === 'ndjson'
              ? [{ format: f.format, bytes: f.bytes, mediaType: f.mediaType }]
              : []
          ),
        })),
      }))
      return {
        baseUrl,
        title: meta.title,
        description: meta.description,
        publisher: meta.publisher,
        ...(meta.language ? { language: meta.language } : {}),
        ...(meta.modified ? { modified: meta.modified } : {}),
        datasets,
        ...(page ? { page: { number, size, total } } : {}),
      }
    },
  }
  return ds
}
