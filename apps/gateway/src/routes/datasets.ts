import type { DatasetDetail } from '@gongkai/open-data'
import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import {
  checkId,
  checkQuery,
  decodeCursor,
  encodeCursor,
  parseEnum,
  parseLimit,
  parseText,
  pathId,
} from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { visibleDataset } from '../services/dataset-access.js'
import { datasetLinks, datasetView, publicDatasets } from '../services/dataset-views.js'
import { FIELD_CODES } from './catalogues.js'
import { datasetRowsRoute } from './dataset-rows.js'
import { datasetWriteRoutes } from './dataset-writes.js'

const isAfter = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string'

function facetCounts(items: DatasetDetail[]) {
  const facets: Record<'field' | 'publisher' | 'openness' | 'tag', Record<string, number>> = {
    field: {},
    publisher: {},
    openness: {},
    tag: {},
  }
  const inc = (f: Record<string, number>, k: string | undefined) => {
    if (k) f[k] = (f[k] ?? 0) + 1
  }
  for (const d of items) {
    inc(facets.field, d.descriptor.field)
    inc(facets.publisher, d.descriptor.publisher.id)
    inc(facets.openness, d.openness)
    for (const t of new Set(d.descriptor.keywords ?? [])) inc(facets.tag, t)
  }
  return facets
}

/** `GET /api/v1/datasets`: public datasets, filtered and paged, with facet counts. */
function listDatasetsRoute(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/datasets',
      summary: 'Datasets (never 非开放) with facet counts',
      tag: 'datasets',
      query: {
        q: 'text in title, description or keywords',
        field: 'field code',
        publisher: 'publisher id',
        openness: 'unconditional | conditional',
        tag: 'keyword',
        cursor: 'the `next` of the previous page',
        limit: '1-500 (default 50)',
      },
    },
    async (c) => {
      const q = checkQuery(c, ['q', 'field', 'publisher', 'openness', 'tag', 'cursor', 'limit'])
      const limit = parseLimit(q.limit)
      const after = decodeCursor(q.cursor, isAfter)?.after
      const text = parseText(q.q, 'q')?.toLowerCase()
      // 非开放 datasets are never listed, so `closed` is refused like any unknown class.
      parseEnum(q.openness, 'openness', ['unconditional', 'conditional'])
      parseEnum(q.field, 'field', FIELD_CODES)
      if (q.publisher !== undefined) checkId('publisher', q.publisher)
      parseText(q.tag, 'tag')
      const all = await publicDatasets(deps)
      const matching = all.filter((d) => {
        const x = d.descriptor
        return (
          (!q.field || x.field === q.field) &&
          (!q.publisher || x.publisher.id === q.publisher) &&
          (!q.openness || d.openness === q.openness) &&
          (!q.tag || (x.keywords ?? []).includes(q.tag)) &&
          (!text ||
            `${x.title}\n${x.description}\n${(x.keywords ?? []).join(' ')}`
              .toLowerCase()
              .includes(text))
        )
      })
      const start = after === undefined ? 0 : matching.findIndex((d) => d.id > after)
      const from = start < 0 ? matching.length : start
      const page = matching.slice(from, from + limit)
      const last = page[page.length - 1]
      const items = page.map((d) => ({
        id: d.id,
        title: d.title,
        description: d.descriptor.description,
        openness: d.openness,
        publisher: d.descriptor.publisher,
        field: d.descriptor.field ?? null,
        keywords: d.descriptor.keywords ?? [],
        currentVersion: d.currentVersion,
        updatedAt: d.updatedAt,
        links: datasetLinks(deps, d.id),
      }))
      return sendJson(
        c,
        {
          items,
          total: matching.length,
          next: from + limit < matching.length && last ? encodeCursor({ after: last.id }) : null,
          facets: facetCounts(matching),
        },
        { cache: 'list' }
      )
    }
  )
}

/** `GET /api/v1/datasets/:id`: descriptor, table schema, versions and links. */
function showDatasetRoute(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/datasets/:id',
      summary: 'A dataset: descriptor, table schema, versions, links',
      tag: 'datasets',
    },
    async (c) => {
      checkQuery(c, [])
      const d = await visibleDataset(deps, pathId(c, 'id'))
      return sendJson(c, await datasetView(deps, d), { cache: 'list' })
    }
  )
}

/** Dataset routes: list with facets, show, rows, publish, new versions, withdrawals. */
export function datasetRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  listDatasetsRoute(app, deps)
  showDatasetRoute(app, deps)
  datasetRowsRoute(app, deps)
  datasetWriteRoutes(app, deps)
}
