import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { checkQuery } from '../http/params.js'
import { sendJson } from '../http/respond.js'

/** `GET /healthz`: the store answers, and which optional services are available. */
export function healthRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    { method: 'get', path: '/healthz', summary: 'Liveness and readiness', tag: 'health' },
    async (c) => {
      checkQuery(c, [])
      await deps.store.get('SELECT 1 AS ok')
      return sendJson(
        c,
        {
          status: 'ok',
          store: deps.store.dialect,
          catalogues: (await deps.catalogues.list()).length,
          datastore: 'available',
          contentIndex: 'available',
        },
        { cache: 'no-store' }
      )
    }
  )
}
