import { hash as digest } from 'node:crypto'
import type { Migration, SqlValue, Store } from '@gongkai/store'
import { MemoryIndex, type SearchQuery, type SearchResult } from './memory-index.js'
import type { SearchDoc, SearchType } from './search-doc.js'

/**
 * The index's table: every document as JSON with a change number (`seq`). A removed document
 * stays as a tombstone (`deleted = 1`) so every process learns of the removal.
 */
export const searchMigrations: readonly Migration[] = [
  {
    id: 'search/001-docs',
    sql: `CREATE TABLE search_docs (
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  hash TEXT NOT NULL,
  doc_json TEXT NOT NULL,
  PRIMARY KEY (type, id)
);
CREATE INDEX search_docs_seq ON search_docs (seq);`,
  },
]

/** What a write changed. */
export interface IndexWriteResult {
  added: number
  updated: number
  removed: number
  unchanged: number
}

/** The search index of a store, shared by every process that opens it. */
export interface SearchIndex {
  /** Ranked matches; changes written by any process since the last call are applied first. */
  search(query: SearchQuery): Promise<SearchResult>
  /**
   * Makes the stored documents of `type` exactly `docs` (those `within` selects, when given: the
   * others of the type are kept): new and changed ones written, missing ones removed.
   */
  replace(
    type: SearchType,
    docs: Iterable<SearchDoc>,
    within?: (doc: { id: string }) => boolean
  ): Promise<IndexWriteResult>
  /** Adds or updates documents, leaving the others. */
  upsert(docs: Iterable<SearchDoc>): Promise<IndexWriteResult>
  /** Removes documents by type and id. */
  remove(type: SearchType, ids: Iterable<string>): Promise<number>
  /** Applies the changes other processes wrote; returns how many. */
  sync(): Promise<number>
  /** Documents in the index (after the last sync). */
  size(): number
}

// One-shot hashing: the same digest as createHash, without a Hash object per document.
const hashOf = (json: string) => digest('sha1', json, 'base64url')

interface Row {
  type: string
  id: string
  seq: number
  deleted: number
  doc_json: string
}

/**
 * Opens the search index kept in `store`: migrates its table, then loads it into memory on first
 * use. Writers (import, publish, `gongkai search reindex`) go through the store, so every process
 * serving the store sees them at its next search. Before each search a process reads the newest
 * change number (one index seek) and reads the changes only when it moved. The documents written
 * through this index are kept in its memory as given: do not change them afterwards.
 * @example
 * const index = await openSearchIndex(store)
 * await index.replace('dataset', datasets.map(datasetDoc))
 * const { items } = await index.search({ q: '低保标准' })
 */
