import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatasetDetail, RangeFilter } from '@gongkai/open-data'
import type { Dataset, TableSchema } from '@gongkai/schema'
import type { Context, Hono } from 'hono'
import type { TokenInfo } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { onlyKeys, readJsonObject, requiredString } from '../http/body.js'
import {
  checkId,
  checkQuery,
  decodeCursor,
  encodeCursor,
  parseEnum,
  parseLimit,
  parseOffset,
  parseText,
  pathId,
} from '../http/params.js'
import { type PreparedAnswer, prepareAnswer, sendPrepared } from '../http/prepared-answer.js'
import { sendJson } from '../http/respond.js'
import { clientFileName, scrubPaths } from '../http/scrub-paths.js'
import { requireRole } from '../middleware/auth.js'
import { assertReadable, visibleDataset } from '../services/dataset-access.js'
import { PageCache } from '../services/page-cache.js'
import { StampedCache } from '../services/stamped-cache.js'
import { FIELD_CODES } from './catalogues.js'

const isAfter = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string'

/** Every public (not closed) dataset with its descriptor. */
export async function publicDatasets(deps: GatewayDeps): Promise<DatasetDetail[]> {
  const ds = deps.datastore
  const out: DatasetDetail[] = []
  for (const s of await ds.listDatasets()) {
    if (s.openness === 'closed') continue
    const d = await ds.getDataset(s.id)
    if (d && d.openness !== 'closed') out.push(d)
  }
  return out.sort((a, b) => a.id.localeCompare(b.id))
}

/** Links of a dataset's downloads. */
export function datasetLinks(deps: GatewayDeps, id: string) {
  const b = `${deps.config.baseUrl}/datasets/${id}`
  return {
    self: `${deps.config.baseUrl}/api/v1/datasets/${id}`,
    rows: `${deps.config.baseUrl}/api/v1/datasets/${id}/rows`,
    csv: `${b}.csv`,
    json: `${b}.json`,
    ndjson: `${b}.ndjson`,
    jsonld: `${b}.jsonld`,
    ttl: `${b}.ttl`,
    csvMetadata: `${b}.csv-metadata.json`,
  }
}

/** The dataset as `GET /api/v1/datasets/:id` shows it. */
export async function datasetView(deps: GatewayDeps, d: DatasetDetail) {
  const versions = await deps.datastore.versions(d.id)
  return { ...d, versions, links: datasetLinks(deps, d.id) }
}

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

function parseVersion(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d{0,6}$/.test(value)) throw badParam('version', 'a version number (1, 2, …)', value)
  return Number(value)
}

interface Upload {
  descriptor: Dataset
  schema: TableSchema
  /** Server-side temporary file: never shown to the client. */
  csvFile: string
  /** The name errors show for the CSV: the client's file name, else `upload.csv`. */
  csvName: string
}

