import {
  type CatalogInput,
  catalogToJsonLd,
  catalogToTurtle,
  type DatasetDetail,
  type DatasetSummary,
  type Datastore,
  datasetToJsonLd,
  datasetToTurtle,
  type FileFormat,
  nodesToTurtle,
  openDatastore,
  type PublishResult,
  type RangeFilter,
  schemaOrgDataset,
  type VersionInfo,
} from '@gongkai/open-data'
import type { Store } from '@gongkai/store'

export type { CatalogInput, DatasetDetail, DatasetSummary, Datastore, FileFormat }

/** One version of a dataset as the datastore reports it. */
export type DatasetVersionInfo = VersionInfo

/** A filter value of `Datastore.rows`: equality or a range. */
export type RowFilter = string | number | boolean | RangeFilter

/** Outcome of a publish. */
export type PublishOutcome = PublishResult

/** The RDF writers the gateway serves DCAT and schema.org with. */
export const openDataRdf = {
  catalogToJsonLd,
  catalogToTurtle,
  datasetToJsonLd,
  datasetToTurtle,
  schemaOrgDataset,
  nodesToTurtle,
}

/** The RDF functions of `@gongkai/open-data`. */
export type OpenDataRdf = typeof openDataRdf

/** Opens the datastore (running its migrations) and returns it with the RDF writers. */
export async function loadOpenData(
  store: Store,
  filesDir: string,
  baseUrl: string
): Promise<{ datastore: Datastore; rdf: OpenDataRdf }> {
  return { datastore: await openDatastore(store, { filesDir, baseUrl }), rdf: openDataRdf }
}
