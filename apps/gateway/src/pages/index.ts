import type { Hono } from 'hono'
import { getToken } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'
import { depsSource } from './deps-source'
import { portalApp } from './pages-app'
import { openSessionStore } from './sessions'

/**
 * The portal's HTML pages (hono/jsx, no client script), mounted after every API and download
 * route. They read and write through the same services as the API (`deps`).
 */
export function pagesRoutes(deps: GatewayDeps): Hono<Env> {
  return portalApp(depsSource(deps), {
    sessions: openSessionStore(deps.store),
    baseUrl: deps.config.baseUrl,
    now: deps.config.now,
    // Page writes carry a session, not a bearer token: name the session's token in the audit log.
    onWriter: async (c, tokenId) => {
      const info = tokenId ? await getToken(deps.store, tokenId) : undefined
      if (info) c.set('token', info)
    },
  }) as unknown as Hono<Env>
}
