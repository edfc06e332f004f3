import type { ResolvedCheckOptions } from './check-options.js'
import type { LinkCheckResult } from './link-check-result.js'
import { decodePage, isHomePath, pageSignals, sniffCharset } from './page-signals.js'
import { titleSimilarity } from './title-similarity.js'

type NetCode = 'timeout' | 'dns' | 'dns_temporary' | 'refused' | 'tls' | 'network'

interface Answer {
  kind: 'response'
  status: number
  headers: Headers
  body?: Uint8Array
}

interface Failure {
  kind: 'error'
  code: NetCode
  message: string
}

type Outcome = (Answer | Failure) & {
  attempts: number
  /** Retry-After (ms) that exceeded the cap, so we stopped waiting. */
  retryAfterTooLong?: number
}

const REDIRECT = new Set([301, 302, 303, 307, 308])
// HEAD answers that say nothing about the page: servers that refuse, or mishandle, HEAD.
const HEAD_UNHELPFUL = (s: number): boolean =>
  s === 405 || s === 501 || (s >= 400 && s < 500 && s !== 429 && s !== 408)
// Bytes read from an error page before letting go: enough for undici to reuse the connection.
const DRAIN_BYTES = 65_536

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

const isHtml = (contentType: string | null): boolean =>
  contentType === null || contentType === '' || /html|xml/i.test(contentType)

/** Retry-After in ms (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const t = Date.parse(v)
  return Number.isNaN(t) ? undefined : Math.max(0, t - now)
}

const netCode = (err: unknown, timedOut: boolean): { code: NetCode; message: string } => {
  if (timedOut) return { code: 'timeout', message: 'timeout' }
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause
  const code = cause?.code ?? (err as { code?: string })?.code ?? ''
  const message = cause?.message ?? (err as Error)?.message ?? String(err)
  if (code === 'ENOTFOUND') return { code: 'dns', message: `DNS: host not found (${code})` }
  if (code === 'EAI_AGAIN') return { code: 'dns_temporary', message: `DNS: ${code}` }
  if (code === 'ECONNREFUSED') return { code: 'refused', message: 'connection refused' }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return { code: 'timeout', message: 'timeout' }
  }
  if (/CERT|SSL|TLS/i.test(code)) return { code: 'tls', message: `TLS: ${code}` }
  return { code: 'network', message: `network error: ${code || message}` }
}

const readBody = async (res: Response, limit: number): Promise<Uint8Array> => {
  if (!res.body) return new Uint8Array(0)
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < limit) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } finally {
    // Beyond the limit we do not need the rest of the page; cancelling frees the socket.
    if (size >= limit) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
  const out = new Uint8Array(Math.min(size, limit))
  let at = 0
  for (const c of chunks) {
    const part = c.subarray(0, out.length - at)
    out.set(part, at)
    at += part.length
    if (at >= out.length) break
  }
  return out
}

/** One HTTP request, redirects not followed, with its own timeout over headers and body. */
const request = async (
  url: string,
  method: 'HEAD' | 'GET',
  wantBody: boolean,
  o: ResolvedCheckOptions
): Promise<Answer | Failure> => {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, o.timeoutMs)
  try {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      signal: controller.signal,
      headers: {
        'user-agent': o.userAgent,
        accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
        'accept-language': 'zh-CN,zh;q=0.9',
        ...o.headers,
      },
    })
    const answer: Answer = { kind: 'response', status: res.status, headers: res.headers }
    if (method === 'GET') {
      const ok = res.status >= 200 && res.status < 300
      if (ok && wantBody && isHtml(res.headers.get('content-type'))) {
        answer.body = await readBody(res, o.maxBodyBytes)
      } else {
        await readBody(res, DRAIN_BYTES)
      }
    }
    return answer
  } catch (err) {
    return { kind: 'error', ...netCode(err, timedOut) }
  } finally {
    clearTimeout(timer)
  }
}

const backoff = (attempt: number, base: number): number =>
  base * 2 ** attempt + Math.floor(Math.random() * (base + 1))

