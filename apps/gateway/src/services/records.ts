import { randomBytes } from 'node:crypto'
import type { Queryable } from '@gongkai/store'

/** A structured disclosure (e.g. a quarterly 工作经费 statement) at its latest revision. */
export interface DisclosureRecord {
  id: string
  catalogue: string
  entry: string
  revision: number
  status: 'published' | 'withdrawn'
  data: unknown
  /** Reason of the latest correction or of the withdrawal. */
  reason: string | null
  /** When revision 1 was published. */
  publishedAt: string
  /** When the latest revision was made. */
  updatedAt: string
}

/** One revision of a record (corrections and withdrawals add revisions; nothing is deleted). */
export interface RecordRevision {
  revision: number
  status: 'published' | 'withdrawn'
  data: unknown
  reason: string | null
  at: string
  tokenId: string | null
}

interface Row {
  catalogue_id: string
  entry_id: string
  record_id: string
  revision: number
  data: string
  status: 'published' | 'withdrawn'
  reason: string | null
  created_at: string
  token_id: string | null
  first_at?: string
}

/** Records of catalogue entries, revisioned. */
export interface RecordStore {
  publish(
    tx: Queryable,
    input: { catalogue: string; entry: string; data: unknown; at: string; tokenId: string | null }
  ): Promise<DisclosureRecord>
  /** Adds a revision: new data (correction) or the same data withdrawn. */
  revise(
    tx: Queryable,
    current: DisclosureRecord,
    change: {
      data?: unknown
      status: 'published' | 'withdrawn'
      reason: string
      at: string
      tokenId: string | null
    }
  ): Promise<DisclosureRecord>
  /** Latest revision of every record of an entry, oldest record first; paged by record id. */
  list(
    catalogue: string,
    entry: string,
    options: { limit: number; after?: string }
  ): Promise<{ items: DisclosureRecord[]; total: number }>
  /** Latest revision; pass the transaction when inside one. */
  get(
    catalogue: string,
    entry: string,
    id: string,
    tx?: Queryable
  ): Promise<DisclosureRecord | undefined>
  history(id: string): Promise<RecordRevision[]>
}

const LATEST = `SELECT r.*, (SELECT min(created_at) FROM gateway_records f WHERE f.record_id = r.record_id) AS first_at
  FROM gateway_records r
  WHERE r.revision = (SELECT max(revision) FROM gateway_records m WHERE m.record_id = r.record_id)`

function toRecord(r: Row): DisclosureRecord {
  return {
    id: r.record_id,
    catalogue: r.catalogue_id,
    entry: r.entry_id,
    revision: r.revision,
    status: r.status,
    data: JSON.parse(r.data) as unknown,
    reason: r.reason,
    publishedAt: r.first_at ?? r.created_at,
    updatedAt: r.created_at,
  }
}

/** Opens the record store on a migrated store. */
export function openRecordStore(db: Queryable): RecordStore {
  return {
    async publish(tx, input) {
      // Time-ordered prefix so ids sort by creation; random tail so two processes never collide.
      const id = `rec-${Date.parse(input.at).toString(36)}-${randomBytes(4).toString('hex')}`
      await tx.run(
        `INSERT INTO gateway_records (catalogue_id, entry_id, record_id, revision, data, status, reason, created_at, token_id)
         VALUES (?, ?, ?, 1, ?, 'published', NULL, ?, ?)`,
        [input.catalogue, input.entry, id, JSON.stringify(input.data), input.at, input.tokenId]
      )
      return {
        id,
        catalogue: input.catalogue,
        entry: input.entry,
        revision: 1,
        status: 'published',
        data: input.data,
        reason: null,
        publishedAt: input.at,
        updatedAt: input.at,
      }
    },
    async revise(tx, current, change) {
      const data = change.data === undefined ? current.data : change.data
      const revision = current.revision + 1
      await tx.run(
        `INSERT INTO gateway_records (catalogue_id, entry_id, record_id, revision, data, status, reason, created_at, token_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          current.catalogue,
          current.entry,
          current.id,
          revision,
          JSON.stringify(data),
          change.status,
          change.reason,
          change.at,
          change.tokenId,
        ]
      )
      return {
        ...current,
        revision,
        data,
        status: change.status,
        reason: change.reason,
        updatedAt: change.at,
      }
    },
    async list(catalogue, entry, { limit, after }) {
      const total =
        (
          await db.get<{ n: number }>(
            'SELECT count(DISTINCT record_id) AS n FROM gateway_records WHERE catalogue_id = ? AND entry_id = ?',
            [catalogue, entry]
          )
        )?.n ?? 0
      const rows = await db.all<Row>(
        `${LATEST} AND r.catalogue_id = ? AND r.entry_id = ? AND r.record_id > ? ORDER BY r.record_id LIMIT ?`,
        [catalogue, entry, after ?? '', limit]
      )
      return { items: rows.map(toRecord), total }
    },
    async get(catalogue, entry, id, tx = db) {
      const row = await tx.get<Row>(
        `${LATEST} AND r.catalogue_id = ? AND r.entry_id = ? AND r.record_id = ?`,
        [catalogue, entry, id]
      )
      return row ? toRecord(row) : undefined
    },
    async history(id) {
      const rows = await db.all<Row>(
        'SELECT * FROM gateway_records WHERE record_id = ? ORDER BY revision',
        [id]
      )
      return rows.map((r) => ({
        revision: r.revision,
        status: r.status,
        data: JSON.parse(r.data) as unknown,
        reason: r.reason,
        at: r.created_at,
        tokenId: r.token_id,
      }))
    },
  }
}
