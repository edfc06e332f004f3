import { READ_CORS_HEADERS } from '../middleware/cors.js'
import { SECURITY_HEADERS } from '../middleware/security-headers.js'

/** Headers every GET/HEAD answer carries: security headers and read CORS. */
export const READ_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...SECURITY_HEADERS,
  ...READ_CORS_HEADERS,
})

// Marks answers built with the common headers (a symbol property: cheaper than a WeakSet entry).
const COMPLETE = Symbol('gateway.completeHeaders')

/** The common headers of an answer to `method` (CORS only on reads). */
export function commonHeaders(method: string): Readonly<Record<string, string>> {
  return method === 'GET' || method === 'HEAD' ? READ_HEADERS : SECURITY_HEADERS
}

/**
 * A response whose plain-object `headers` already hold the common headers, so the gate leaves it
 * alone. On @hono/node-server a plain object goes straight to `writeHead`, without the `Headers`
 * object `c.body()` builds for more than one header.
 */
export function answer(
  body: string | Uint8Array | null,
  status: number,
  headers: Readonly<Record<string, string>>
): Response {
  // Node's own Response types (no DOM lib in this package): a plain object is a valid HeadersInit.
  const res = new Response(body as ConstructorParameters<typeof Response>[0], {
    status,
    headers: headers as Record<string, string>,
  })
  ;(res as Response & { [COMPLETE]?: true })[COMPLETE] = true
  return res
}

/**
 * Adds the common headers to an answer built elsewhere (portal pages, errors, streams), keeping
 * any a handler set itself; CORS is always the read one.
 */
export function completeHeaders(res: Response, method: string): void {
  if ((res as Response & { [COMPLETE]?: true })[COMPLETE]) return
  const h = res.headers
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!h.has(k)) h.set(k, v)
  if (method === 'GET' || method === 'HEAD')
    for (const [k, v] of Object.entries(READ_CORS_HEADERS)) h.set(k, v)
}
