import type { Dataset, TableSchema } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { loadModule } from './load-module.js'

/** File formats of a published version (open-data's `VERSION_FILES`). */
export type FileFormat = 'csv' | 'csv-bom' | 'json' | 'ndjson' | 'csvw'

/** One version of a dataset as the datastore reports it. */
export interface DatasetVersionInfo {
  version: number
  status: 'published' | 'withdrawn'
  current: boolean
  publishedAt: string
  rowCount: number
  files: { format: FileFormat; bytes: number; mediaType: string }[]
  withdrawnAt?: string
  withdrawnReason?: string
}

/** A dataset as listed. */
export interface DatasetSummary {
  id: string
  title: string
  openness: 'unconditional' | 'conditional' | 'closed'
  currentVersion: number | null
  versionCount: number
  updatedAt: string
}

/** A dataset with its descriptor and table schema. */
export interface DatasetDetail extends DatasetSummary {
  descriptor: Dataset
  schema: TableSchema
}

/** Filters of {@link Datastore.rows}. */
export type RowFilter =
  | string
  | number
  | boolean
  | { gte?: string | number; lte?: string | number; gt?: string | number; lt?: string | number }

/** Outcome of a publish. */
export type PublishOutcome =
  | {
      ok: true
      version: number
      rowCount: number
      skipped: unknown[]
      findings: unknown[]
      skippedCount?: number
    }
  | { ok: false; errors: unknown[]; findings: unknown[]; reason: string; errorCount?: number }

/** The part of `@gongkai/open-data`'s Datastore the gateway uses. */
export interface Datastore {
  publish(input: {
    descriptor: Dataset
    schema: TableSchema
    source:
      | string
      | { rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>> }
    skipBadRows?: boolean
  }): Promise<PublishOutcome>
  listDatasets(): Promise<DatasetSummary[]>
  getDataset(id: string): Promise<DatasetDetail | undefined>
  versions(id: string): Promise<DatasetVersionInfo[]>
  rows(
    id: string,
    options: {
      version?: number
      filters?: Record<string, RowFilter>
      q?: string
      sort?: { column: string; direction?: 'asc' | 'desc' }[]
      limit?: number
      cursor?: string
      offset?: number
    }
  ): Promise<
    | {
        ok: true
        items: Record<string, unknown>[]
        total: number
        next: string | null
        version: number
      }
    | { ok: false; errors: { parameter: string; message: string }[] }
  >
  iterateRows(id: string, options?: { version?: number }): AsyncIterable<Record<string, unknown>>
  filePath(id: string, version: number, format: FileFormat): string
  withdraw(
    id: string,
    version: number,
    reason: string
  ): Promise<{ ok: true; currentVersion: number | null } | { ok: false; message: string }>
  catalogInput(
    baseUrl: string,
    meta: { title: string; description: string; publisher: { id: string; name: string } }
  ): Promise<CatalogInput>
}

/** DCAT input of the open-data RDF writers. */
export interface CatalogInput {
  baseUrl: string
  title: string
  description: string
  publisher: { id: string; name: string }
  language?: string
  modified?: string
  datasets: {
    descriptor: Dataset
    versions: { version: number; publishedAt: string; rowCount: number; files: unknown[] }[]
  }[]
  page?: { number: number; size: number; total: number }
}

/** The RDF functions of `@gongkai/open-data`. */
export interface OpenDataRdf {
  catalogToJsonLd(input: CatalogInput): object
  catalogToTurtle(input: CatalogInput): string | Promise<string>
  /** undefined when the id is absent or closed. */
  datasetToJsonLd(input: CatalogInput, datasetId: string): object | undefined
  datasetToTurtle(
    input: CatalogInput,
    datasetId: string
  ): string | undefined | Promise<string | undefined>
  schemaOrgDataset?(input: CatalogInput, datasetId: string): object | undefined
  /** Turtle of nodes taken from one of the JSON-LD documents above. */
  nodesToTurtle?(nodes: readonly object[]): string
}

interface OpenDataModule extends Partial<OpenDataRdf> {
  openDatastore(store: Store, options: { filesDir: string; baseUrl?: string }): Promise<Datastore>
}

/** Opens the datastore and RDF writers when `@gongkai/open-data` is built; undefined otherwise. */
export async function loadOpenData(
  store: Store,
  filesDir: string,
  baseUrl: string
): Promise<{ datastore: Datastore; rdf?: OpenDataRdf } | undefined> {
  const mod = await loadModule<OpenDataModule>('@gongkai/open-data', ['openDatastore'])
  if (!mod) return undefined
  const datastore = await mod.openDatastore(store, { filesDir, baseUrl })
  // The RDF writers may land later than the datastore: serve rows and files meanwhile.
  const rdfNames = [
    'catalogToJsonLd',
    'catalogToTurtle',
    'datasetToJsonLd',
    'datasetToTurtle',
  ] as const
  const rdf = rdfNames.every((n) => typeof mod[n] === 'function') ? (mod as OpenDataRdf) : undefined
  return { datastore, rdf }
}
