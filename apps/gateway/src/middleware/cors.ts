import type { Context } from 'hono'
import { requestHeader } from '../http/request-header.js'

/**
 * CORS headers of GET/HEAD answers: `*`, since reads are public. Writes get no CORS headers, so a
 * browser page on another origin cannot use someone's token.
 */
export const READ_CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Link, Retry-After, Content-Disposition',
})

/** Answer to an OPTIONS request: a CORS preflight for GET/HEAD, otherwise just `Allow`. */
export function preflight(c: Context): Response {
  const wanted = (requestHeader(c, 'access-control-request-method') ?? '').toUpperCase()
  if (wanted === 'GET' || wanted === 'HEAD') {
    return c.body(null, 204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD',
      'access-control-allow-headers': 'Authorization, Accept, If-None-Match',
      'access-control-max-age': '86400',
    })
  }
  return c.body(null, 204, { allow: 'GET, HEAD, POST, DELETE' })
}
