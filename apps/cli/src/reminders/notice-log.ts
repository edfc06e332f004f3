import type { Migration, Store } from '@gongkai/store'

/**
 * `reminders_notices`: one row per item, threshold and channel; its primary key is what keeps two
 * processes (or two replicas of `gongkai serve`) from sending one notice twice. A sender claims a row
 * inside a write transaction (`sending` with a lease), sends, then marks it `sent` or `failed` with
 * the next attempt's time.
 */
const reminderMigrations: readonly Migration[] = [
  {
    id: 'reminders/001-notices',
    sql: `CREATE TABLE reminders_notices (
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  threshold TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  lease_until TEXT,
  next_attempt_at TEXT,
  last_error TEXT,
  sent_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, item_id, threshold, channel)
);`,
  },
]

/** Key of one notice. */
export interface NoticeKey {
  kind: string
  itemId: string
  threshold: string
  channel: 'webhook' | 'email'
}

/** A notice's stored state. */
export interface NoticeState {
  status: 'sending' | 'sent' | 'failed'
  attempts: number
  leaseUntil: string | null
  nextAttemptAt: string | null
  lastError: string | null
}

/** Why a notice was not claimed. */
export type ClaimRefusal = 'already_sent' | 'in_progress' | 'waiting_retry'

/** How long a claim holds before another process may take the notice over (a crashed sender). */
export const LEASE_MS = 5 * 60_000

/** Backoff before attempt n+1 after n failures: 1 min, 2, 4 … capped at 6 h. */
export function backoffMs(failures: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failures - 1), 6 * 3_600_000)
}

const where = 'kind = ? AND item_id = ? AND threshold = ? AND channel = ?'
const keyParams = (k: NoticeKey) => [k.kind, k.itemId, k.threshold, k.channel]

/** The log of notices on a store (migrated on open). */
export async function openNoticeLog(store: Store) {
  await store.migrate(reminderMigrations)
  return {
    /** The stored state of a notice, if any. */
    async state(key: NoticeKey): Promise<NoticeState | undefined> {
      const r = await store.get<{
        status: NoticeState['status']
        attempts: number
        lease_until: string | null
        next_attempt_at: string | null
        last_error: string | null
      }>(
        `SELECT status, attempts, lease_until, next_attempt_at, last_error FROM reminders_notices WHERE ${where}`,
        keyParams(key)
      )
      return r
        ? {
            status: r.status,
            attempts: Number(r.attempts),
            leaseUntil: r.lease_until,
            nextAttemptAt: r.next_attempt_at,
            lastError: r.last_error,
          }
        : undefined
    },

    /**
     * Claims a notice for sending, atomically: a new one, a failed one whose retry time has come, or
     * one whose sender's lease ran out. Returns the attempts so far, or why it was not claimed.
     */
    async claim(
      key: NoticeKey,
      now: Date
    ): Promise<{ attempts: number } | { refused: ClaimRefusal }> {
      const at = now.toISOString()
      const lease = new Date(now.getTime() + LEASE_MS).toISOString()
      return store.transaction(async (tx) => {
        const r = await tx.get<{
          status: string
          attempts: number
          lease_until: string | null
          next_attempt_at: string | null
        }>(
          `SELECT status, attempts, lease_until, next_attempt_at FROM reminders_notices WHERE ${where}`,
          keyParams(key)
        )
        if (!r) {
          await tx.run(
            `INSERT INTO reminders_notices (kind, item_id, threshold, channel, status, attempts, lease_until, updated_at)
             VALUES (?, ?, ?, ?, 'sending', 0, ?, ?)`,
            [...keyParams(key), lease, at]
          )
          return { attempts: 0 }
        }
        if (r.status === 'sent') return { refused: 'already_sent' as const }
        if (r.status === 'sending' && r.lease_until && r.lease_until > at) {
          return { refused: 'in_progress' as const }
        }
        if (r.status === 'failed' && r.next_attempt_at && r.next_attempt_at > at) {
          return { refused: 'waiting_retry' as const }
        }
        await tx.run(
          `UPDATE reminders_notices SET status = 'sending', lease_until = ?, updated_at = ? WHERE ${where}`,
          [lease, at, ...keyParams(key)]
        )
        return { attempts: Number(r.attempts) }
      })
    },

    /** Marks a claimed notice sent. */
    async sent(key: NoticeKey, now: Date): Promise<void> {
      const at = now.toISOString()
      await store.run(
        `UPDATE reminders_notices SET status = 'sent', attempts = attempts + 1, lease_until = NULL,
         next_attempt_at = NULL, last_error = NULL, sent_at = ?, updated_at = ? WHERE ${where}`,
        [at, at, ...keyParams(key)]
      )
    },

    /** Marks a claimed notice failed; returns the attempts made and when the next may start. */
    async failed(
      key: NoticeKey,
      now: Date,
      error: string
    ): Promise<{ attempts: number; nextAttemptAt: string }> {
      return store.transaction(async (tx) => {
        const r = await tx.get<{ attempts: number }>(
          `SELECT attempts FROM reminders_notices WHERE ${where}`,
          keyParams(key)
        )
        const attempts = Number(r?.attempts ?? 0) + 1
        const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts)).toISOString()
        await tx.run(
          `UPDATE reminders_notices SET status = 'failed', attempts = ?, lease_until = NULL,
           next_attempt_at = ?, last_error = ?, updated_at = ? WHERE ${where}`,
          [attempts, nextAttemptAt, error.slice(0, 1000), now.toISOString(), ...keyParams(key)]
        )
        return { attempts, nextAttemptAt }
      })
    },
  }
}

/** The notice log of {@link openNoticeLog}. */
export type NoticeLog = Awaited<ReturnType<typeof openNoticeLog>>
