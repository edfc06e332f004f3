import type { Queryable, Store } from '@gongkai/store'
import type { RateLimitConfig } from '../config.js'
import { ApiError } from '../http/api-error.js'

/**
 * Counts requests per key in fixed windows. The gate asks it once per request with the key of the
 * verified token, else of the client address; how and when counts reach the store is the
 * implementation's business (batched, shared by every process on the store).
 */
export interface RateLimiter {
  /** Counts one request of `key`; returns seconds to wait when it is over `max`, else 0. */
  hit(key: string, max: number): Promise<number>
  /** Writes the counts not yet in the store (the server calls it when it stops). */
  flush?(): Promise<void>
}

interface Counter {
  key: string
  window: number
  /** Total in the store as of our last flush (all processes). */
  shared: number
  /** Our requests not yet written to the store. */
  pending: number
}

/** Options of {@link StoreRateLimiter}. */
export interface StoreRateLimiterOptions {
  /** Flush interval in ms (default 250); 0: only when `flush()` or `close()` is called. */
  flushMs?: number
  /** Where a failed flush is reported (default: one JSON line on stderr). */
  report?: (line: string) => void
}

// In-memory counters kept at most; past that the oldest window's are dropped first.
const MAX_COUNTERS = 10_000

/** Default flush interval of the rate-limit counts. */
const RATE_LIMIT_FLUSH_MS = 250

/**
 * Fixed-window counters kept in the store, so every gateway process on the same store shares
 * them. A request never writes: it is counted in memory and decided on the store total as of the
 * last flush plus this process's unflushed count, so a GET never waits on the store's write lock
 * (a publish's commit, another process's write). Every `flushMs` the pending counts of all keys
 * are added to the store in one transaction, which answers each key's total over all processes;
 * the server flushes once more when it stops. Counts of other processes arrive with their flushes,
 * so a limit shared by several processes may let through at most what they admit within one
 * interval; within one process the count is exact.
 *
 * Growth is bounded: one row per key and window, and each flush in a new window deletes the rows
 * of windows before the previous one. Keys are token ids and client addresses, so bogus tokens add
 * no keys. A flush that fails (the store locked past its busy timeout, a full disk) keeps the
 * counts for the next one and is reported once until a flush succeeds again.
 */
export class StoreRateLimiter implements RateLimiter {
  private readonly counters = new Map<string, Counter>()
  private prunedWindow = -1
  private readonly timer: ReturnType<typeof setInterval> | undefined
  private flushing: Promise<void> | undefined
  private failing = false

  constructor(
    private readonly db: Queryable & Partial<Pick<Store, 'transaction'>>,
    private readonly config: Pick<RateLimitConfig, 'windowMs'>,
    private readonly now: () => Date,
    private readonly options: StoreRateLimiterOptions = {}
  ) {
    const every = options.flushMs ?? RATE_LIMIT_FLUSH_MS
    if (every > 0) {
      this.timer = setInterval(() => void this.flush(), every)
      // The counts are best effort across a crash; they never keep a process alive.
      this.timer.unref?.()
    }
  }

  async hit(key: string, max: number): Promise<number> {
    const t = this.now().getTime()
    const window = Math.floor(t / this.config.windowMs)
    const id = `${window}|${key}`
    let c = this.counters.get(id)
    if (!c) {
      if (this.counters.size >= MAX_COUNTERS) this.forgetOld(window)
      c = { key, window, shared: 0, pending: 0 }
      this.counters.set(id, c)
    }
    c.pending++
    if (c.shared + c.pending > max) {
      const end = (window + 1) * this.config.windowMs
      return Math.max(1, Math.ceil((end - t) / 1000))
    }
    return 0
  }

  /** Adds every pending count to the store in one transaction and learns the totals. */
  flush(): Promise<void> {
    // One flush at a time: a second caller waits for the running one, then flushes what is left.
    const run = async (): Promise<void> => {
      const due = [...this.counters.values()].filter((c) => c.pending > 0)
      const window = Math.floor(this.now().getTime() / this.config.windowMs)
      if (due.length === 0 && window <= this.prunedWindow) return
      const taken = due.map((c) => c.pending)
      for (const c of due) c.pending = 0
      const write = async (q: Queryable) => {
        const totals: number[] = []
        for (const [i, c] of due.entries()) {
          const row = await q.get<{ count: number }>(
            `INSERT INTO gateway_rate_limit (key, window, count) VALUES (?, ?, ?)
             ON CONFLICT (key, window) DO UPDATE SET count = gateway_rate_limit.count + excluded.count RETURNING count`,
            [c.key, c.window, taken[i] ?? 0]
          )
          totals.push(row?.count ?? 0)
        }
        if (window > this.prunedWindow)
          await q.run('DELETE FROM gateway_rate_limit WHERE window < ?', [window - 1])
        return totals
      }
      try {
        const totals = this.db.transaction ? await this.db.transaction(write) : await write(this.db)
        for (const [i, c] of due.entries()) c.shared = totals[i] ?? c.shared
        this.prunedWindow = Math.max(this.prunedWindow, window)
        this.failing = false
      } catch (err) {
        // Nothing was written: put the counts back for the next flush.
        for (const [i, c] of due.entries()) c.pending += taken[i] ?? 0
        if (!this.failing) {
          this.failing = true
          const report =
            this.options.report ?? ((line: string) => process.stderr.write(`${line}\n`))
          report(
            JSON.stringify({
              time: this.now().toISOString(),
              level: 'error',
              event: 'rate_limit_flush_failed',
              message: (err as Error)?.message ?? String(err),
            })
          )
        }
      }
    }
    const next = (this.flushing ?? Promise.resolve()).then(run)
    this.flushing = next
    return next
  }

  /** Stops the timer and flushes what is pending. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.flush()
  }

  /** Drops counters of past windows; if every counter is current, all of them (bounded memory). */
  private forgetOld(window: number): void {
    for (const [k, v] of this.counters)
      if (v.window < window && v.pending === 0) this.counters.delete(k)
    if (this.counters.size >= MAX_COUNTERS) this.counters.clear()
  }
}

/**
 * The key a request is counted under: the verified token's id, else the client address (requests
 * without a token, and refused ones: a random bogus token is counted with its sender). Reads and
 * writes count separately.
 */
export function rateLimitKey(write: boolean, who: { tokenId: string } | { ip: string }): string {
  return `${write ? 'w' : 'r'}:${'tokenId' in who ? `tok:${who.tokenId}` : `ip:${who.ip}`}`
}

/** Counts the request and throws 429 with Retry-After beyond its limit. */
export async function checkRateLimit(
  limiter: RateLimiter,
  config: RateLimitConfig,
  write: boolean,
  key: string
): Promise<void> {
  const limit = write ? config.writeMax : config.max
  const wait = await limiter.hit(key, limit)
  if (wait > 0) {
    throw new ApiError(
      'rate_limited',
      `too many requests; retry in ${wait} s`,
      { retryAfterSeconds: wait, limit, windowMs: config.windowMs },
      { 'retry-after': String(wait) }
    )
  }
}
