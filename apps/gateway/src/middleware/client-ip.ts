import type { Context } from 'hono'
import { requestHeader } from '../http/request-header.js'

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } }
}

/**
 * The client's address: the socket's, or with `trustProxy` (only behind a proxy you run) the last
 * X-Forwarded-For hop, the one that proxy appended. Earlier hops are whatever the client wrote,
 * so they are never used: a client cannot pick its own rate-limit bucket.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  let ip = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'local'
  if (trustProxy) {
    const hops = requestHeader(c, 'x-forwarded-for')?.split(',')
    const last = hops?.[hops.length - 1]?.trim()
    if (last && /^[0-9a-fA-F:.]{2,45}$/.test(last)) ip = last
  }
  return ip
}
