import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { Env } from '../deps.js'

/** One line of the request log (JSON, one per request). */
interface RequestLogLine {
  time: string
  /** Request id, also sent as `X-Request-Id`. */
  id: string
  method: string
  /** The route pattern that answered (`/api/v1/datasets/:id/rows`), never the path or query string. */
  route: string
  status: number
  /** Milliseconds until the answer was sent (under the Node server; until its headers otherwise). */
  ms: number
  /** Body bytes sent (counted as written under the Node server, else Content-Length); null when unknown. */
  bytes: number | null
}

/** A fresh request id: 12 hex characters. */
export const requestId = () => randomBytes(6).toString('hex')

/** The Node response @hono/node-server passes as `c.env.outgoing`, when served by it. */
interface Outgoing {
  once(event: 'finish' | 'close', listener: () => void): unknown
  write(chunk: unknown, ...rest: unknown[]): boolean
  end(...args: unknown[]): unknown
}

/** Length in bytes of a chunk written to a Node response (string, Buffer or typed array). */
const chunkBytes = (chunk: unknown, encoding: unknown): number =>
  typeof chunk === 'string'
    ? Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
    : chunk instanceof Uint8Array
      ? chunk.byteLength
      : 0

/**
 * Logs a request once its answer is sent: under the Node server at the response's `finish` (so a
 * streamed download counts whole), otherwise at once. Only the route pattern: paths carry ids and
 * query strings carry searches, filters and sometimes tokens, which a log must not keep.
 */
export function logRequest(
  c: Context<Env>,
  res: Response,
  id: string,
  started: number,
  now: () => Date,
  log: (line: string) => void
): void {
  // The route is the last matched pattern that is not a wildcard: middleware ('*', '/api/*') and
  // the HTML not-found catch-all match every path, and a middleware may answer before the route runs.
  const named = matchedRoutes(c).filter((r) => !r.path.endsWith('*'))
  const route = named.at(-1)?.path ?? '(no route)'
  const line = (bytes: number | null): string => {
    const entry: RequestLogLine = {
      time: now().toISOString(),
      id,
      method: c.req.method,
      route,
      status: res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      bytes,
    }
    return JSON.stringify(entry)
  }
  const length = res.headers.get('content-length')
  const outgoing = (c.env as { outgoing?: Outgoing } | undefined)?.outgoing
  if (!outgoing || typeof outgoing.once !== 'function') {
    log(line(length === null ? null : Number(length)))
    return
  }
  // Count the body as the server writes it: the exact bytes, streamed or not (the server sets
  // Content-Length itself, out of reach of the Response's headers).
  let bytes = 0
  const write = outgoing.write.bind(outgoing)
  const end = outgoing.end.bind(outgoing)
  outgoing.write = (chunk: unknown, ...rest: unknown[]) => {
    bytes += chunkBytes(chunk, rest[0])
    return write(chunk, ...rest)
  }
  outgoing.end = (...args: unknown[]) => {
    if (typeof args[0] !== 'function') bytes += chunkBytes(args[0], args[1])
    return end(...args)
  }
  let done = false
  const finish = () => {
    if (done) return
    done = true
    log(line(bytes))
  }
  outgoing.once('finish', finish)
  outgoing.once('close', finish)
}
