import { errorPageHtml, type SiteIdentity } from '@gongkai/portal'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Env } from '../deps.js'
import { ApiError, errorBody } from '../http/api-error.js'
import { queryError } from '../http/query-error.js'
import { storeWriteError } from './store-guard.js'

/** App-level error handler: ApiError → its status and body; anything else → 500 without internals. */
export function handleError(err: Error, c: Context<Env>): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers)
  }
  const query = queryError(err) ?? storeWriteError(err)
  if (query) return handleError(query, c)
  if (err instanceof HTTPException) {
    const status = err.status
    const code =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request'
    return c.json(errorBody(code, err.message || 'request refused'), status)
  }
  // A malformed JSON body surfaces as a SyntaxError from c.req.json().
  if (err instanceof SyntaxError) {
    return c.json(errorBody('bad_request', `request body is not valid JSON: ${err.message}`), 400)
  }
  // A body read cut by its deadline can surface wrapped by the reader (the cause is ours).
  const cause = (err as { cause?: unknown }).cause
  if (cause instanceof ApiError) return handleError(cause, c)
  // A body the form parser cannot split (broken multipart, a wrong boundary) is the client's error.
  if (err instanceof TypeError && /parse body as FormData/i.test(err.message)) {
    return c.json(
      errorBody('bad_request', 'the form body cannot be read as multipart/form-data'),
      400
    )
  }
  console.error('[gateway] unhandled error', c.req.method, c.req.path, err)
  return c.json(errorBody('internal', 'internal error; the request was logged'), 500)
}

/** 404 for every path no route answers. */
function handleNotFound(c: Context<Env>): Response {
  return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404)
}

/**
 * Whether an error answer should be JSON: under /api, or when the client asks for JSON and not for
 * HTML. Every other path is a page (or a link to one) and gets the portal's HTML 404/500.
 */
function wantsJson(c: Context): boolean {
  const path = c.req.path
  if (path === '/api' || path.startsWith('/api/')) return true
  const accept = c.req.header('accept') ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}

/** 404 for every path no route answers: JSON under /api, the portal's HTML page elsewhere. */
export function notFoundHandler(site: SiteIdentity) {
  return (c: Context<Env>): Response => {
    if (wantsJson(c)) return handleNotFound(c)
    c.header('cache-control', 'no-cache')
    return c.html(errorPageHtml(404, site, c.req.path), 404)
  }
}

/** {@link handleError}, with an unexpected failure outside /api shown as the portal's HTML 500 page. */
export function errorHandler(site: SiteIdentity) {
  return (err: Error, c: Context<Env>): Response => {
    const res = handleError(err, c)
    if (res.status !== 500 || wantsJson(c)) return res
    c.header('cache-control', 'no-store')
    return c.html(errorPageHtml(500, site), 500)
  }
}
