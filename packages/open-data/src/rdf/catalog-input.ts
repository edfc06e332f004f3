import type { Dataset } from '@gongkai/schema'

/** One file of a published dataset version. */
export interface VersionFile {
  format: 'csv' | 'json' | 'ndjson'
  bytes: number
  /**
   * Media type, parameters allowed (`text/csv; charset=utf-8`); an unregistered `x-` type (e.g.
   * `application/x-ndjson`) gets `dct:format` but no `dcat:mediaType`.
   */
  mediaType: string
}

/** One published, immutable version of a dataset. */
export interface DatasetVersionEntry {
  version: number
  /** ISO date-time of publication, e.g. `2024-03-01T08:00:00Z`. */
  publishedAt: string
  rowCount: number
  files: VersionFile[]
}

/** A dataset with its published versions, as the RDF exporters take it. */
export interface DatasetEntry {
  descriptor: Dataset
  versions: DatasetVersionEntry[]
}

/** File extensions the catalogue is served under (`/catalog.<format>`). */
export type CatalogPageFormat = 'jsonld' | 'ttl'

/** Everything the DCAT-AP exporters need for a catalogue (or one page of it). */
export interface CatalogInput {
  baseUrl: string
  title: string
  description: string
  publisher: { id: string; name: string }
  /** BCP 47 tag of the catalogue's own texts (default `zh-CN`). */
  language?: string
  /** ISO date or date-time of the last change. */
  modified?: string
  datasets: DatasetEntry[]
  /**
   * When the datasets are one page of a larger catalogue: page number (from 1), size, total count
   * and the format of the file the page is read from, which its Hydra links keep
   * (`/catalog.ttl?page=2`); without one they name the negotiated `/catalog?page=2`.
   */
  page?: { number: number; size: number; total: number; format?: CatalogPageFormat }
}
