import type { MiddlewareHandler } from 'hono'
import { requestHeader } from '../http/request-header.js'
import { compressBody } from './compression.js'

/**
 * Compresses HTML answers (the portal's pages, the HTML 404/500) with br or gzip as the client
 * accepts, like the API's JSON: pages are large text (a catalogue page is ~1 MB of HTML).
 * Answers already encoded, and every other type, pass unchanged.
 */
export function compressHtml(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    const type = res.headers.get('content-type') ?? ''
    if (!type.startsWith('text/html') || res.headers.has('content-encoding') || !res.body) return
    if (c.req.method === 'HEAD') return
    const vary = res.headers.get('vary')
    const body = await res.text()
    const out = await compressBody(body, requestHeader(c, 'accept-encoding'))
    const headers = new Headers(res.headers)
    headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    headers.delete('content-length')
    if (out.encoding) headers.set('content-encoding', out.encoding)
    // Cleared first: Hono's setter would otherwise copy the old answer's headers over the new ones.
    c.res = undefined as unknown as Response
    c.res = new Response(out.body, { status: res.status, statusText: res.statusText, headers })
  }
}
