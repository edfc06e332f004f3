import type { Catalogue, CatalogueEntry, ChannelCode, ModeCode } from '@gongkai/schema'
import { createTextSearch, type TextSearch } from './text-search.js'

/** An entry with the catalogue it belongs to. */
export interface IndexedEntry {
  /** Id of the catalogue. */
  catalogueId: string
  /** `catalogueId/entryId`, unique across catalogues. */
  key: string
  entry: CatalogueEntry
  /** Position in catalogue order then seq (the deterministic result order). */
  order: number
}

/** Filters of `CatalogueIndex.query`; all given filters must hold. */
export interface EntryQuery {
  /** Field code of the catalogue, e.g. 'compulsory_education'. */
  field?: string
  /** Full-text over item names and content elements (substring, Chinese without a tokenizer). */
  keyword?: string
  /** Channel code, e.g. 'gov_website'. */
  channel?: string
  /** 'proactive' or 'on_request'. */
  mode?: string
  /** Catalogue id. */
  catalogue?: string
  /** Deadline kind: a timeLimit.type ('after_event' …) or a qualitative kind ('realtime' …). */
  kind?: string
  /** Responsible body (exact name). */
  body?: string
  /** At most this many results. */
  limit?: number
}

/** Lookups over a set of catalogues; see `createIndex`. */
export interface CatalogueIndex {
  /** The catalogues, in the order given. */
  readonly catalogues: readonly Catalogue[]
  /** Every entry, in catalogue order then seq. */
  readonly entries: readonly IndexedEntry[]
  /** Catalogue by id. */
  readonly byCatalogue: ReadonlyMap<string, Catalogue>
  /** Catalogues by field code. */
  readonly byField: ReadonlyMap<string, readonly Catalogue[]>
  /** Entry by `catalogueId/entryId`. */
  readonly byEntryId: ReadonlyMap<string, IndexedEntry>
  /** Entries by channel code. */
  readonly byChannel: ReadonlyMap<ChannelCode, readonly IndexedEntry[]>
  /** Entries by responsible body. */
  readonly byBody: ReadonlyMap<string, readonly IndexedEntry[]>
  /** Entries by deadline kind (timeLimit.type and, for qualitative ones, their kind too). */
  readonly byKind: ReadonlyMap<string, readonly IndexedEntry[]>
  /** Entries by mode. */
  readonly byMode: ReadonlyMap<ModeCode, readonly IndexedEntry[]>
  /** The full-text index over all entries. */
  readonly text: TextSearch
  /** Entry by catalogue id and entry id. */
  get(catalogueId: string, entryId: string): IndexedEntry | undefined
  /** Entries matching every filter; keyword hits in item names first, then catalogue order and seq. */
  query(q?: EntryQuery): IndexedEntry[]
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) {
    if (list[list.length - 1] !== value) list.push(value)
  } else map.set(key, [value])
}

/** Text of an entry's name (what the item is called) for ranking. */
const nameText = (e: CatalogueEntry) =>
  [e.category, e.item.level1, e.item.level2, e.item.level3].filter(Boolean).join('\n')

/** Text of an entry's body. */
const contentText = (e: CatalogueEntry) =>
  [...e.contentElements, ...e.legalBasis.map((b) => b.title)].join('\n')

/**
 * Indexes catalogues by field, catalogue id, entry id, channel, responsible body, deadline kind and
 * mode, plus a full-text index. Assumes valid catalogues (see `loadCatalogue`).
 */
export function createIndex(catalogues: readonly Catalogue[]): CatalogueIndex {
  const entries: IndexedEntry[] = []
  const byCatalogue = new Map<string, Catalogue>()
  const byField = new Map<string, Catalogue[]>()
  const byEntryId = new Map<string, IndexedEntry>()
  const byChannel = new Map<ChannelCode, IndexedEntry[]>()
  const byBody = new Map<string, IndexedEntry[]>()
  const byKind = new Map<string, IndexedEntry[]>()
  const byMode = new Map<ModeCode, IndexedEntry[]>()

  for (const catalogue of catalogues) {
    byCatalogue.set(catalogue.id, catalogue)
    if (catalogue.field) push(byField, catalogue.field, catalogue)
    const sorted = [...catalogue.entries].sort((a, b) => a.seq - b.seq)
    for (const entry of sorted) {
      const key = `${catalogue.id}/${entry.id}`
      const indexed: IndexedEntry = { catalogueId: catalogue.id, key, entry, order: entries.length }
      entries.push(indexed)
      byEntryId.set(key, indexed)
      for (const c of entry.channels) push(byChannel, c.code, indexed)
      for (const b of entry.responsibleBodies) push(byBody, b, indexed)
      for (const m of entry.modes) push(byMode, m, indexed)
      push(byKind, entry.timeLimit.type, indexed)
      if (entry.timeLimit.type === 'qualitative') push(byKind, entry.timeLimit.kind, indexed)
    }
  }
  const text = createTextSearch(
    entries.map((e) => ({ name: nameText(e.entry), content: contentText(e.entry) }))
  )

  function query(q: EntryQuery = {}): IndexedEntry[] {
    // Start from the narrowest ready-made list, then filter the rest.
    let pool: readonly IndexedEntry[] = entries
    if (q.keyword?.trim()) pool = text.search(q.keyword).map((h) => entries[h.doc] as IndexedEntry)
    else if (q.channel !== undefined) pool = byChannel.get(q.channel as ChannelCode) ?? []
    const fieldCatalogues =
      q.field === undefined ? undefined : new Set((byField.get(q.field) ?? []).map((c) => c.id))
    const out: IndexedEntry[] = []
    for (const e of pool) {
      if (q.catalogue !== undefined && e.catalogueId !== q.catalogue) continue
      if (fieldCatalogues && !fieldCatalogues.has(e.catalogueId)) continue
      if (q.channel !== undefined && !e.entry.channels.some((c) => c.code === q.channel)) continue
      if (q.mode !== undefined && !(e.entry.modes as string[]).includes(q.mode)) continue
      if (q.body !== undefined && !e.entry.responsibleBodies.includes(q.body)) continue
      if (q.kind !== undefined) {
        const t = e.entry.timeLimit
        if (t.type !== q.kind && !(t.type === 'qualitative' && t.kind === q.kind)) continue
      }
      out.push(e)
      if (q.limit !== undefined && out.length >= q.limit) break
    }
    return out
  }

  return {
    catalogues,
    entries,
    byCatalogue,
    byField,
    byEntryId,
    byChannel,
    byBody,
    byKind,
    byMode,
    text,
    get: (catalogueId, entryId) => byEntryId.get(`${catalogueId}/${entryId}`),
    query,
  }
}
