import type { MiddlewareHandler } from 'hono'
import type { Env } from '../deps.js'
import type { AuditLog } from '../services/audit.js'

/**
 * Records every write a token made (any method but GET/HEAD/OPTIONS), refused ones included: token
 * id and organisation, time, method, path, target id, client address and the status answered.
 * Page writes name their session's token through the portal's audit hook. Requests without a
 * verified token write nothing here: they did nothing, and logging each would let anyone grow the
 * log at will (the rate limiter counts them per client address instead).
 */
export function auditWrites(audit: AuditLog, now: () => Date): MiddlewareHandler<Env> {
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next()
    const at = now().toISOString()
    await next()
    const token = c.get('token')
    if (!token) return
    try {
      await audit.write({
        at,
        tokenId: token.id,
        org: token.org,
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
