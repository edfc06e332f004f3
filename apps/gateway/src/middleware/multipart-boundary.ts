import type { Context } from 'hono'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'

/**
 * 400 for a `multipart/form-data` body whose Content-Type has no `boundary`: such a body cannot
 * be split into fields, and the parser's own error would surface as a 500.
 */
export function refuseBoundlessMultipart(c: Context<Env>): void {
  const type = c.req.header('content-type') ?? ''
  if (!/^\s*multipart\//i.test(type)) return
  if (/;\s*boundary\s*=\s*("[^"]+"|[^;\s]+)/i.test(type)) return
  throw new ApiError('bad_request', 'a multipart body needs a boundary in its Content-Type', {
    parameter: 'content-type',
    expected: 'multipart/form-data; boundary=…',
    actual: type,
  })
}
