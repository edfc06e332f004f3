export {
  type CatalogueError,
  type CatalogueResult,
  formatCatalogueError,
} from './catalogue-error'
export {
  type CatalogueIndex,
  createIndex,
  type EntryQuery,
  type IndexedEntry,
} from './catalogue-index'
export { type CatalogueDiff, diff, diffValues, type FieldChange } from './diff'
export { type ExportOptions, exportTable, type TableFormat } from './export-table'
export { type HtmlTable, parseHtmlTable } from './html-table'
export {
  fieldFromTitle,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  importTable,
} from './import-table'
export { findPlaceholders, type InstantiateOptions, instantiate } from './instantiate'
export { applyLayerDiff, diffLayers, type LayerDiff } from './layer-diff'
export {
  type LoadDirResult,
  type LoadOptions,
  loadCatalogue,
  loadCatalogueDir,
  loadCatalogueFile,
} from './load-catalogue'
export { compareOfficialTotals, type TotalsComparison } from './official-totals'
export { isQualitativeText, parseTimeLimit } from './parse-time-limit'
export {
  type CatalogueProvenance,
  type EntryProvenance,
  type Provenance,
  type ProvenanceOptions,
  provenance,
  provenanceOf,
  type SourceStatus,
  type StatusTotals,
  statusTotals,
} from './provenance'
export {
  type CatalogueSource,
  catalogueLookup,
  type EntryTrace,
  isLayer,
  type LayerResolution,
  layerChain,
  type OverrideTrace,
  type ResolveAllResult,
  type ResolveOptions,
  resolveCatalogue,
  resolveCatalogues,
  resolveLayers,
} from './resolve-catalogue'
export { slugOf } from './slug'
export {
  type CopyCount,
  countCopies,
  type GovernmentSite,
  governmentDomain,
  registrableDomain,
  sourceProblems,
} from './source-rules'
export {
  createTextSearch,
  type SearchDocument,
  type SearchHit,
  type TextSearch,
} from './text-search'
