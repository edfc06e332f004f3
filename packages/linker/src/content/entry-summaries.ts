import type { Binding, ContentItem } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { type BindingRow, toBinding } from './binding-row.js'
import { BROKEN_STATUSES } from './summary-migrations.js'

/** What a catalogue page shows of one entry's bound content (see {@link entrySummaries}). */
export interface EntryContentSummary {
  /** Bound items (distinct URLs across the family's layers). */
  items: number
  /** Of them, 断链 or 错链 at their latest check. */
  broken: number
  /** The newest bound item (by publication date, then URL); absent when none is bound. */
  latest?: Binding & { item: ContentItem }
}

// Entry ids are passed as parameters while a page shows at most this many; beyond, the rows of
// the whole family are read and filtered here (no statement nears SQLite's parameter limit).
const MAX_ENTRY_PARAMS = 500

/**
 * Every (layer, entry) of a family with content: its maintained counts and its newest binding with
 * the item, one query. The newest binding is one seek on `bindings_latest` per row (the subquery
 * orders by the index's own order and stops at the first row), so the query reads as many rows as
 * the page has entries, however much content is bound. `{layers}` and `{entries}` stand for the
 * placeholders of the family's ids and of the entry ids (`1 = 1` when not filtered by entry).
 */
export const LATEST_PER_ENTRY_SQL = `SELECT n.catalogue, n.entry, n.items, n.broken,
  b.url, b.method, b.rule, b.confidence, b.published, c.item_json
FROM linker_entry_counts n
LEFT JOIN bindings b ON b.catalogue = n.catalogue AND b.entry = n.entry AND b.url = (
  SELECT x.url FROM bindings x WHERE x.catalogue = n.catalogue AND x.entry = n.entry
  ORDER BY x.published DESC, x.url LIMIT 1)
LEFT JOIN content_items c ON c.url = b.url
WHERE n.catalogue IN ({layers}) AND {entries} AND n.items > 0`

type SummaryRow = Omit<BindingRow, 'url'> & {
  url: string | null
  items: number
  broken: number
  published: string | null
  item_json: string | null
}

const newer = (a: SummaryRow, b: SummaryRow | undefined) =>
  !b ||
  (a.published ?? '') > (b.published ?? '') ||
  ((a.published ?? '') === (b.published ?? '') && (a.url ?? '') < (b.url ?? ''))

/**
 * Counts, broken links and the newest item of each of `entryIds` over the layers of a catalogue
 * family (`family`: the catalogue first, then the layers whose bindings also answer for it), from
 * the maintained counts and the newest-item index in one query. An entry with content in two
 * layers at once is then counted exactly by URL (the same URL may be bound in both).
 */
export async function entrySummaries(
  store: Store,
  family: readonly string[],
  entryIds: readonly string[]
): Promise<Map<string, EntryContentSummary>> {
  const out = new Map<string, EntryContentSummary>()
  if (family.length === 0 || entryIds.length === 0) return out
  const wanted = new Set(entryIds)
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ')
  const byEntry = entryIds.length <= MAX_ENTRY_PARAMS
  const rows = await store.all<SummaryRow>(
    LATEST_PER_ENTRY_SQL.replace('{layers}', marks(family.length)).replace(
      '{entries}',
      byEntry ? `n.entry IN (${marks(entryIds.length)})` : '1 = 1'
    ),
    [...family, ...(byEntry ? entryIds : [])]
  )
  const layersOf = new Map<string, SummaryRow[]>()
  for (const r of rows) {
    if (!wanted.has(r.entry)) continue
    const list = layersOf.get(r.entry) ?? []
    list.push(r)
    layersOf.set(r.entry, list)
  }
  for (const [entry, layers] of layersOf) {
    let items = Number(layers[0]?.items ?? 0)
    let broken = Number(layers[0]?.broken ?? 0)
    if (layers.length > 1) {
      // The same URL may be bound in two layers: count it once, as the entry page lists it.
      const exact = await store.get<{ items: number; broken: number | null }>(
        `SELECT COUNT(*) AS items, SUM(bad) AS broken FROM (
           SELECT b.url, MAX(CASE WHEN l.status IN ${BROKEN_STATUSES} THEN 1 ELSE 0 END) AS bad
           FROM bindings b LEFT JOIN linker_link_latest l ON l.url = b.url
           WHERE b.entry = ? AND b.catalogue IN (${marks(layers.length)})
           GROUP BY b.url) t`,
        [entry, ...layers.map((l) => l.catalogue)]
      )
      items = Number(exact?.items ?? 0)
      broken = Number(exact?.broken ?? 0)
    }
    let latest: SummaryRow | undefined
    for (const layer of layers) if (layer.url !== null && newer(layer, latest)) latest = layer
    const summary: EntryContentSummary = { items, broken }
    if (latest?.url)
      summary.latest = {
        ...toBinding({ ...latest, url: latest.url }),
        item: latest.item_json
          ? (JSON.parse(latest.item_json) as ContentItem)
          : { url: latest.url, title: latest.url },
      }
    out.set(entry, summary)
  }
  return out
}