/** Reads `{ descriptor, schema, csv }` (JSON) or multipart fields `descriptor`, `schema`, `csv` (file or text). */
async function readUpload(
  c: Context<Env>,
  deps: GatewayDeps,
  fallback?: DatasetDetail
): Promise<Upload> {
  const type = c.req.header('content-type') ?? ''
  let descriptor: unknown
  let schema: unknown
  let csv: string | Uint8Array
  let csvName = clientFileName(undefined)
  const parseField = (name: string, v: unknown) => {
    if (v === undefined) return undefined
    if (typeof v !== 'string') return v
    try {
      return JSON.parse(v) as unknown
    } catch (err) {
      throw new ApiError('validation_failed', `"${name}" is not valid JSON`, [
        {
          pointer: `/${name}`,
          keyword: 'json',
          message: (err as Error).message,
          expected: 'JSON',
          actual: v.slice(0, 80),
        },
      ])
    }
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody()
    descriptor = parseField('descriptor', form.descriptor)
    schema = parseField('schema', form.schema)
    const f = form.csv ?? form.file
    if (f instanceof File) {
      csv = new Uint8Array(await f.arrayBuffer())
      csvName = clientFileName(f.name)
    } else if (typeof f === 'string') csv = f
    else
      throw new ApiError('validation_failed', 'multipart field "csv" (a file) is required', [
        {
          pointer: '/csv',
          keyword: 'required',
          message: 'missing',
          expected: 'file',
          actual: 'null',
        },
      ])
  } else {
    const body = await readJsonObject(c)
    onlyKeys(body, ['descriptor', 'schema', 'csv'])
    descriptor = body.descriptor
    schema = body.schema
    csv = requiredString(body, 'csv', Number.MAX_SAFE_INTEGER)
  }
  descriptor ??= fallback?.descriptor
  schema ??= fallback?.schema
  if (typeof descriptor !== 'object' || descriptor === null) {
    throw new ApiError(
      'validation_failed',
      '"descriptor" (a dataset descriptor object) is required',
      [
        {
          pointer: '/descriptor',
          keyword: 'required',
          message: 'missing',
          expected: 'object',
          actual: JSON.stringify(descriptor ?? null),
        },
      ]
    )
  }
  if (typeof schema !== 'object' || schema === null) {
    throw new ApiError('validation_failed', '"schema" (a table schema object) is required', [
      {
        pointer: '/schema',
        keyword: 'required',
        message: 'missing',
        expected: 'object',
        actual: JSON.stringify(schema ?? null),
      },
    ])
  }
  // The datastore reads sources from files (encoding and delimiter detection); write a private temp file.
  const dir = join(deps.config.filesDir, '.uploads')
  await mkdir(dir, { recursive: true })
  const csvFile = join(dir, `${randomBytes(12).toString('hex')}.csv`)
  await writeFile(csvFile, csv)
  return { descriptor: descriptor as Dataset, schema: schema as TableSchema, csvFile, csvName }
}

function authorisePublisher(c: Context<Env>, org: string | undefined): TokenInfo {
  const token = requireRole(c, ['publisher'])
  if (token.org !== org) {
    throw new ApiError(
      'forbidden',
      `a publisher of "${token.org}" may not publish for "${org ?? '(none)'}"`,
      {
        tokenOrg: token.org,
        publisher: org ?? null,
      }
    )
  }
  return token
}

async function publish(c: Context<Env>, deps: GatewayDeps, upload: Upload) {
  const ds = deps.datastore
  try {
    const r = await ds.publish({
      descriptor: upload.descriptor,
      schema: upload.schema,
      source: upload.csvFile,
    })
    // Row errors and findings name the temporary file; the client knows its upload by its name.
    const hide = [
      [upload.csvFile, upload.csvName],
      [deps.config.filesDir, '…'],
    ] as const
    if (!r.ok) {
      throw new ApiError(
        'validation_failed',
        scrubPaths(`dataset not published: ${r.reason}`, hide),
        scrubPaths(
          {
            reason: r.reason,
            errors: r.errors,
            errorCount: r.errorCount ?? r.errors.length,
            findings: r.findings,
          },
          hide
        )
      )
    }
    const id = upload.descriptor.id
    const at = deps.config.now().toISOString()
    await deps.events.add({
      at,
      kind: 'dataset.published',
      target: `datasets/${id}/versions/${r.version}`,
      title: `${upload.descriptor.title}（第 ${r.version} 版）`,
      link: `${deps.config.baseUrl}/api/v1/datasets/${id}`,
      summary: `${r.rowCount} 行`,
    })
    return sendJson(
      c,
      {
        id,
        version: r.version,
        rowCount: r.rowCount,
        skipped: scrubPaths(r.skipped, hide),
        findings: scrubPaths(r.findings, hide),
        links: datasetLinks(deps, id),
      },
      { status: 201, headers: { location: `${deps.config.baseUrl}/api/v1/datasets/${id}` } }
    )
  } finally {
    await rm(upload.csvFile, { force: true })
  }
}

