import type { Hono } from 'hono'
import { faviconIco, faviconSvg } from './assets/favicon.js'
import { portalCss, portalCssHash } from './assets/portal-css.js'
import { HomePage } from './home-pages.js'
import type { PortalContext } from './portal-context.js'
import { page } from './responses.js'
import { SEARCH_PARAMS, SearchPage } from './search-page.js'
import { displayCatalogue } from './template-display.js'

/** The style sheet, the home page and search. */
export function homeRoutes(app: Hono, { source }: PortalContext): void {
  app.get('/assets/portal.css', (c) => {
    // Versioned URL (?v=hash): the content never changes under it, so cache it for a year.
    const versioned = c.req.query('v') === portalCssHash
    c.header('content-type', 'text/css; charset=utf-8')
    c.header(
      'cache-control',
      versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
    )
    return c.body(portalCss)
  })

  // The icon never changes under these URLs within a release: cache it for a day.
  app.get('/assets/favicon.svg', (c) => {
    c.header('content-type', 'image/svg+xml')
    c.header('cache-control', 'public, max-age=86400')
    return c.body(faviconSvg)
  })
  app.get('/favicon.ico', (c) => {
    c.header('content-type', 'image/x-icon')
    c.header('cache-control', 'public, max-age=86400')
    return c.body(faviconIco)
  })

  // Home and search show the top layers only: the layers below them would repeat their rows.
  const tops = async () => {
    const [catalogues, top] = await Promise.all([source.catalogues(), source.topLayers()])
    const ids = new Set(top)
    return catalogues.filter((x) => ids.has(x.id)).map(displayCatalogue)
  }

  app.get('/', async (c) => {
    const [catalogues, documents, datasets] = await Promise.all([
      tops(),
      source.documents(),
      source.datasets(),
    ])
    return page(
      c,
      <HomePage
        catalogues={catalogues.filter((x) => !x.template || x.kind !== 'standard')}
        documents={documents.length}
        datasets={datasets.length}
      />
    )
  })

  app.get('/search', async (c) => {
    const params: Record<string, string> = {}
    for (const k of SEARCH_PARAMS) {
      const v = c.req.query(k)
      if (v !== undefined && v !== '') params[k] = v
    }
    if (!params.q?.trim()) return page(c, <SearchPage params={params} />)
    const answer = await source.search(params)
    if (!answer.ok)
      return page(c, <SearchPage params={params} error={`无法搜索：${answer.message}`} />, 400)
    return page(c, <SearchPage params={params} page={answer.page} />)
  })
}
