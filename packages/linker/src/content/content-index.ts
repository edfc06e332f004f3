import type { Binding, ContentItem } from '@gongkai/schema'
import type { Queryable, SqlValue, Store } from '@gongkai/store'
import type { BindingResult } from '../binding/binding-result.js'
import { type BindingRow, toBinding } from './binding-row.js'
import { type EntryContentSummary, entrySummaries } from './entry-summaries.js'
import { normaliseUrl } from './normalise-url.js'
import { linkerMigrations, REBUILD_COUNTS } from './summary-migrations.js'

/** Filters of {@link ContentIndex.query}; every one optional. */
export interface ContentQuery {
  /** Text in the title, 发文字号 or 索引号. */
  q?: string
  /** Website column, exactly. */
  column?: string
  /** Issuer (发布机构), exactly. */
  issuer?: string
  /** publishedAt on or after (YYYY-MM-DD). */
  from?: string
  /** publishedAt on or before (YYYY-MM-DD). */
  to?: string
  kind?: string
  /** Page size (default 50, at most 1000). */
  limit?: number
  /** `next` of the previous page. */
  cursor?: string
}

/** One page of a query, newest first. */
export interface ContentPage {
  items: ContentItem[]
  /** Items matching the filters, over all pages. */
  total: number
  /** Cursor of the next page; absent on the last one. */
  next?: string
}

/** What an upsert changed. */
export interface UpsertResult {
  inserted: number
  updated: number
  /** Items already stored exactly so. */
  unchanged: number
}

/** The stored content items and the latest bindings. */
export interface ContentIndex {
  /** Inserts or merges items by normalised URL, in batches (each its own transaction). */
  upsert(
    items: Iterable<ContentItem> | AsyncIterable<ContentItem>,
    options: { source: string }
  ): Promise<UpsertResult>
  get(url: string): Promise<ContentItem | undefined>
  /** Every item, streamed in URL order. */
  all(): AsyncIterable<ContentItem>
  count(): Promise<number>
  query(query?: ContentQuery): Promise<ContentPage>
  /** Replaces the stored bindings with those of `result`. */
  saveBindings(result: BindingResult): Promise<void>
  /** Stored bindings, by URL then catalogue then entry. */
  bindings(): Promise<Binding[]>
  /** Bindings of one entry with their items, newest item first. */
  bindingsForEntry(
    catalogueId: string,
    entryId: string
  ): Promise<(Binding & { item: ContentItem })[]>
  /**
   * Counts, broken links and the newest item of each entry, over the layers of a catalogue family
   * (`family`: the catalogue first, then the layers whose bindings also answer for it). Reads the
   * maintained counts with one index seek per entry, in one query, so its cost does not grow with
   * the content bound; only an entry bound in two layers at once is counted exactly by URL.
   */
  entrySummaries(
    family: readonly string[],
    entryIds: readonly string[]
  ): Promise<Map<string, EntryContentSummary>>
}

const BATCH = 500

interface Row {
  url: string
  item_json: string
}

/** Merges a re-imported item into the stored one: new values win, missing ones are kept. */
function merge(old: ContentItem, next: ContentItem): ContentItem {
  const merged: ContentItem = { ...old, ...next }
  // A sitemap names no title and uses the URL instead; a real title read before stays.
  if (next.title === next.url && old.title !== old.url) merged.title = old.title
  return merged
}

const encodeCursor = (published: string, url: string) =>
  Buffer.from(JSON.stringify([published, url])).toString('base64url')

