import { type CatalogPageFormat, catalogToJsonLd, catalogToTurtle } from '@gongkai/open-data'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { checkQuery } from '../http/params.js'
import { sendJson, sendText } from '../http/respond.js'
import { catalogMeta, negotiateRdf, seeOther } from './linked-data.js'

/** Datasets per page of the DCAT catalogue (as ckanext-dcat). */
export const DCAT_PAGE_SIZE = 100

/**
 * The catalogue input of the page asked for. `format` is the extension of the path it was asked at
 * (`/catalog.ttl`): the Hydra links keep it; the negotiated `/catalog` has none.
 */
async function pagedInput(c: Context<Env>, deps: GatewayDeps, format?: CatalogPageFormat) {
  const q = checkQuery(c, ['page'])
  if (q.page !== undefined && !/^[1-9]\d{0,6}$/.test(q.page))
    throw badParam('page', 'a page number from 1', q.page)
  const input = await deps.datastore.catalogInput(deps.config.baseUrl, catalogMeta(deps))
  // Only public datasets reach DCAT; the writers filter closed ones too.
  const all = input.datasets.filter((d) => d.descriptor.openness !== 'closed')
  const total = all.length
  const number = q.page === undefined ? 1 : Number(q.page)
  const pages = Math.max(1, Math.ceil(total / DCAT_PAGE_SIZE))
  if (number > pages)
    throw new ApiError(
      'not_found',
      `page ${number} does not exist; the catalogue has ${pages} page(s)`,
      { page: number, pages }
    )
  const paged = total > DCAT_PAGE_SIZE || q.page !== undefined
  return {
    ...input,
    datasets: all.slice((number - 1) * DCAT_PAGE_SIZE, number * DCAT_PAGE_SIZE),
    ...(paged ? { page: { number, size: DCAT_PAGE_SIZE, total, format } } : {}),
  }
}

async function sendCatalog(
  c: Context<Env>,
  deps: GatewayDeps,
  view: 'jsonld' | 'turtle',
  format?: CatalogPageFormat
) {
  const input = await pagedInput(c, deps, format)
  if (view === 'jsonld')
    return sendJson(c, catalogToJsonLd(input), {
      contentType: 'application/ld+json; charset=utf-8',
      cache: 'list',
    })
  return sendText(c, await catalogToTurtle(input), {
    contentType: 'text/turtle; charset=utf-8',
    cache: 'list',
  })
}

/**
 * `/catalog` (the catalogue's IRI, negotiated by Accept), `/catalog.jsonld` and `/catalog.ttl`:
 * DCAT-AP 3 of every public dataset, Hydra-paged by 100; a page's Hydra links (first, last,
 * next, previous) name the same path, so each page of `/catalog.ttl` links Turtle pages.
 */
export function dcatRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/catalog',
      summary:
        'The DCAT catalogue IRI: Turtle or JSON-LD by Accept (default JSON-LD); HTML → 303 to the portal /datasets',
      tag: 'dcat',
      query: { page: 'page number from 1' },
      produces: ['application/ld+json', 'text/turtle'],
    },
    async (c) => {
      const view = negotiateRdf(c.req.header('accept'))
      if (view === 'html') {
        checkQuery(c, ['page'])
        return seeOther(c, `${deps.config.baseUrl}/datasets`)
      }
      return sendCatalog(c, deps, view)
    }
  )
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/catalog.jsonld',
      summary: 'DCAT-AP 3 catalogue as JSON-LD (Hydra paging, 100 datasets a page)',
      tag: 'dcat',
      query: { page: 'page number from 1' },
      produces: ['application/ld+json'],
    },
    async (c) => sendCatalog(c, deps, 'jsonld', 'jsonld')
  )
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/catalog.ttl',
      summary: 'DCAT-AP 3 catalogue as Turtle (Hydra paging, 100 datasets a page)',
      tag: 'dcat',
      query: { page: 'page number from 1' },
      produces: ['text/turtle'],
    },
    async (c) => sendCatalog(c, deps, 'turtle', 'ttl')
  )
}
