import type { Context } from 'hono'
import { requestHeader } from '../http/request-header.js'

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } }
}

/**
 * The client's address: the socket's, or the first X-Forwarded-For hop when `trustProxy` is on
 * (only behind a proxy you run, since clients can write that header).
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  let ip = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'local'
  if (trustProxy) {
    const fwd = requestHeader(c, 'x-forwarded-for')?.split(',')[0]?.trim()
    if (fwd && /^[0-9a-fA-F:.]{2,45}$/.test(fwd)) ip = fwd
  }
  return ip
}
