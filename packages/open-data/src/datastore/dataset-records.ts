import type { Dataset, OpennessClass, TableSchema } from '@gongkai/schema'
import type { Queryable } from '@gongkai/store'
import type { SourceInfo, StoredFile } from '../publish.js'
import type { DatasetDetail, DatasetSummary, VersionInfo } from './datastore.js'

// Reads of the datastore's own tables: `od_datasets` (one row a dataset) and `od_versions` (one row
// a version; `staging` rows belong to a publish in progress and are never shown).

/** A row of `od_datasets` with its count of shown versions. */
export interface DatasetRow {
  id: string
  title: string
  openness: OpennessClass
  descriptor: string
  current_version: number | null
  updated_at: string
  version_count: number
}

/** A row of `od_versions` (the columns of {@link VERSION_COLS}). */
export interface VersionRow {
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

/** Datasets with their count of published and withdrawn versions; append `WHERE …`. */
export const SUMMARY_SQL = `SELECT d.id, d.title, d.openness, d.descriptor, d.current_version, d.updated_at,
  (SELECT count(*) FROM od_versions v WHERE v.dataset_id = d.id AND v.status != 'staging') AS version_count
  FROM od_datasets d`

/** The columns of a {@link VersionRow}. */
export const VERSION_COLS =
  'version, status, table_name, descriptor, table_schema, row_count, skipped_count, findings_count, source, files, published_at, withdrawn_at, withdrawn_reason'

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

/** A version to read (`version`, else the current one), or a message saying why there is none. */
export async function findVersion(
  store: Queryable,
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

/** Datasets with at least one published or withdrawn version, by id. */
export async function listDatasets(store: Queryable): Promise<DatasetSummary[]> {
  const rows = await store.all<DatasetRow>(
    `${SUMMARY_SQL} WHERE EXISTS (SELECT 1 FROM od_versions v WHERE v.dataset_id = d.id AND v.status != 'staging') ORDER BY d.id`
  )
  return rows.map(summary)
}

/** One dataset with its descriptor and the table schema of its current (else latest) version. */
export async function getDataset(store: Queryable, id: string): Promise<DatasetDetail | undefined> {
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
}

/** Versions of a dataset, oldest first (empty when unknown). */
export async function listVersions(store: Queryable, id: string): Promise<VersionInfo[]> {
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
}
