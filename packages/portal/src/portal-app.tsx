import { Hono } from 'hono'
import { accessRoutes } from './access-routes.js'
import { catalogueRoutes } from './catalogue-routes.js'
import { committeeRoutes } from './committee-routes.js'
import { homeRoutes } from './home-routes.js'
import { libraryRoutes } from './library-routes.js'
import { participationRoutes } from './participation-routes.js'
import { type PortalAudit, portalContext } from './portal-context.js'
import type { PortalSource } from './portal-source.js'
import { recordRoutes } from './record-routes.js'
import { requestRoutes } from './request-routes.js'
import { errorPageHtml, SITE_VARIABLE } from './responses.js'
import type { SessionStore } from './sessions.js'
import type { OrganContact, SiteIdentity, XxgkTexts } from './site.js'
import { xxgkRoutes } from './xxgk-routes.js'

/** Options of {@link portalApp}. */
export interface PortalOptions {
  /** Where committee sessions are kept ({@link openSessionStore} on the host's store). */
  sessions: SessionStore
  /** Public base URL without trailing slash: QR codes and links point at it. */
  baseUrl: string
  /** Clock (default: the system clock). */
  now?: () => Date
  /** Lets the host's audit log name the token and the target behind each page write. */
  audit?: PortalAudit
  /** The site's identity (config `site`, its organ resolved from `organs[]`): header and footer. */
  site?: SiteIdentity
  /** The 公开专栏 texts (config `xxgk`); each page is generated where its text is absent. */
  xxgk?: XxgkTexts
  /** The organs that receive 依申请公开 requests (config `organs[]`), for the 指南. */
  organs?: readonly OrganContact[]
}

/**
 * The portal pages on a {@link PortalSource}, as a Hono app to mount (`app.route('/', portal)`):
 * server-rendered HTML in Chinese that works without JavaScript. Mount it after the host's own
 * routes so it never shadows them. Writes need a committee session (HttpOnly, SameSite=Strict
 * cookie) and the session's CSRF token.
 * @example app.route('/', portalApp(source, { sessions: openSessionStore(store), baseUrl }))
 */
export function portalApp(source: PortalSource, options: PortalOptions): Hono {
  const app = new Hono()
  const ctx = portalContext(source, options)
  // Every page's layout shows the site identity: page() reads it from the request.
  app.use('*', async (c, next) => {
    ;(c.set as (key: string, value: unknown) => void)(SITE_VARIABLE, ctx.site)
    await next()
  })
  // Standalone, unknown paths get the HTML 404 (a host app mounting the portal answers its own).
  app.notFound((c) => {
    c.header('cache-control', 'no-cache')
    return c.html(errorPageHtml(404, ctx.site, c.req.path), 404)
  })
  homeRoutes(app, ctx)
  xxgkRoutes(app, ctx)
  catalogueRoutes(app, ctx)
  libraryRoutes(app, ctx)
  accessRoutes(app, ctx)
  committeeRoutes(app, ctx)
  recordRoutes(app, ctx)
  requestRoutes(app, ctx)
  participationRoutes(app, ctx)
  return app
}
