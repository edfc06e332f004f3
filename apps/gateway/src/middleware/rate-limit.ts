import type { Queryable } from '@gongkai/store'
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
}

interface Counter {
  window: number
  /** Total in the store as of our last flush (all processes). */
  shared: number
  /** Our requests not yet written to the store. */
  pending: number
  flushedAt: number
}

// In-memory counters kept at most; past that the oldest window's are dropped first.
const MAX_COUNTERS = 10_000

/**
 * Fixed-window counters kept in the store, so every gateway process on the same store shares
 * them. Writing on every request would cost an SQLite write per GET; instead a process adds its
 * requests to the store in batches (at most 2 % of the limit, or every 250 ms, and always when the
 * local estimate nears the limit), and decides on the store total plus its own unflushed count.
 * With a small limit the batch is 1, so the count is exact.
 *
 * Growth is bounded: one row per key and window, and the first request of each new window (per
 * process) deletes the rows of windows before the previous one. Keys are token ids and client
 * addresses, so bogus tokens add no keys.
 */
export class StoreRateLimiter implements RateLimiter {
  private readonly counters = new Map<string, Counter>()
  private prunedWindow = -1

  constructor(
    private readonly db: Queryable,
    private readonly config: Pick<RateLimitConfig, 'windowMs'>,
    private readonly now: () => Date
  ) {}

  async hit(key: string, max: number): Promise<number> {
    const t = this.now().getTime()
    const window = Math.floor(t / this.config.windowMs)
    if (window > this.prunedWindow) await this.prune(window)
    let c = this.counters.get(key)
    if (!c || c.window !== window) {
      if (this.counters.size >= MAX_COUNTERS) this.forgetOld(window)
      c = { window, shared: 0, pending: 0, flushedAt: 0 }
      this.counters.set(key, c)
    }
    c.pending++
    const batch = Math.max(1, Math.floor(max * 0.02))
    if (c.pending >= batch || t - c.flushedAt > 250 || c.shared + c.pending >= max - batch) {
      const n = c.pending
      c.pending = 0
      c.flushedAt = t
      const row = await this.db.get<{ count: number }>(
        `INSERT INTO gateway_rate_limit (key, window, count) VALUES (?, ?, ?)
         ON CONFLICT (key, window) DO UPDATE SET count = gateway_rate_limit.count + excluded.count RETURNING count`,
        [key, window, n]
      )
      c.shared = row?.count ?? n
    }
    if (c.shared + c.pending > max) {
      const end = (window + 1) * this.config.windowMs
      return Math.max(1, Math.ceil((end - t) / 1000))
    }
    return 0
  }

  /** Drops stored windows before the previous one (the previous may still be flushed by a slow peer). */
  private async prune(window: number): Promise<void> {
    this.prunedWindow = window
    await this.db.run('DELETE FROM gateway_rate_limit WHERE window < ?', [window - 1])
  }

  /** Drops counters of past windows; if every counter is current, all of them (bounded memory). */
  private forgetOld(window: number): void {
    for (const [k, v] of this.counters) if (v.window < window) this.counters.delete(k)
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
