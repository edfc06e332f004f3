import type { Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { queryError } from '../http/query-error.js'
import { sendText } from '../http/respond.js'
import { ACTIONS, type CkanAction } from './ckan/ckan-actions.js'
import { CKAN_STATUS, CkanError } from './ckan/ckan-error.js'
import { readParams } from './ckan/ckan-params.js'

// CKAN answers `/api/action/…` (no version) as the latest version, which is 3.
const CKAN_PREFIXES = ['/api/3/action', '/api/action'] as const

function help(deps: GatewayDeps, action: string): string {
  return `${deps.config.baseUrl}/api/3/action/help_show?name=${action}`
}

/**
 * Sends a CKAN answer through the API's one text sender: ETag and 304 on GET, br/gzip when
 * accepted; public for a minute, private when it holds 有条件开放 data; JSONP on GET with `callback`.
 */
function send(
  c: Context<Env>,
  status: ContentfulStatusCode,
  body: unknown,
  options: { callback?: string; conditional?: boolean; headers?: Record<string, string> } = {}
) {
  const json = JSON.stringify(body)
  const cacheable = status === 200 && (c.req.method === 'GET' || c.req.method === 'HEAD')
  return sendText(c, options.callback ? `${options.callback}(${json});` : json, {
    status,
    contentType: options.callback
      ? 'application/javascript; charset=utf-8'
      : 'application/json; charset=utf-8',
    cache: options.conditional ? 'private' : 'list',
    headers: { ...(cacheable ? {} : { 'cache-control': 'no-store' }), ...options.headers },
  })
}

/** The bare JSON string CKAN answers (400) for an unknown action or an unreadable body. */
function badRequest(c: Context<Env>, message: string) {
  return send(c, 400, message)
}

/**
 * The CKAN Action API at `/api/3/action/*` (and `/api/action/*`): every action by GET (query
 * string) and POST (JSON body), in CKAN's `{ help, success, result }` envelope and error shapes.
 */
export function ckanRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const handle = (name: string, action: CkanAction) => async (c: Context<Env>) => {
    let callback: string | undefined
    try {
      const read = await readParams(c, action.params)
      callback = read.callback
      const answer = await action.run(deps, c, read.params)
      return send(
        c,
        200,
        { help: help(deps, name), success: true, result: answer.result },
        { callback, conditional: answer.conditional }
      )
    } catch (err) {
      if (err instanceof CkanError) {
        if (err.type === 'Bad Request') return badRequest(c, err.message)
        return send(
          c,
          CKAN_STATUS[err.type],
          {
            help: help(deps, name),
            success: false,
            error: { __type: err.type, message: err.message, ...err.fields },
          },
          { callback }
        )
      }
      const query = queryError(err)
      if (query) {
        // CKAN's shapes: a refused query is a Search Query Error; a cut or busy one is unavailable.
        const type = query.status === 400 ? 'Search Query Error' : 'Service Unavailable'
        return send(
          c,
          CKAN_STATUS[type],
          {
            help: help(deps, name),
            success: false,
            error: { __type: type, message: query.message },
          },
          { callback, headers: query.headers }
        )
      }
      if (err instanceof ApiError && err.code === 'not_available') {
        return send(c, 503, {
          help: help(deps, name),
          success: false,
          error: { __type: 'Service Unavailable', message: err.message },
        })
      }
      throw err
    }
  }
  for (const prefix of CKAN_PREFIXES) {
    for (const [name, action] of Object.entries(ACTIONS)) {
      for (const method of ['get', 'post'] as const) {
        deps.routes.add(
          app,
          {
            method,
            path: `${prefix}/${name}`,
            summary: `CKAN ${name} (${method === 'get' ? 'query string' : 'JSON body'}): { help, success, result }`,
            tag: 'ckan',
            description: action.help,
            query:
              method === 'get'
                ? Object.fromEntries(action.params.map((p) => [p, 'as in CKAN (see help_show)']))
                : undefined,
          },
          handle(name, action)
        )
      }
    }
    for (const method of ['get', 'post'] as const) {
      deps.routes.add(
        app,
        {
          method,
          path: `${prefix}/:action`,
          summary: "Unknown CKAN actions: 400 with CKAN's bare JSON string",
          tag: 'ckan',
        },
        (c) => badRequest(c, `Bad request - Action name not known: ${c.req.param('action')}`)
      )
    }
  }
}