/** A request retried on 429, 408, 5xx and temporary network errors, with backoff and Retry-After. */
const requestWithRetry = async (
  url: string,
  method: 'HEAD' | 'GET',
  wantBody: boolean,
  o: ResolvedCheckOptions
): Promise<Outcome> => {
  for (let attempt = 0; ; attempt++) {
    const r = await request(url, method, wantBody, o)
    const attempts = attempt + 1
    let wait: number | undefined
    if (r.kind === 'response') {
      const s = r.status
      const retryable = s === 429 || s === 408 || s >= 500
      if (!retryable) return { ...r, attempts }
      const ra = s === 429 || s === 503 ? parseRetryAfter(r.headers.get('retry-after')) : undefined
      if (ra !== undefined && ra > o.maxRetryAfterMs) {
        return { ...r, attempts, retryAfterTooLong: ra }
      }
      if (attempt >= o.retries) return { ...r, attempts }
      wait = ra ?? backoff(attempt, o.retryDelayMs)
    } else {
      // A missing host or a bad certificate will not fix itself in a few seconds.
      if (r.code === 'dns' || r.code === 'tls' || attempt >= o.retries) return { ...r, attempts }
      wait = backoff(attempt, o.retryDelayMs)
    }
    await sleep(wait)
  }
}

const bestTitleScore = (expected: string, candidates: (string | undefined)[]): number => {
  let best = 0
  for (const c of candidates) {
    if (!c) continue
    // Site names are joined to titles with - _ | —; compare each part as well as the whole.
    for (const part of [c, ...c.split(/\s*[-_|–—]+\s*/)]) {
      if (part) best = Math.max(best, titleSimilarity(expected, part))
    }
  }
  return best
}

/**
 * Checks one URL: follows redirects by hand (recording each hop, refusing loops), HEAD or GET as
 * `method` says (HEAD falls back to GET on 403/405/501/other 4xx or a network error, and is followed
 * by a GET when a 2xx HTML page must be read), retries, and classifies the outcome. Never throws.
 *
 * Dead vs unreachable: 4xx (but 429), 5xx still failing after every retry, a missing host (DNS),
 * connection refused after every retry, timeouts on every one of ≥ 2 attempts, TLS errors, redirect
 * loops and over-long chains are dead (断链). Rate limiting (429), a Retry-After beyond the cap,
 * a single timeout (retries 0), temporary DNS failures and other network errors (reset, hang-up)
 * are unreachable: worth checking again later, not evidence the page is gone.
 */
