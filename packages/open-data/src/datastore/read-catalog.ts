import type { Dataset } from '@gongkai/schema'
import type { Queryable } from '@gongkai/store'
import type { StoredFile } from '../publish.js'
import type { CatalogInput, DatasetEntry, VersionFile } from '../rdf/catalog-input.js'
import { type DatasetRow, SUMMARY_SQL, VERSION_COLS, type VersionRow } from './dataset-records.js'
import type { CatalogMeta } from './datastore.js'

// DCAT lists datasets that are not closed and have a current version.
const PUBLIC_WHERE = "d.openness != 'closed' AND d.current_version IS NOT NULL"

/** The files of a version DCAT names as distributions (the BOM copy and CSVW are not). */
const distributions = (files: string): VersionFile[] =>
  (JSON.parse(files) as StoredFile[]).flatMap((f) =>
    f.format === 'csv' || f.format === 'json' || f.format === 'ndjson'
      ? [{ format: f.format, bytes: f.bytes, mediaType: f.mediaType }]
      : []
  )

/** Published versions of the given datasets, by dataset id, oldest first. */
async function publishedVersions(
  store: Queryable,
  ids: string[]
): Promise<Map<string, VersionRow[]>> {
  const versions = await store.all<VersionRow & { dataset_id: string }>(
    `SELECT dataset_id, ${VERSION_COLS} FROM od_versions WHERE status = 'published'
     AND dataset_id IN (SELECT value FROM json_each(?)) ORDER BY dataset_id, version`,
    [JSON.stringify(ids)]
  )
  const byDataset = new Map<string, VersionRow[]>()
  for (const v of versions) {
    const list = byDataset.get(v.dataset_id) ?? []
    list.push(v)
    byDataset.set(v.dataset_id, list)
  }
  return byDataset
}

/**
 * The DCAT exporters' input (`Datastore.catalogInput`): datasets that are not `closed`, with their
 * published versions; with `page`, one page of them (by id) and the total for Hydra paging.
 */
export async function readCatalogInput(
  store: Queryable,
  baseUrl: string,
  meta: CatalogMeta,
  page?: { number: number; size: number }
): Promise<CatalogInput> {
  const size = page ? Math.max(1, Math.min(10_000, Math.floor(page.size))) : 0
  const number = page ? Math.max(1, Math.floor(page.number)) : 0
  const rows = await store.all<DatasetRow>(
    `${SUMMARY_SQL} WHERE ${PUBLIC_WHERE} ORDER BY d.id${page ? ' LIMIT ? OFFSET ?' : ''}`,
    page ? [size, (number - 1) * size] : []
  )
  const byDataset = await publishedVersions(
    store,
    rows.map((r) => r.id)
  )
  const total = page
    ? ((
        await store.get<{ n: number }>(
          `SELECT count(*) AS n FROM od_datasets d WHERE ${PUBLIC_WHERE}`
        )
      )?.n ?? 0)
    : rows.length
  const datasets: DatasetEntry[] = rows.map((r) => ({
    descriptor: JSON.parse(r.descriptor) as Dataset,
    versions: (byDataset.get(r.id) ?? []).map((v) => ({
      version: v.version,
      publishedAt: v.published_at,
      rowCount: v.row_count,
      files: distributions(v.files),
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
}
