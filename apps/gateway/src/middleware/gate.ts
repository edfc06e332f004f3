import type { Context, MiddlewareHandler, Next } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { completeHeaders } from '../http/answer.js'
import { isStreamedUpload } from '../http/upload-stream.js'
import { auditWrites } from './audit.js'
import { authenticate } from './auth.js'
import { limitBody } from './body-limit.js'
import { limitBodyTime } from './body-timeout.js'
import { clientIp } from './client-ip.js'
import { preflight } from './cors.js'
import { handleError } from './errors.js'
import { refuseBoundlessMultipart } from './multipart-boundary.js'
import { checkRateLimit, rateLimitKey } from './rate-limit.js'
import { refuseTraversal } from './raw-path.js'
import { logRequest, requestId } from './request-log.js'
import { storeGuard } from './store-guard.js'

/** CKAN Action API paths (`/api/3/action/…`, `/api/action/…`): every action of ours only reads. */
const CKAN_ACTION = /^\/api\/(3\/)?action\//

/**
 * Everything the gateway does around a route, as one middleware: each extra `app.use` is another
 * async hop on every request, and the entry lookup is meant to cost little more than a constant
 * answer. In order:
 * - OPTIONS: the CORS preflight (GET/HEAD only), answered at once;
 * - 400 for `..`, `%2e%2e`, NUL or backslash in the raw path; the client address;
 * - writes: 503 `store_unreachable` while the store file is deleted, replaced or read-only;
 * - the credential, checked without writing anything (a malformed one without even a read);
 * - the rate limit, keyed on the verified token's id, else on the client address, so requests
 *   without a token and refused ones (401 after the count) share their sender's bucket;
 * - writes: a multipart body without a boundary (400), the body's receive deadline (408 after
 *   30 s), the body limit (413 before parsing; multipart dataset uploads are streamed by their
 *   route under `upload.maxBytes` instead), then the route, audited when a token acted
 *   (refusals of bogus credentials and 429s cost no audit row: the limiter counts them). CKAN's
 *   POST actions are reads in another envelope: counted as reads, body-checked, not audited;
 * - security headers on every answer and CORS on reads, unless the answer was built with them;
 * - with `config.requestLog`, one JSON line per request and its id in `X-Request-Id`.
 */
export function gate(deps: GatewayDeps): MiddlewareHandler<Env> {
  const { config, store, limiter } = deps
  const limits = config.rateLimit
  const bodyLimit = limitBody(config.bodyLimitBytes)
  const audit = auditWrites(deps.audit, config.now)
  const writable = storeGuard(store)

  // The body's checks, whoever reads it: boundary, receive deadline, size.
  const receive = async (c: Context<Env>, next: Next) => {
    refuseBoundlessMultipart(c)
    // Dataset uploads stream to a file under their own limit and idle deadline (upload.maxBytes).
    if (isStreamedUpload(c)) return next()
    const clearBodyTimer = limitBodyTime(c, config.bodyTimeoutMs)
    try {
      await bodyLimit(c, next)
    } finally {
      clearBodyTimer()
    }
  }

  // A refusal inside the audited part becomes the answer there, so the audit sees its status.
  const guarded = async (c: Context<Env>, next: Next) => {
    try {
      await receive(c, next)
    } catch (err) {
      if (!(err instanceof Error)) throw err
      c.res = handleError(err, c)
    }
  }

  const log = config.requestLog
  return async (c, next) => {
    const started = performance.now()
    const method = c.req.method
    let res: Response | undefined
    try {
      if (method === 'OPTIONS') res = preflight(c)
      else {
        refuseTraversal(c)
        const ip = clientIp(c, config.trustProxy)
        c.set('ip', ip)
        const body = method !== 'GET' && method !== 'HEAD'
        const write = body && !CKAN_ACTION.test(c.req.path)
        if (write) writable()
        const auth = await authenticate(c, store, config.now)
        const token = auth.ok ? auth.token : undefined
        if (limiter && limits) {
          const key = rateLimitKey(write, token ? { tokenId: token.id } : { ip })
          await checkRateLimit(limiter, limits, write, key)
        }
        if (!auth.ok) throw auth.error
        if (token) c.set('token', token)
        if (write) await audit(c, () => guarded(c, next))
        else if (body) await receive(c, next)
        else await next()
      }
    } catch (err) {
      if (!(err instanceof Error)) throw err
      res = handleError(err, c)
    }
    const answer = res ?? c.res
    completeHeaders(answer, method)
    if (log) {
      const id = requestId()
      answer.headers.set('x-request-id', id)
      logRequest(c, answer, id, started, config.now, log)
    }
    return res
  }
}
