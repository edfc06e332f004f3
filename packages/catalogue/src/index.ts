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
export {
  type LoadDirResult,
  type LoadOptions,
  loadCatalogue,
  loadCatalogueDir,
  loadCatalogueFile,
} from './load-catalogue'
export { isQualitativeText, parseTimeLimit } from './parse-time-limit'
export { slugOf } from './slug'
export {
  createTextSearch,
  type SearchDocument,
  type SearchHit,
  type TextSearch,
} from './text-search'
