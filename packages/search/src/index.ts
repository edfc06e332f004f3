export {
  answerDoc,
  datasetDoc,
  documentDoc,
  entryDocs,
  entryName,
  type PublishedAnswer,
} from './documents.js'
export { fragments, matchSpans } from './highlight.js'
export {
  type FacetCounts,
  type Highlight,
  MemoryIndex,
  type SearchItem,
  type SearchQuery,
  type SearchResult,
} from './memory-index.js'
export { normalise, normaliseWithOffsets } from './normalise.js'
export { type Concept, type ParsedQuery, parseQuery } from './parse-query.js'
export {
  SEARCH_TYPES,
  type SearchDoc,
  type SearchText,
  type SearchType,
  TEXT_CLASSES,
  type TextClass,
} from './search-doc.js'
export {
  type IndexWriteResult,
  openSearchIndex,
  type SearchIndex,
  searchMigrations,
} from './search-store.js'
