import type { Queryable } from '@gongkai/store'

/** Kinds of feed events. */
type EventKind =
  | 'dataset.published'
  | 'dataset.withdrawn'
  | 'record.published'
  | 'record.corrected'
  | 'record.withdrawn'
  | 'catalogue.created'

/** One change shown in the Atom feed. */
export interface FeedEvent {
  seq: number
  at: string
  kind: EventKind
  /** Stable id of what changed, e.g. `datasets/budget/versions/2`. */
  target: string
  title: string
  /** Absolute or base-relative link to it. */
  link: string
  summary: string | null
}

/** The change log behind `/feeds/updates.atom`. */
export interface EventLog {
  /** Adds an event; pass the transaction when inside one (the store's own methods would wait for it). */
  add(e: Omit<FeedEvent, 'seq'>, tx?: Queryable): Promise<void>
  /** Newest first; `before` is a seq to continue below (the last one of the previous call). */
  latest(limit: number, before?: number): Promise<FeedEvent[]>
}

/** Opens the event log on a migrated store. */
export function openEventLog(db: Queryable): EventLog {
  return {
    async add(e, tx = db) {
      await tx.run(
        'INSERT INTO gateway_events (at, kind, target, title, link, summary) VALUES (?, ?, ?, ?, ?, ?)',
        [e.at, e.kind, e.target, e.title, e.link, e.summary]
      )
    },
    async latest(limit, before) {
      if (before === undefined)
        return db.all<FeedEvent>(
          'SELECT seq, at, kind, target, title, link, summary FROM gateway_events ORDER BY seq DESC LIMIT ?',
          [limit]
        )
      return db.all<FeedEvent>(
        'SELECT seq, at, kind, target, title, link, summary FROM gateway_events WHERE seq < ? ORDER BY seq DESC LIMIT ?',
        [before, limit]
      )
    },
  }
}
