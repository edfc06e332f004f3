import { createHash } from 'node:crypto'
import type { Queryable } from '@gongkai/store'
import type { Context } from 'hono'
import type { RateLimitConfig } from '../config.js'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { requestHeader } from '../http/request-header.js'

interface Counter {
  window: number
  /** Total in the store as of our last flush (all processes). */
  shared: number
  /** Our requests not yet written to the store. */
  pending: number
  flushedAt: number
}

/**
 * Fixed-window counters kept in the store, so every gateway process on the same store shares
 * them. Writing on every request would cost an SQLite write per GET; instead a process adds its
 * requests to the store in batches (at most 2 % of the limit, or every 250 ms, and always when the
 * local estimate nears the limit), and decides on the store total plus its own unflushed count.
 * With a small limit the batch is 1, so the count is exact.
 */
export class RateLimiter {
  private readonly counters = new Map<string, Counter>()

  constructor(
    private readonly db: Queryable,
    private readonly config: RateLimitConfig,
    private readonly now: () => Date
  ) {}

  /** Counts one request of `key`; returns seconds to wait when over `max`, else 0. */
  async hit(key: string, max: number): Promise<number> {
    const t = this.now().getTime()
    const window = Math.floor(t / this.config.windowMs)
    let c = this.counters.get(key)
    if (!c || c.window !== window) {
      if (this.counters.size > 10_000) this.counters.clear()
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
         ON CONFLICT (key, window) DO UPDATE SET count = count + excluded.count RETURNING count`,
        [key, window, n]
      )
      c.shared = row?.count ?? n
      if (window % 16 === 0 && c.shared === n) {
        // First hit of a fresh window now and then: drop old windows so the table stays small.
        await this.db.run('DELETE FROM gateway_rate_limit WHERE window < ?', [window - 1])
      }
    }
    if (c.shared + c.pending > max) {
      const end = (window + 1) * this.config.windowMs
      return Math.max(1, Math.ceil((end - t) / 1000))
    }
    return 0
  }
}

/** Key of a request: the bearer token (hashed, so secrets never reach the table) or the client IP. */
export function rateLimitKey(authorization: string | undefined, ip: string): string {
  if (authorization)
    return `tok:${createHash('sha256').update(authorization).digest('hex').slice(0, 24)}`
  return `ip:${ip}`
}

/**
 * Counts the request against its limit and throws 429 with Retry-After beyond it; reads and writes
 * count against separate limits, per token (or IP without one).
 */
export async function checkRateLimit(
  limiter: RateLimiter,
  config: RateLimitConfig,
  c: Context<Env>,
  ip: string
): Promise<void> {
  const method = c.req.method
  const read = method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
  const key = `${read ? 'r' : 'w'}:${rateLimitKey(requestHeader(c, 'authorization'), ip)}`
  const limit = read ? config.max : config.writeMax
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