function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString())
    return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string'
      ? [v[0], v[1]]
      : undefined
  } catch {
    return undefined
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

async function writeBatch(
  tx: Queryable,
  batch: ContentItem[],
  source: string,
  result: UpsertResult
) {
  const now = new Date().toISOString()
  for (const raw of batch) {
    const url = normaliseUrl(raw.url) ?? raw.url
    const incoming = url === raw.url ? raw : { ...raw, url }
    const old = await tx.get<{ item_json: string }>(
      'SELECT item_json FROM content_items WHERE url = ?',
      [url]
    )
    const item = old ? merge(JSON.parse(old.item_json) as ContentItem, incoming) : incoming
    const json = JSON.stringify(item)
    if (old && old.item_json === json) {
      result.unchanged++
      continue
    }
    const values: SqlValue[] = [
      item.title,
      item.docNo ?? null,
      item.indexNo ?? null,
      item.issuer ?? null,
      item.column ?? null,
      item.kind ?? null,
      item.publishedAt ?? null,
      source,
      json,
      now,
    ]
    if (old) {
      await tx.run(
        `UPDATE content_items SET title = ?, doc_no = ?, index_no = ?, issuer = ?, col = ?, kind = ?,
         published_at = ?, source = ?, item_json = ?, updated_at = ? WHERE url = ?`,
        [...values, url]
      )
      result.updated++
    } else {
      await tx.run(
        `INSERT INTO content_items (title, doc_no, index_no, issuer, col, kind, published_at, source,
         item_json, updated_at, imported_at, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...values, now, url]
      )
      result.inserted++
    }
    // The page's newest-item index reads the date from the binding: keep it in step.
    const published = item.publishedAt ?? ''
    await tx.run('UPDATE bindings SET published = ? WHERE url = ? AND published <> ?', [
      published,
      url,
      published,
    ])
  }
}

/**
 * Opens the content index in `store`, applying the linker's content migrations first.
 * @example
 * const index = await openContentIndex(store)
 * await index.upsert(importContent('sitemap.xml'), { source: 'sitemap.xml' })
 */
export async function openContentIndex(store: Store): Promise<ContentIndex> {
  await store.migrate(linkerMigrations)

  const where = (q: ContentQuery) => {
    const clauses: string[] = []
    const params: SqlValue[] = []
    if (q.q) {
      const like = `%${likeEscape(q.q)}%`
      clauses.push(
        `(title LIKE ? ESCAPE '\\' OR doc_no LIKE ? ESCAPE '\\' OR index_no LIKE ? ESCAPE '\\')`
      )
      params.push(like, like, like)
    }
    if (q.column) {
      clauses.push('col = ?')
      params.push(q.column)
    }
    if (q.issuer) {
      clauses.push('issuer = ?')
      params.push(q.issuer)
    }
    if (q.kind) {
      clauses.push('kind = ?')
      params.push(q.kind)
    }
    if (q.from) {
      clauses.push('published_at >= ?')
      params.push(q.from)
    }
    if (q.to) {
      clauses.push('published_at <= ?')
      params.push(q.to)
    }
    return { clauses, params }
  }

  return {
    async upsert(items, { source }) {
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 }
      let batch: ContentItem[] = []
      // Batches keep each write transaction short, so other processes are not locked out
      // while a slow source (a crawl) is read.
      const flush = async () => {
        if (batch.length === 0) return
        const b = batch
        batch = []
        await store.transaction((tx) => writeBatch(tx, b, source, result))
      }
      for await (const item of items) {
        batch.push(item)
        if (batch.length >= BATCH) await flush()
      }
      await flush()
      return result
    },
    async get(url) {
      const key = normaliseUrl(url) ?? url
      const row = await store.get<Row>('SELECT url, item_json FROM content_items WHERE url = ?', [
        key,
      ])
      return row ? (JSON.parse(row.item_json) as ContentItem) : undefined
    },
    async *all() {
      for await (const row of store.iterate<Row>(
        'SELECT url, item_json FROM content_items ORDER BY url'
      )) {
        yield JSON.parse(row.item_json) as ContentItem
      }
    },
    async count() {
      const row = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM content_items')
      return Number(row?.n ?? 0)
    },
    async query(q = {}) {
      const limit = Math.min(Math.max(1, Math.floor(q.limit ?? 50)), 1000)
      const { clauses, params } = where(q)
      const totalRow = await store.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM content_items${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`,
        params
      )
      const pageClauses = [...clauses]
      const pageParams = [...params]
      const after = q.cursor ? decodeCursor(q.cursor) : undefined
      if (after) {
        pageClauses.push(
          "(COALESCE(published_at, '') < ? OR (COALESCE(published_at, '') = ? AND url < ?))"
        )
        pageParams.push(after[0], after[0], after[1])
      }
      const rows = await store.all<Row & { p: string }>(
        `SELECT url, item_json, COALESCE(published_at, '') AS p FROM content_items
         ${pageClauses.length ? `WHERE ${pageClauses.join(' AND ')}` : ''}
         ORDER BY p DESC, url DESC LIMIT ?`,
        [...pageParams, limit + 1]
      )
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      return {
        items: page.map((r) => JSON.parse(r.item_json) as ContentItem),
        total: Number(totalRow?.n ?? 0),
        next: rows.length > limit && last ? encodeCursor(last.p, last.url) : undefined,
      }
    },
    async saveBindings(result) {
      const now = new Date().toISOString()
      await store.transaction(async (tx) => {
        await tx.run('DELETE FROM bindings')
        await tx.runMany(
          `INSERT OR REPLACE INTO bindings (catalogue, entry, url, method, rule, confidence, bound_at, published)
           VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT published_at FROM content_items WHERE url = ?), ''))`,
          result.bindings.map((b) => [
            b.entry.catalogue,
            b.entry.entry,
            b.content,
            b.method,
            b.rule ?? null,
            b.confidence,
            now,
            b.content,
          ])
        )
        for (const sql of REBUILD_COUNTS) await tx.run(sql)
      })
    },
    async bindings() {
      const rows = await store.all<BindingRow>(
        'SELECT catalogue, entry, url, method, rule, confidence FROM bindings ORDER BY url, catalogue, entry'
      )
      return rows.map(toBinding)
    },
    async bindingsForEntry(catalogueId, entryId) {
      const rows = await store.all<BindingRow & { item_json: string | null }>(
        `SELECT b.catalogue, b.entry, b.url, b.method, b.rule, b.confidence, c.item_json
         FROM bindings b LEFT JOIN content_items c ON c.url = b.url
         WHERE b.catalogue = ? AND b.entry = ?
         ORDER BY COALESCE(c.published_at, '') DESC, b.url`,
        [catalogueId, entryId]
      )
      return rows.map((r) => ({
        ...toBinding(r),
        // A manual binding may name a URL that was never imported: its URL stands in for the title.
        item: r.item_json ? (JSON.parse(r.item_json) as ContentItem) : { url: r.url, title: r.url },
      }))
    },
    entrySummaries: (family, entryIds) => entrySummaries(store, family, entryIds),
  }
}
