import type { Context, MiddlewareHandler, Next } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { completeHeaders } from '../http/answer.js'
import { auditWrites } from './audit.js'
import { authenticate } from './auth.js'
import { limitBody } from './body-limit.js'
import { clientIp } from './client-ip.js'
import { preflight } from './cors.js'
import { handleError } from './errors.js'
import { checkRateLimit, RateLimiter } from './rate-limit.js'
import { refuseTraversal } from './raw-path.js'

/**
 * Everything the gateway does around a route, as one middleware: each extra `app.use` is another
 * async hop on every request, and the entry lookup is meant to cost little more than a constant
 * answer. In order:
 * - OPTIONS: the CORS preflight (GET/HEAD only), answered at once;
 * - 400 for `..`, `%2e%2e`, NUL or backslash in the raw path; the client address;
 * - reads: the rate limit (counted in the store), then the token when one is presented;
 * - writes: the audit record around the rate limit, the body limit (413 before parsing) and the
 *   token, so refused writes are audited too;
 * - security headers on every answer and CORS on reads, unless the answer was built with them.
 */
export function gate(deps: GatewayDeps): MiddlewareHandler<Env> {
  const { config, store } = deps
  const limits = config.rateLimit
  const limiter = limits ? new RateLimiter(store, limits, config.now) : undefined
  const bodyLimit = limitBody(config.bodyLimitBytes)
  const audit = auditWrites(deps.audit, config.now)

  // A refusal inside the audited part becomes the answer there, so the audit sees its status.
  const guarded = async (c: Context<Env>, ip: string, next: Next) => {
    try {
      if (limiter && limits) await checkRateLimit(limiter, limits, c, ip)
      await bodyLimit(c, async () => {
        await authenticate(c, store, config.now)
        await next()
      })
    } catch (err) {
      if (!(err instanceof Error)) throw err
      c.res = handleError(err, c)
    }
  }

  return async (c, next) => {
    const method = c.req.method
    let res: Response | undefined
    try {
      if (method === 'OPTIONS') res = preflight(c)
      else {
        refuseTraversal(c)
        const ip = clientIp(c, config.trustProxy)
        c.set('ip', ip)
        if (method === 'GET' || method === 'HEAD') {
          if (limiter && limits) await checkRateLimit(limiter, limits, c, ip)
          await authenticate(c, store, config.now)
          await next()
        } else {
          await audit(c, () => guarded(c, ip, next))
        }
      }
    } catch (err) {
      if (!(err instanceof Error)) throw err
      res = handleError(err, c)
    }
    completeHeaders(res ?? c.res, method)
    return res
  }
}
