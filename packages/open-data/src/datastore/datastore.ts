import { join } from 'node:path'
import type { Dataset, OpennessClass, TableSchema } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import type { WriteResult, WriteTarget } from '../export/sink.js'
import { upgradeExcelFiles } from '../publish/excel-upgrade.js'
import { dropStaleStaging } from '../publish/stage-version.js'
import { removeVersionFiles } from '../publish/version-files.js'
import {
  type PublishInput,
  type PublishResult,
  runPublish,
  type SourceInfo,
  type StoredFile,
  VERSION_FILES,
} from '../publish.js'
import type { CatalogInput } from '../rdf/catalog-input.js'
import { findVersion, getDataset, listDatasets, listVersions } from './dataset-records.js'
import { openDataMigrations } from './migrations.js'
import { queryRows } from './query-rows.js'
import type { QueryTooExpensive } from './query-too-expensive.js'
import { readCatalogInput } from './read-catalog.js'
import type { RowsQuery, RowsResult, TotalOf } from './rows-query.js'
import { exportVersionCsv, iterateArrays, iterateRows } from './stream-rows.js'
import { withdrawVersion } from './withdraw-version.js'

/** Options of {@link openDatastore}. */
export interface DatastoreOptions {
  /** Folder of the published files (`<filesDir>/<id>/<version>/data.csv` …). */
  filesDir: string
  /** Portal base URL written into CSVW metadata at publish time (default `http://localhost`). */
  baseUrl?: string
  /** Clock, for tests. */
  now?: () => Date
  /** Time budget of one rows query in ms (default 10 000); past it the query is stopped. */
  queryBudgetMs?: number
  /** Largest estimated cost of a rows query (default 50 000 000 row checks); 0 turns the estimate off. */
  maxQueryCost?: number
  /**
   * Filtered or searched totals above this many rows are estimated (`totalEstimated: true`), as
   * CKAN's `total_estimation_threshold` does; absent or 0: always exact.
   */
  totalEstimationThreshold?: number
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
  /** Table schema of one version (a version keeps the schema it was published with); undefined when unknown. */
  versionSchema(id: string, version: number): Promise<TableSchema | undefined>
  /**
   * One page of rows, filtered, searched, sorted; cursor (keyset) or offset pagination. Runs off
   * the request thread under a time budget; throws {@link QueryTooExpensive} when the estimated
   * cost is over the limit or the budget runs out.
   */
  rows<Q extends RowsQuery>(id: string, query?: Q): Promise<RowsResult<TotalOf<Q>>>
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

/**
 * Removes what crashed publishes left (kill -9, power loss): staging versions whose heartbeat
 * stopped or whose process died, with their tables and files.
 */
async function removeLeftovers(store: Store, filesDir: string, now: Date): Promise<void> {
  // A read first: opening a datastore takes no write lock unless there is something to remove.
  const any = await store.get("SELECT 1 AS x FROM od_versions WHERE status = 'staging' LIMIT 1")
  if (!any) return
  const dropped = await store.transaction((tx) => dropStaleStaging(tx, now))
  for (const d of dropped) await removeVersionFiles(filesDir, d.datasetId, d.version)
}

/**
 * Opens the datastore on a store, applying the `open-data/NNN-…` migrations.
 * @example const ds = await openDatastore(openSqliteStore('.gongkai/store.db'), { filesDir: '.gongkai/files' })
 */
export async function openDatastore(store: Store, options: DatastoreOptions): Promise<Datastore> {
  await store.migrate(openDataMigrations)
  await removeLeftovers(store, options.filesDir, options.now?.() ?? new Date())
  await upgradeExcelFiles(store, options.filesDir)
  const ctx = {
    store,
    filesDir: options.filesDir,
    baseUrl: options.baseUrl ?? 'http://localhost',
    now: options.now ?? (() => new Date()),
  }
  return {
    publish: (input) => runPublish(ctx, input),
    listDatasets: () => listDatasets(store),
    getDataset: (id) => getDataset(store, id),
    versions: (id) => listVersions(store, id),
    versionSchema: async (id, version) => {
      const { row } = await findVersion(store, id, version)
      return row ? (JSON.parse(row.table_schema) as TableSchema) : undefined
    },
    // The total is null only when the query said includeTotal: false (see TotalOf).
    rows: <Q extends RowsQuery>(id: string, query?: Q) =>
      queryRows(store, id, query, {
        budgetMs: options.queryBudgetMs,
        maxCost: options.maxQueryCost,
        totalEstimationThreshold: options.totalEstimationThreshold,
      }) as Promise<RowsResult<TotalOf<Q>>>,
    iterateRows: (id, opts) => iterateRows(store, id, opts),
    iterateArrays: (id, opts) => iterateArrays(store, id, opts),
    exportCsv: (id, out, opts) => exportVersionCsv(store, id, out, opts),
    filePath: (id, version, format) =>
      join(ctx.filesDir, id, String(version), VERSION_FILES[format]),
    withdraw: (id, version, reason) => withdrawVersion(store, ctx.now, id, version, reason),
    catalogInput: (baseUrl, meta, page) => readCatalogInput(store, baseUrl, meta, page),
  }
}
