import { openSessionStore, portalApp, type SiteIdentity } from '@gongkai/portal'
import type { Hono } from 'hono'
import { getToken } from '../auth/tokens.js'
import type { GatewayDeps, Variables } from '../deps.js'
import { depsSource } from './deps-source.js'
import { tokenBoundSessions } from './token-sessions.js'

/**
 * The portal's HTML pages (`@gongkai/portal`) on the gateway's services, to mount after every API
 * and download route. Page writes carry a session, not a bearer token: the audit hooks put the
 * session's token and the created record where the gateway's audit log looks for them. A session
 * ends with its token (revoked or expired).
 */
export function portalRoutes(deps: GatewayDeps): Hono {
  return portalApp(depsSource(deps), {
    site: siteIdentity(deps.config),
    xxgk: deps.config.xxgk,
    organs: deps.config.organs,
    sessions: tokenBoundSessions(deps, openSessionStore(deps.store)),
    baseUrl: deps.config.baseUrl,
    now: deps.config.now,
    audit: {
      async writer(c, tokenId) {
        const info = tokenId ? await getToken(deps.store, tokenId) : undefined
        if (info) c.set('token', info satisfies Variables['token'])
      },
      target(c, id) {
        c.set('auditTarget', id satisfies Variables['auditTarget'])
      },
    },
  })
}

/** The portal's site identity from config `site`, its organ's contact data taken from `organs[]`. */
export function siteIdentity(config: GatewayDeps['config']): SiteIdentity {
  const { organ: organId, ...rest } = config.site
  const organ = organId ? config.organs.find((o) => o.id === organId) : undefined
  return organ ? { ...rest, organ } : rest
}
