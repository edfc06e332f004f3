import type { LinkCheckResult } from './link-check-result.js'

/** Options of `checkLinks`; every field has a default. */
export interface CheckOptions {
  /** Checks in flight at once (default 16). */
  concurrency?: number
  /** Checks in flight per host (`host:port`) at once (default 4). */
  perHost?: number
  /** Per-request timeout in ms, headers and body together (default 10 000). */
  timeoutMs?: number
  /** Extra attempts after a 429, 5xx, 408, timeout or network error (default 2). */
  retries?: number
  /** Base of the exponential backoff in ms; attempt n waits base·2ⁿ plus up to base of jitter (default 500). */
  retryDelayMs?: number
  /** Longest Retry-After honoured, in ms; beyond it the link is `unreachable` for now (default 30 000). */
  maxRetryAfterMs?: number
  /** Redirect hops followed before giving up as dead (default 10). */
  maxRedirects?: number
  /** Bytes of a page read to classify it (default 262 144). */
  maxBodyBytes?: number
  /**
   * `auto` (default): GET when the page must be read (soft-404 detection or an expected title),
   * else HEAD with GET as fallback. `head-first`: always HEAD first. `get`: always GET.
   * Why auto: Node's fetch (undici) closes the connection after every HEAD, so HEAD-then-GET costs
   * two requests and a new connection per page, where one bounded GET does.
   */
  method?: 'auto' | 'head-first' | 'get'
  /** Read 200 HTML pages to find soft 404s (default true). */
  softNotFound?: boolean
  /** Character-bigram Dice below which a page title does not match the expected title (default 0.3). */
  titleThreshold?: number
  /** Sent as User-Agent (default `gongkai-linker/0.1 (+https://gongkai.dev)`). */
  userAgent?: string
  /** Extra request headers. */
  headers?: Record<string, string>
  /** Stops taking new URLs when aborted; checks in flight finish. */
  signal?: AbortSignal
}

/** Options of `checkLinks`: the check options plus expected titles and a per-result callback. */
export interface CheckLinksOptions extends CheckOptions {
  /** Expected content title per URL; a page whose title does not match is `wrong_target`. */
  expectedTitles?: Map<string, string>
  /** Called with each result as it is produced (results are also yielded). */
  onResult?: (result: LinkCheckResult) => void
}

/** Check options with every default filled in. */
export type ResolvedCheckOptions = Required<Omit<CheckOptions, 'signal' | 'headers'>> & {
  headers: Record<string, string>
  signal?: AbortSignal
}

const positiveInt = (v: number | undefined, fallback: number, min = 1): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min ? Math.floor(v) : fallback

/** Fills in defaults; out-of-range numbers fall back to the default instead of throwing. */
export function resolveCheckOptions(o: CheckOptions = {}): ResolvedCheckOptions {
  const r: ResolvedCheckOptions = {
    concurrency: positiveInt(o.concurrency, 16),
    perHost: positiveInt(o.perHost, 4),
    timeoutMs: positiveInt(o.timeoutMs, 10_000),
    retries: positiveInt(o.retries, 2, 0),
    retryDelayMs: positiveInt(o.retryDelayMs, 500, 0),
    maxRetryAfterMs: positiveInt(o.maxRetryAfterMs, 30_000, 0),
    maxRedirects: positiveInt(o.maxRedirects, 10, 0),
    maxBodyBytes: positiveInt(o.maxBodyBytes, 262_144),
    method: o.method === 'get' || o.method === 'head-first' ? o.method : 'auto',
    softNotFound: o.softNotFound ?? true,
    titleThreshold:
      typeof o.titleThreshold === 'number' && o.titleThreshold >= 0 && o.titleThreshold <= 1
        ? o.titleThreshold
        : 0.3,
    userAgent: o.userAgent ?? 'gongkai-linker/0.1 (+https://gongkai.dev)',
    headers: o.headers ?? {},
  }
  if (o.signal) r.signal = o.signal
  return r
}
