import type { MiddlewareHandler } from 'hono'
import type { Env } from '../deps.js'
import type { AuditLog } from '../services/audit.js'

/**
 * Records every write (any method but GET/HEAD/OPTIONS), refused ones included: token id, time,
 * method, path, target id, client address and the status answered.
 */
export function auditWrites(audit: AuditLog, now: () => Date): MiddlewareHandler<Env> {
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next()
    const at = now().toISOString()
    await next()
    try {
      await audit.write({
        at,
        tokenId: c.get('token')?.id ?? null,
        method,
        path: c.req.path,
        target: c.get('auditTarget') ?? null,
        ip: c.get('ip') ?? null,
        status: c.res.status,
      })
    } catch (err) {
      // The write itself succeeded; a failing audit insert is logged loudly rather than undoing it.
      console.error('[gateway] audit write failed', err)
    }
  }
}
