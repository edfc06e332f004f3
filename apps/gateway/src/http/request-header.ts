import type { Context } from 'hono'

interface NodeBindings {
  incoming?: { headers: Record<string, string | string[] | undefined> }
}

/**
 * A request header (lower-case `name`). On @hono/node-server it is read from Node's parsed
 * headers: `c.req.header()` would build a WHATWG `Headers` from the raw list on every request,
 * which costs more than the whole entry lookup. Elsewhere (`app.request()`) it asks the Request.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming
  if (!incoming) return c.req.header(name)
  const v = incoming.headers[name]
  return typeof v === 'string' ? v : v?.join(', ')
}