export async function checkUrl(
  url: string,
  o: ResolvedCheckOptions,
  expectedTitle?: string
): Promise<LinkCheckResult> {
  const started = Date.now()
  const base = { url, checkedAt: new Date(started).toISOString() }
  const redirects: string[] = []
  const done = (
    status: LinkCheckResult['status'],
    reason: string,
    finalUrl: string,
    extra: { httpStatus?: number; title?: string } = {}
  ): LinkCheckResult => ({
    ...base,
    status,
    ...(extra.httpStatus !== undefined ? { httpStatus: extra.httpStatus } : {}),
    reason,
    redirects,
    finalUrl,
    elapsedMs: Date.now() - started,
    ...(extra.title !== undefined ? { title: extra.title } : {}),
  })

  let original: URL
  try {
    original = new URL(url)
  } catch {
    return done('dead', 'not an absolute URL', url)
  }
  if (original.protocol !== 'http:' && original.protocol !== 'https:') {
    return done('dead', `unsupported scheme ${original.protocol}`, url)
  }
  const wantBody = o.softNotFound || expectedTitle !== undefined
  let current = original.href
  const seen = new Set([current])
  for (;;) {
    const first = o.method === 'get' || (o.method === 'auto' && wantBody) ? 'GET' : 'HEAD'
    let r = await requestWithRetry(current, first, wantBody, o)
    if (first === 'HEAD') {
      const headUnhelpful =
        (r.kind === 'response' && HEAD_UNHELPFUL(r.status)) ||
        (r.kind === 'error' && r.code === 'network')
      const needPage =
        r.kind === 'response' &&
        r.status >= 200 &&
        r.status < 300 &&
        wantBody &&
        isHtml(r.headers.get('content-type'))
      if (headUnhelpful || needPage) {
        const attempts = r.attempts
        r = await requestWithRetry(current, 'GET', wantBody, o)
        r.attempts += attempts
      }
    }

    if (r.kind === 'error') {
      const n = r.attempts
      switch (r.code) {
        case 'dns':
        case 'tls':
          return done('dead', r.message, current)
        case 'refused':
          return done('dead', `connection refused after ${n} attempt${n > 1 ? 's' : ''}`, current)
        case 'timeout':
          return n >= 2
            ? done('dead', `timeout (${o.timeoutMs} ms) after ${n} attempts`, current)
            : done('unreachable', `timeout (${o.timeoutMs} ms), single attempt`, current)
        default:
          return done('unreachable', `${r.message} after ${n} attempt${n > 1 ? 's' : ''}`, current)
      }
    }

    const s = r.status
    const httpStatus = { httpStatus: s }
    if (REDIRECT.has(s)) {
      const location = r.headers.get('location')
      if (!location) return done('dead', `HTTP ${s} redirect without Location`, current, httpStatus)
      let next: string
      try {
        next = new URL(location, current).href
      } catch {
        return done(
          'dead',
          `HTTP ${s} redirect to a bad Location "${location}"`,
          current,
          httpStatus
        )
      }
      redirects.push(next)
      if (seen.has(next)) {
        return done('dead', `redirect loop: ${[url, ...redirects].join(' → ')}`, next, httpStatus)
      }
      if (redirects.length > o.maxRedirects) {
        return done('dead', `more than ${o.maxRedirects} redirects`, next, httpStatus)
      }
      seen.add(next)
      current = next
      continue
    }
    if (r.retryAfterTooLong !== undefined) {
      const secs = Math.round(r.retryAfterTooLong / 1000)
      return done(
        'unreachable',
        `HTTP ${s} with Retry-After ${secs} s beyond the cap`,
        current,
        httpStatus
      )
    }
    if (s === 429) {
      return done(
        'unreachable',
        `HTTP 429 (rate limited) after ${r.attempts} attempts`,
        current,
        httpStatus
      )
    }
    if (s >= 500 || s === 408) {
      const n = r.attempts
      return done('dead', `HTTP ${s} after ${n} attempt${n > 1 ? 's' : ''}`, current, httpStatus)
    }
    if (s >= 400) return done('dead', `HTTP ${s}`, current, httpStatus)
    if (s < 200 || s >= 300) return done('unreachable', `unexpected HTTP ${s}`, current, httpStatus)

    const finalPath = new URL(current).pathname
    if (redirects.length > 0 && isHomePath(finalPath) && !isHomePath(original.pathname)) {
      return done(
        'wrong_target',
        `deep link redirected to the home page ${current}`,
        current,
        httpStatus
      )
    }
    if (!r.body) return done('ok', `HTTP ${s}`, current, httpStatus)
    const html = decodePage(r.body, sniffCharset(r.headers.get('content-type'), r.body))
    const signals = pageSignals(html)
    const title = signals.title ?? signals.h1
    const withTitle = title === undefined ? httpStatus : { ...httpStatus, title }
    if (o.softNotFound && signals.softNotFound) {
      return done('wrong_target', `soft 404: ${signals.softNotFound}`, current, withTitle)
    }
    if (expectedTitle !== undefined && (signals.title || signals.h1)) {
      const score = bestTitleScore(expectedTitle, [signals.title, signals.h1])
      if (score < o.titleThreshold) {
        return done(
          'wrong_target',
          `page title "${title}" does not match "${expectedTitle}" (similarity ${score.toFixed(2)})`,
          current,
          withTitle
        )
      }
    }
    return done('ok', `HTTP ${s}`, current, withTitle)
  }
}
