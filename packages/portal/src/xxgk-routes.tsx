import type { Hono } from 'hono'
import type { PortalContext } from './portal-context.js'
import { page } from './responses.js'
import {
  cataloguesInForce,
  GuidePage,
  ProactivePage,
  RulesPage,
  XxgkIndexPage,
} from './xxgk-pages.js'

/** The 政府信息公开 column: `/xxgk` and its guide, rules and proactive-disclosure pages. */
export function xxgkRoutes(app: Hono, ctx: PortalContext): void {
  const { source, site, xxgk } = ctx
  const inForce = async () => {
    const [all, top] = await Promise.all([source.catalogues(), source.topLayers()])
    return cataloguesInForce(all, new Set(top))
  }

  app.get('/xxgk', (c) => page(c, <XxgkIndexPage site={site} />))

  app.get('/xxgk/guide', async (c) =>
    page(c, <GuidePage site={site} texts={xxgk} organs={ctx.organs} catalogues={await inForce()} />)
  )

  app.get('/xxgk/rules', async (c) =>
    page(c, <RulesPage site={site} texts={xxgk} catalogues={await inForce()} />)
  )

  app.get('/xxgk/proactive', async (c) =>
    page(c, <ProactivePage texts={xxgk} catalogues={await inForce()} />)
  )
}
