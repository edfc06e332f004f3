import type { Context } from 'hono'
import { ApiError } from '../http/api-error.js'

interface NodeBindings {
  incoming?: { url?: string }
}

// `..` or `.` as a whole segment, plain or percent-encoded, and encoded NUL or backslash.
const TRAVERSAL = /(^|\/)(\.|%2e){2}(\/|$|\?)|%00|%5c|\\/i

/**
 * The URL parser removes `/../` and `/%2e%2e/` segments before routing, so `/datasets/%2e%2e/x`
 * would silently become another path. On the real server we still see the raw request line:
 * refuse such requests with 400 instead of answering for a path the client did not name.
 */
export function refuseTraversal(c: Context): void {
  const raw = (c.env as NodeBindings | undefined)?.incoming?.url ?? new URL(c.req.url).pathname
  const q = raw.indexOf('?')
  if (TRAVERSAL.test(q < 0 ? raw : raw.slice(0, q))) {
    throw new ApiError(
      'bad_request',
      'path segments "..", "%2e%2e", NUL and backslashes are refused',
      { parameter: 'path' }
    )
  }
}
