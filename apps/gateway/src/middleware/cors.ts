import type { MiddlewareHandler } from 'hono'
import type { Env } from '../deps.js'

/**
 * CORS for reads only: `*` on GET/HEAD answers and their preflights. Writes get no CORS headers,
 * so a browser page on another origin cannot use someone's token.
 */
export function corsForReads(): MiddlewareHandler<Env> {
  return async (c, next) => {
    const method = c.req.method
    if (method === 'OPTIONS') {
      const wanted = (c.req.header('access-control-request-method') ?? '').toUpperCase()
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
    await next()
    if (method === 'GET' || method === 'HEAD') {
      c.res.headers.set('access-control-allow-origin', '*')
      c.res.headers.set(
        'access-control-expose-headers',
        'ETag, Link, Retry-After, Content-Disposition'
      )
    }
  }
}