export async function openSearchIndex(store: Store): Promise<SearchIndex> {
  await store.migrate(searchMigrations)
  const memory = new MemoryIndex()
  let last = 0
  // One change to the memory at a time: two concurrent requests must not apply the same changes
  // twice, and a write's own changes go in between syncs.
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn)
    queue = run.catch(() => undefined)
    return run
  }

  async function applyChanges(): Promise<number> {
    // The generation: every write gives its rows a new, higher change number.
    const top = await store.get<{ s: number | null }>('SELECT MAX(seq) AS s FROM search_docs')
    if (Number(top?.s ?? 0) <= last) return 0
    let applied = 0
    for await (const rows of store.iterate<Row>(
      'SELECT type, id, seq, deleted, doc_json FROM search_docs WHERE seq > ? ORDER BY seq',
      [last],
      { batches: true, batchSize: 2000 }
    )) {
      for (const row of rows) {
        if (row.deleted) memory.remove(row.type, row.id)
        else memory.add(JSON.parse(row.doc_json) as SearchDoc)
        last = Math.max(last, Number(row.seq))
        applied++
      }
    }
    return applied
  }

  // A sync runs after the one in flight, then reads again: a write committed meanwhile is seen.
  const sync = (): Promise<number> => exclusive(applyChanges)

  // After a write committed as change `seq`: when every change before it is in memory already,
  // its own documents go in as they are (no reading back and parsing what was just written);
  // otherwise the changes are read from the store as any other process would.
  const applyOwn = (seq: number, added: readonly SearchDoc[], removed: readonly SqlValue[][]) =>
    exclusive(async () => {
      if (last >= seq) return
      if (last !== seq - 1) {
        await applyChanges()
        return
      }
      for (const doc of added) memory.add(doc)
      for (const [, type, id] of removed) memory.remove(String(type), String(id))
      last = seq
    })

  async function write(
    docs: Iterable<SearchDoc>,
    removal?: { type: SearchType; keep: (id: string) => boolean }
  ): Promise<IndexWriteResult> {
    const result: IndexWriteResult = { added: 0, updated: 0, removed: 0, unchanged: 0 }
    const changed: SearchDoc[] = []
    const gone: SqlValue[][] = []
    let seq = 0
    const incoming = new Map<string, { doc: SearchDoc; json: string }>()
    for (const doc of docs) {
      const json = JSON.stringify(doc)
      incoming.set(`${doc.type}\u0000${doc.id}`, { doc, json })
    }
    await store.transaction(async (tx) => {
      const top = await tx.get<{ s: number }>('SELECT COALESCE(MAX(seq), 0) AS s FROM search_docs')
      seq = Number(top?.s ?? 0) + 1
      const types = new Set([...incoming.values()].map((v) => v.doc.type))
      if (removal) types.add(removal.type)
      const stored = new Map<string, { hash: string; deleted: number }>()
      for (const type of types) {
        for (const r of await tx.all<{ id: string; hash: string; deleted: number }>(
          'SELECT id, hash, deleted FROM search_docs WHERE type = ?',
          [type]
        ))
          stored.set(`${type}\u0000${r.id}`, { hash: r.hash, deleted: Number(r.deleted) })
      }
      const upserts: SqlValue[][] = []
      for (const [key, { doc, json }] of incoming) {
        const hash = hashOf(json)
        const old = stored.get(key)
        if (old && !old.deleted && old.hash === hash) {
          result.unchanged++
          continue
        }
        if (old && !old.deleted) result.updated++
        else result.added++
        upserts.push([doc.type, doc.id, seq, hash, json])
        changed.push(doc)
      }
      await tx.runMany(
        `INSERT INTO search_docs (type, id, seq, deleted, hash, doc_json) VALUES (?, ?, ?, 0, ?, ?)
         ON CONFLICT (type, id) DO UPDATE SET seq = excluded.seq, deleted = 0, hash = excluded.hash,
         doc_json = excluded.doc_json`,
        upserts
      )
      if (removal) {
        for (const [key, old] of stored) {
          const [type, id] = key.split('\u0000') as [string, string]
          if (type !== removal.type || old.deleted || incoming.has(key) || removal.keep(id))
            continue
          gone.push([seq, type, id])
        }
        result.removed = await tx.runMany(
          `UPDATE search_docs SET seq = ?, deleted = 1, hash = '', doc_json = '' WHERE type = ? AND id = ?`,
          gone
        )
      }
    })
    if (changed.length > 0 || gone.length > 0) await applyOwn(seq, changed, gone)
    return result
  }

  return {
    async search(query) {
      await sync()
      return memory.search(query)
    },
    replace(type, docs, within) {
      const list = [...docs]
      const wrong = list.find((d) => d.type !== type)
      if (wrong)
        throw new Error(`replace(${type}) was given a ${wrong.type} document (${wrong.id})`)
      return write(list, { type, keep: (id) => (within ? !within({ id }) : false) })
    },
    upsert(docs) {
      return write(docs)
    },
    async remove(type, ids) {
      const gone = [...ids].map((id): SqlValue[] => [0, type, id])
      let removed = 0
      let seq = 0
      await store.transaction(async (tx) => {
        const top = await tx.get<{ s: number }>(
          'SELECT COALESCE(MAX(seq), 0) AS s FROM search_docs'
        )
        seq = Number(top?.s ?? 0) + 1
        for (const row of gone) row[0] = seq
        removed = await tx.runMany(
          `UPDATE search_docs SET seq = ?, deleted = 1, hash = '', doc_json = '' WHERE type = ? AND id = ? AND deleted = 0`,
          gone
        )
      })
      if (removed > 0) await applyOwn(seq, [], gone)
      return removed
    },
    sync,
    size: () => memory.size,
  }
}
