import type { Hono } from 'hono'
import type { PortalContext } from './portal-context.js'
import { ApplyPage } from './request-pages.js'
import { page } from './responses.js'
import type { OrganContact } from './site.js'
import {
  AnnualReportsPage,
  cataloguesInForce,
  GuidePage,
  ProactivePage,
  RulesPage,
  XxgkIndexPage,
} from './xxgk-pages.js'

/**
 * The 政府信息公开 column: `/xxgk` with its guide, rules and proactive-disclosure pages, the
 * requests pages' 依申请公开 guide inside the column, and the annual reports, each linking the
 * requests pages' printable report.
 */
export function xxgkRoutes(app: Hono, ctx: PortalContext): void {
  const { source, site, xxgk } = ctx
  const inForce = async () => {
    const [all, top] = await Promise.all([source.catalogues(), source.topLayers()])
    return cataloguesInForce(all, new Set(top))
  }
  // The organs that receive requests (config organs[], through the source), the site's organ first.
  const organs = async (): Promise<OrganContact[]> => {
    const all: OrganContact[] = [...(await source.organs())]
    for (const o of ctx.organs) if (!all.some((x) => x.id === o.id)) all.push(o)
    const first = site.organ?.id
    return all.sort((a, b) => Number(b.id === first) - Number(a.id === first))
  }

  app.get('/xxgk', (c) => page(c, <XxgkIndexPage site={site} />))

  app.get('/xxgk/guide', async (c) => {
    const [list, catalogues] = await Promise.all([organs(), inForce()])
    return page(c, <GuidePage site={site} texts={xxgk} organs={list} catalogues={catalogues} />)
  })

  app.get('/xxgk/rules', async (c) =>
    page(c, <RulesPage site={site} texts={xxgk} catalogues={await inForce()} />)
  )

  app.get('/xxgk/proactive', async (c) =>
    page(c, <ProactivePage texts={xxgk} catalogues={await inForce()} />)
  )

  app.get('/xxgk/apply', async (c) => page(c, <ApplyPage organs={await organs()} inColumn />))

  app.get('/xxgk/annual-reports', async (c) =>
    page(
      c,
      <AnnualReportsPage organs={await organs()} today={ctx.now().toISOString().slice(0, 10)} />
    )
  )
}
