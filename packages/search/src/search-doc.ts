/** What the index holds. */
export type SearchType = 'entry' | 'document' | 'dataset' | 'answer'

/** Every type, in the order facets list them. */
export const SEARCH_TYPES: readonly SearchType[] = ['entry', 'document', 'dataset', 'answer']

/**
 * How much a text counts: `title` (name of the thing), `ids` (文号, 索引号, codes, field names),
 * `meta` (issuer, topic, catalogue, keywords) and `body` (content elements, description, summary).
 */
export type TextClass = 'title' | 'ids' | 'meta' | 'body'

/** Text classes in index order (their term frequencies are packed in this order). */
export const TEXT_CLASSES: readonly TextClass[] = ['title', 'ids', 'meta', 'body']

/** One named text of a document; `name` is what highlights call the field (e.g. `docNo`). */
export interface SearchText {
  name: string
  class: TextClass
  text: string
}

/** One thing people can find: an entry, a document, a dataset or a published answer. */
export interface SearchDoc {
  type: SearchType
  /** Unique within its type (an entry: `<catalogue id>/<entry id>`; a document: its URL). */
  id: string
  title: string
  /** Where it is read: a portal path (`/catalogues/…`) or the document's own URL. */
  url: string
  texts: SearchText[]
  /** Field codes (`social_assistance`) it belongs to. */
  fields: string[]
  /** Organs (names, e.g. 示例区民政局) that issued or answer it. */
  organs: string[]
  /** Year it was published or issued, when known. */
  year?: number
  /** Date (YYYY-MM-DD) that breaks ties in favour of newer items. */
  date?: string
}
