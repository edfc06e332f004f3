// Ingest: sources, detection, validation, inference.

// Datastore and publishing.
export {
  type CatalogMeta,
  type DatasetDetail,
  type DatasetSummary,
  type Datastore,
  type DatastoreOptions,
  type FileFormat,
  openDatastore,
  type VersionInfo,
  type WithdrawResult,
} from './datastore/datastore.js'
export { type ExportSiteResult, exportSite } from './datastore/export-site.js'

export { DEFAULT_MAX_QUERY_COST, type QueryCost } from './datastore/query-cost.js'
export type { QueryLimits } from './datastore/query-rows.js'
export { QueryTooExpensive } from './datastore/query-too-expensive.js'
export {
  type FilterScalar,
  type FilterValue,
  MAX_LIMIT,
  type QueryError,
  type RangeFilter,
  type RowsQuery,
  type RowsResult,
  type SortKey,
  type TotalOf,
} from './datastore/rows-query.js'
// Export: CSV / JSON / NDJSON writers and CSVW (export engineer).
export { type CsvWriteOptions, writeCsv } from './export/csv-writer.js'
export type { CsvwInput } from './export/csvw.js'
export {
  DATA_PACKAGE_PROFILE,
  type DataPackageInput,
  dataPackage,
  frictionlessField,
  frictionlessSchema,
  packageName,
  TABLE_SCHEMA_PROFILE,
} from './export/datapackage.js'

export type { WriteResult, WriteTarget } from './export/sink.js'
export type { CompiledTable } from './ingest/compile-table.js'
export type { FileEncoding, SourceEncoding, TextChunkDecoder } from './ingest/encoding.js'
export type { CellValue } from './ingest/field-caster.js'
export {
  type InferOptions,
  type InferResult,
  type InferredColumn,
  inferSchema,
} from './ingest/infer-schema.js'
export type { OpenSourceOptions, SourceInput } from './ingest/open-source.js'
export { formatRowError, type RowError } from './ingest/row-error.js'

export type { SkippedRow } from './ingest/skipped-row.js'

export type {
  Listed,
  MergedRow,
  OpenSourceResult,
  RawRecord,
  ReadAccount,
  RowAccount,
  RowBatch,
  SourceFormat,
  TableSource,
} from './ingest/table-source.js'
export { type RowsReport, type ValidateRowsOptions, validateRows } from './ingest/validate-rows.js'
export type { PublishExpectation } from './publish/stage-version.js'
export type { PublishInput, PublishResult, SourceInfo, StoredFile } from './publish.js'
// RDF: DCAT-AP 3 JSON-LD / Turtle, schema.org, IRIs (export engineer).
export type {
  CatalogInput,
  CatalogPageFormat,
  DatasetEntry,
  DatasetVersionEntry,
  VersionFile,
} from './rdf/catalog-input.js'
export {
  buildCatalogGraph,
  type IriRef,
  type Literal,
  type RdfNode,
  type RdfValue,
} from './rdf/graph.js'
export type { DistributionFormat } from './rdf/iris.js'
export { catalogToJsonLd, datasetToJsonLd, type JsonLdDocument } from './rdf/jsonld.js'
export { schemaOrgDataset } from './rdf/schema-org.js'
export { catalogToTurtle, datasetToTurtle, nodesToTurtle } from './rdf/turtle.js'
export { ACCESS_RIGHTS_IRIS } from './rdf/vocab.js'
