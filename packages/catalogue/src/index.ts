export {
  type CatalogueError,
  type CatalogueResult,
  formatCatalogueError,
} from './catalogue-error.js'
export {
  type CatalogueIndex,
  createIndex,
  type EntryQuery,
  type IndexedEntry,
} from './catalogue-index.js'
export { type CatalogueDiff, diff, diffValues, type FieldChange } from './diff.js'
export { type ExportOptions, exportTable, type TableFormat } from './export-table.js'
export { type HtmlTable, parseHtmlTable } from './html-table.js'
export {
  fieldFromTitle,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  importTable,
} from './import-table.js'
export { findPlaceholders, type InstantiateOptions, instantiate } from './instantiate.js'
export { applyLayerDiff, diffLayers, type LayerDiff } from './layer-diff.js'
export {
  type LoadDirResult,
  type LoadOptions,
  loadCatalogue,
  loadCatalogueDir,
  loadCatalogueFile,
} from './load-catalogue.js'
export { compareOfficialTotals, type TotalsComparison } from './official-totals.js'
export { isQualitativeText, parseTimeLimit } from './parse-time-limit.js'
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
} from './provenance.js'
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
} from './resolve-catalogue.js'
export { slugOf } from './slug.js'
export {
  type CopyCount,
  countCopies,
  type GovernmentSite,
  governmentDomain,
  registrableDomain,
  sourceProblems,
} from './source-rules.js'
export { synonymGroups, synonymsOf } from './synonyms.js'
export {
  createTextSearch,
  type SearchDocument,
  type SearchHit,
  type TextSearch,
} from './text-search.js'
