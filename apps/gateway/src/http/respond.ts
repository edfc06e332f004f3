import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { compressBody } from '../middleware/compression.js'
import { answer, commonHeaders } from './answer.js'
import { requestHeader } from './request-header.js'

/** Cache policies of GET responses. */
export type CachePolicy = 'list' | 'item' | 'immutable' | 'private' | 'no-store'

/** Cache-Control of each {@link CachePolicy}. */
export const CACHE_CONTROL: Readonly<Record<CachePolicy, string>> = {
  // Lists change whenever something is published: a minute keeps harvesters polite and data fresh.
  list: 'public, max-age=60',
  item: 'public, max-age=300',
  immutable: 'public, max-age=31536000, immutable',
  // Conditional data goes only to its grantee: shared caches must not keep it.
  private: 'private, no-store',
  'no-store': 'no-store',
}

/** `Vary` of every negotiated GET answer. */
export const VARY = 'Accept, Accept-Encoding, Authorization'

/** Weak ETag of a body (SHA-1, base64url): cheap on small bodies, stable across processes. */
export function weakEtag(body: string | Uint8Array): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`
}

/** True when `If-None-Match` lists `etag` (weak comparison) or `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim()
    return v === '*' || v.replace(/^W\//, '') === bare
  })
}

/** Options of {@link sendText}. */
export interface SendOptions {
  status?: ContentfulStatusCode
  cache?: CachePolicy
  contentType?: string
  headers?: Record<string, string>
  /** Use this ETag (e.g. a version key) instead of hashing the body. */
  etag?: string
}

/**
 * Sends a text body with ETag + If-None-Match (304), Cache-Control on GET/HEAD, and br/gzip when
 * the client accepts it. Every JSON, JSON-LD, Turtle, Atom and HTML answer of the API goes here.
 */
export async function sendText(
  c: Context,
  body: string,
  options: SendOptions = {}
): Promise<Response> {
  const status = options.status ?? 200
  const method = c.req.method
  const headers: Record<string, string> = {
    ...commonHeaders(method),
    'content-type': options.contentType ?? 'application/json; charset=utf-8',
    ...options.headers,
  }
  if ((method === 'GET' || method === 'HEAD') && status === 200) {
    const etag = options.etag ?? weakEtag(body)
    headers.etag = etag
    headers['cache-control'] = CACHE_CONTROL[options.cache ?? 'item']
    headers.vary = VARY
    if (etagMatches(requestHeader(c, 'if-none-match'), etag)) {
      delete headers['content-type']
      return answer(null, 304, headers)
    }
  }
  const compressed = await compressBody(body, requestHeader(c, 'accept-encoding'))
  if (compressed.encoding) headers['content-encoding'] = compressed.encoding
  return answer(compressed.body, status, headers)
}

/** JSON.stringify + {@link sendText}. */
export function sendJson(c: Context, value: unknown, options: SendOptions = {}): Promise<Response> {
  return sendText(c, JSON.stringify(value), options)
}