/** Dataset routes: list with facets, show, rows, publish, new versions, withdrawals. */
export function datasetRoutes(app: Hono<Env>, deps: GatewayDeps): void {
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
        JSON.stringify({ items: r.items, total: r.total, next: r.next, version: r.version }),
        { cache }
      )
      pages.set(key, page)
      return sendPrepared(c, page)
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/datasets',
      summary: 'Publish a new dataset: descriptor + table schema + CSV (JSON or multipart)',
      tag: 'datasets',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['descriptor', 'schema', 'csv'],
        properties: {
          descriptor: { $ref: '#/components/schemas/dataset' },
          schema: { $ref: '#/components/schemas/table-schema' },
          csv: { type: 'string', description: 'the CSV text' },
        },
      },
    },
    async (c) => {
      requireRole(c, ['publisher'])
      const upload = await readUpload(c, deps)
      try {
        const id = upload.descriptor.id
        if (typeof id === 'string') c.set('auditTarget', id)
        authorisePublisher(c, upload.descriptor.publisher?.id)
        const existing = typeof id === 'string' ? await deps.datastore.getDataset(id) : undefined
        if (existing)
          throw new ApiError(
            'conflict',
            `dataset "${id}" exists; POST /api/v1/datasets/${id}/versions adds a version`,
            { dataset: id }
          )
        return await publish(c, deps, upload)
      } finally {
        await rm(upload.csvFile, { force: true })
      }
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/datasets/:id/versions',
      summary: 'Publish a new version (CSV; descriptor and schema default to the current ones)',
      tag: 'datasets',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['csv'],
        properties: {
          descriptor: { $ref: '#/components/schemas/dataset' },
          schema: { $ref: '#/components/schemas/table-schema' },
          csv: { type: 'string' },
        },
      },
    },
    async (c) => {
      const id = pathId(c, 'id')
      c.set('auditTarget', id)
      const ds = deps.datastore
      requireRole(c, ['publisher'])
      const existing = await ds.getDataset(id)
      if (!existing)
        throw new ApiError('not_found', `dataset "${id}" does not exist`, { dataset: id })
      authorisePublisher(c, existing.descriptor.publisher.id)
      const upload = await readUpload(c, deps, existing)
      if (upload.descriptor.id !== id) {
        await rm(upload.csvFile, { force: true })
        throw new ApiError(
          'validation_failed',
          `descriptor id "${upload.descriptor.id}" differs from "${id}"`,
          [
            {
              pointer: '/descriptor/id',
              keyword: 'const',
              message: 'must equal the id in the path',
              expected: id,
              actual: JSON.stringify(upload.descriptor.id),
            },
          ]
        )
      }
      authorisePublisher(c, upload.descriptor.publisher?.id)
      return publish(c, deps, upload)
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/datasets/:id/versions/:version/withdrawal',
      summary: 'Withdraw a version with a reason (kept and listed as withdrawn, never deleted)',
      tag: 'datasets',
      access: 'token',
      body: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
    },
    async (c) => {
      const id = pathId(c, 'id')
      const version = parseVersion(c.req.param('version'))
      c.set('auditTarget', `${id}@${version}`)
      const ds = deps.datastore
      requireRole(c, ['publisher'])
      const existing = await ds.getDataset(id)
      if (!existing)
        throw new ApiError('not_found', `dataset "${id}" does not exist`, { dataset: id })
      authorisePublisher(c, existing.descriptor.publisher.id)
      const body = await readJsonObject(c)
      onlyKeys(body, ['reason'])
      const reason = requiredString(body, 'reason')
      const r = await ds.withdraw(id, version as number, reason)
      if (!r.ok) throw new ApiError('conflict', r.message, { dataset: id, version })
      await deps.events.add({
        at: deps.config.now().toISOString(),
        kind: 'dataset.withdrawn',
        target: `datasets/${id}/versions/${version}/withdrawn`,
        title: `撤回：${existing.title}（第 ${version} 版）`,
        link: `${deps.config.baseUrl}/api/v1/datasets/${id}`,
        summary: reason,
      })
      return sendJson(c, { id, version, withdrawn: true, reason, currentVersion: r.currentVersion })
    }
  )
}
