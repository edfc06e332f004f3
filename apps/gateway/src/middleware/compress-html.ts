import type { MiddlewareHandler } from 'hono'
import { requestHeader } from '../http/request-header.js'
import { compressBody, negotiateEncoding } from './compression.js'

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
    const vary = res.headers.get('vary')
    const varied = vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding'
    const accept = requestHeader(c, 'accept-encoding')
    // Nothing to compress: the answer stays as it is (its body is never read and re-encoded).
    if (c.req.method === 'HEAD' || !negotiateEncoding(accept)) {
      try {
        res.headers.set('vary', varied)
      } catch {
        // An answer with immutable headers (a fetched one) is passed on as it is.
      }
      return
    }
    const out = await compressBody(new Uint8Array(await res.arrayBuffer()), accept)
    const headers = new Headers(res.headers)
    headers.set('vary', varied)
    headers.delete('content-length')
    if (out.encoding) headers.set('content-encoding', out.encoding)
    // Cleared first: Hono's setter would otherwise copy the old answer's headers over the new ones.
    c.res = undefined as unknown as Response
    c.res = new Response(out.body, { status: res.status, statusText: res.statusText, headers })
  }
}
