import type { Context } from 'hono'
import { COMPRESS_THRESHOLD, compressBody, negotiateEncoding } from '../middleware/compression.js'
import { answer, READ_HEADERS } from './answer.js'
import { requestHeader } from './request-header.js'
import { CACHE_CONTROL, type CachePolicy, etagMatches, VARY, weakEtag } from './respond.js'

type Encoding = 'br' | 'gzip'

/**
 * A GET answer computed once and sent many times: body, ETag and the complete header object
 * (Content-Length included, so the server adapter never has to add to it), plus compressed
 * variants made on first demand. Keep one only while what it was built from is unchanged.
 */
export interface PreparedAnswer {
  readonly body: string
  /** `body` in UTF-8, encoded once: a string would be re-encoded on every socket write. */
  readonly bytes: Uint8Array
  readonly etag: string
  readonly headers: Readonly<Record<string, string>>
  readonly notModified: Readonly<Record<string, string>>
  readonly encoded: Partial<Record<Encoding, Promise<PreparedVariant>>>
}

interface PreparedVariant {
  body: string | Uint8Array
  headers: Readonly<Record<string, string>>
}

/** Prepares a 200 GET/HEAD answer of `body` (JSON unless `contentType` says otherwise). */
export function prepareAnswer(
  body: string,
  options: { cache?: CachePolicy; contentType?: string } = {}
): PreparedAnswer {
  const etag = weakEtag(body)
  const bytes = Buffer.from(body, 'utf8')
  const cacheControl = CACHE_CONTROL[options.cache ?? 'item']
  const notModified = Object.freeze({
    ...READ_HEADERS,
    etag,
    'cache-control': cacheControl,
    vary: VARY,
  })
  const headers = Object.freeze({
    ...notModified,
    'content-type': options.contentType ?? 'application/json; charset=utf-8',
    'content-length': String(bytes.byteLength),
  })
  return { body, bytes, etag, headers, notModified, encoded: {} }
}

async function variant(a: PreparedAnswer, encoding: Encoding): Promise<PreparedVariant> {
  const out = await compressBody(a.body, encoding)
  const bytes = typeof out.body === 'string' ? Buffer.byteLength(out.body) : out.body.byteLength
  const headers: Record<string, string> = { ...a.headers, 'content-length': String(bytes) }
  if (out.encoding) headers['content-encoding'] = out.encoding
  return { body: out.body, headers: Object.freeze(headers) }
}

/** Sends a prepared answer: 304 on a matching If-None-Match, br/gzip when accepted. */
export function sendPrepared(c: Context, a: PreparedAnswer): Response | Promise<Response> {
  if (etagMatches(requestHeader(c, 'if-none-match'), a.etag)) {
    return answer(null, 304, a.notModified)
  }
  const encoding =
    a.body.length >= COMPRESS_THRESHOLD
      ? negotiateEncoding(requestHeader(c, 'accept-encoding'))
      : undefined
  if (!encoding) return answer(a.bytes, 200, a.headers)
  let v = a.encoded[encoding]
  if (!v) {
    v = variant(a, encoding)
    a.encoded[encoding] = v
    // A failed compression is not remembered: the next request tries again.
    v.catch(() => delete a.encoded[encoding])
  }
  return v.then((x) => answer(x.body, 200, x.headers))
}
