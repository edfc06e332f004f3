import type { MiddlewareHandler } from 'hono'
import type { Env } from '../deps.js'

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } }
}

/**
 * Sets `c.var.ip`: the socket's address, or the first X-Forwarded-For hop when `trustProxy` is on
 * (only behind a proxy you run, since clients can write that header).
 */
export function clientIp(trustProxy: boolean): MiddlewareHandler<Env> {
  return async (c, next) => {
    let ip = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'local'
    if (trustProxy) {
      const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
      if (fwd && /^[0-9a-fA-F:.]{2,45}$/.test(fwd)) ip = fwd
    }
    c.set('ip', ip)
    await next()
  }
}
