import type { DatasetDetail, RangeFilter } from '@gongkai/open-data'
import type { TableSchema } from '@gongkai/schema'
import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { checkQuery, parseLimit, parseOffset, parseText, pathId } from '../http/params.js'
import { type PreparedAnswer, prepareAnswer, sendPrepared } from '../http/prepared-answer.js'
import { assertReadable, visibleDataset } from '../services/dataset-access.js'
import { PageCache } from '../services/page-cache.js'
import { StampedCache } from '../services/stamped-cache.js'

const RANGE = /^(.+)\[(gte|lte|gt|lt)\]$/

/** Row filters from `?<column>=<value>` and `?<column>[gte]=<value>`; 400 naming an unknown column. */
function rowFilters(q: Record<string, string>, schema: TableSchema, reserved: readonly string[]) {
  const columns = new Set(schema.fields.map((f) => f.name))
  const filters: Record<string, string | RangeFilter> = {}
  for (const [k, v] of Object.entries(q)) {
    if (reserved.includes(k)) continue
    const m = RANGE.exec(k)
    const col = m ? (m[1] as string) : k
    if (!columns.has(col))
      throw badParam(
        k,
        `a column of the dataset (${[...columns].join(', ')}) or ${reserved.join(', ')}`
      )
    if (m) {
      const prev = filters[col]
      const range = typeof prev === 'object' && prev !== null ? prev : {}
      filters[col] = { ...range, [m[2] as string]: v }
    } else filters[col] = v
  }
  return filters
}

/** The query parameter a datastore error names (`filters.<col>.gte` → `<col>[gte]`). */
function queryName(parameter: string): string {
  if (!parameter.startsWith('filters.')) return parameter
  const rest = parameter.slice('filters.'.length)
  const m = /^(.+)\.(gte|lte|gt|lt)$/.exec(rest)
  return m ? `${m[1]}[${m[2]}]` : rest
}

function parseSort(value: string | undefined, schema: TableSchema) {
  if (value === undefined) return undefined
  const columns = new Set(schema.fields.map((f) => f.name))
  return value.split(',').map((part) => {
    const p = part.trim()
    const desc = p.startsWith('-')
    const column = desc ? p.slice(1) : p
    if (!columns.has(column))
      throw badParam(
        'sort',
        `column names of the dataset, "-" for descending (e.g. sort=区,-金额)`,
        value
      )
    return { column, direction: desc ? ('desc' as const) : ('asc' as const) }
  })
}

export function parseVersion(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d{0,6}$/.test(value)) throw badParam('version', 'a version number (1, 2, …)', value)
  return Number(value)
}

/** `GET /api/v1/datasets/:id/rows`: filtered, searched, sorted and paged rows, answers memoised per dataset state. */
export function datasetRowsRoute(app: Hono<Env>, deps: GatewayDeps): void {
  const ROW_PARAMS = ['sort', 'limit', 'cursor', 'offset', 'q', 'version'] as const
  const pages = new PageCache<PreparedAnswer>((a) => a.body.length)
  // Dataset details by id, valid while the store stamp holds (any publish or withdrawal moves it).
  const details = new StampedCache<DatasetDetail>(1000)
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/datasets/:id/rows',
      summary:
        'Rows with filters (?<column>=<value>, ?<column>[gte]=…), full-text q, sort, cursor paging',
      tag: 'datasets',
      query: {
        '<column>': 'equality filter on a column; <column>[gte|lte|gt|lt] for ranges',
        q: 'full-text search',
        sort: 'columns, "-" for descending, e.g. 区,-金额',
        limit: '1-500 (default 50)',
        cursor: 'the `next` of the previous page',
        offset: 'rows to skip (not with cursor)',
        version: 'version number (default current)',
      },
    },
    async (c) => {
      const id = pathId(c, 'id')
      const stamp = await deps.stamp()
      let d = details.get(id, stamp)
      if (!d) {
        d = await visibleDataset(deps, id)
        details.set(id, stamp, d)
      }
      assertReadable(c, d)
      const cache = d.openness === 'conditional' ? 'private' : 'list'
      // Rows of a version never change: the same query on the same dataset state is the same page.
      // A query string is cached only after it passed validation, so a hit needs no re-check.
      const url = c.req.url
      const qs = url.indexOf('?')
      const key = `${id}|${d.updatedAt}|${d.currentVersion}|${cache}|${qs < 0 ? '' : url.slice(qs)}`
      const hit = pages.get(key)
      if (hit !== undefined) return sendPrepared(c, hit)
      const q = checkQuery(c, ROW_PARAMS, (k) => !(ROW_PARAMS as readonly string[]).includes(k))
      const limit = parseLimit(q.limit)
      const filters = rowFilters(q, d.schema, ROW_PARAMS)
      if (q.cursor !== undefined && q.offset !== undefined)
        throw badParam('offset', 'no offset together with cursor')
      if (q.cursor !== undefined && !/^[A-Za-z0-9_=.-]{1,4000}$/.test(q.cursor))
        throw badParam('cursor', 'a cursor returned as `next`', q.cursor)
      const r = await deps.datastore.rows(id, {
        version: parseVersion(q.version),
        filters,
        q: parseText(q.q, 'q'),
        sort: parseSort(q.sort, d.schema),
        limit,
        cursor: q.cursor,
        offset: q.offset === undefined ? undefined : parseOffset(q.offset, 'offset'),
      })
      if (!r.ok) {
        const errors = r.errors.map((e) => ({ ...e, parameter: queryName(e.parameter) }))
        const first = errors[0]
        throw new ApiError(
          'bad_request',
          first ? `parameter "${first.parameter}": ${first.message}` : 'bad query',
          {
            parameter: first?.parameter ?? null,
            errors,
          }
        )
      }
      const page = prepareAnswer(
        JSON.stringify({
          items: r.items,
          total: r.total,
          totalEstimated: r.totalEstimated,
          next: r.next,
          version: r.version,
        }),
        { cache }
      )
      pages.set(key, page)
      return sendPrepared(c, page)
    }
  )
}
