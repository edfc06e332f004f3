import type { DatasetDetail, VersionInfo as DatasetVersionInfo } from '@gongkai/open-data'
import type { Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { mayReadData, servedVersion } from '../services/dataset-access.js'
import { datasetLinks, publicDatasets } from '../services/dataset-views.js'

/** CKAN error types and the HTTP status CKAN's API view gives each. */
const CKAN_STATUS = {
  'Bad Request': 400,
  'Authorization Error': 403,
  'Not Found Error': 404,
  'Validation Error': 409,
  'Search Query Error': 400,
  'Service Unavailable': 503,
} as const satisfies Record<string, ContentfulStatusCode>

type CkanErrorType = keyof typeof CKAN_STATUS

/** An error in CKAN's shape. */
class CkanError extends Error {
  constructor(
    readonly type: CkanErrorType,
    message: string,
    readonly fields: Record<string, string[]> = {}
  ) {
    super(message)
  }
}

const ACTIONS = [
  'package_list',
  'package_search',
  'package_show',
  'organization_list',
  'datastore_search',
] as const
type Action = (typeof ACTIONS)[number]

const PARAMS: Record<Action, readonly string[]> = {
  package_list: ['limit', 'offset'],
  package_search: [
    'q',
    'fq',
    'fq_list',
    'rows',
    'start',
    'sort',
    'facet',
    'facet.field',
    'facet.limit',
    'facet.mincount',
    'include_private',
    'include_drafts',
  ],
  package_show: ['id', 'use_default_schema', 'include_tracking'],
  organization_list: ['all_fields', 'limit', 'offset', 'sort'],
  datastore_search: [
    'resource_id',
    'id',
    'filters',
    'q',
    'full_text',
    'limit',
    'offset',
    'sort',
    'fields',
    'include_total',
    'records_format',
    'plain',
    'distinct',
    'language',
  ],
}

const TYPES: Record<string, string> = {
  string: 'text',
  integer: 'int',
  number: 'numeric',
  boolean: 'bool',
  date: 'date',
  datetime: 'timestamp',
  year: 'int',
  geopoint: 'text',
}

function help(deps: GatewayDeps, action: string): string {
  return `${deps.config.baseUrl}/api/3/action/help_show?name=${action}`
}

/** Parameters from the query string (GET) or the JSON body (POST), refusing unknown ones. */
async function readParams(c: Context<Env>, action: Action): Promise<Record<string, unknown>> {
  let params: Record<string, unknown> = {}
  if (c.req.method === 'POST') {
    const text = await c.req.text()
    if (text.trim() !== '') {
      try {
        const v: unknown = JSON.parse(text)
        if (typeof v !== 'object' || v === null || Array.isArray(v))
          throw new Error('not an object')
        params = v as Record<string, unknown>
      } catch {
        throw new CkanError(
          'Bad Request',
          'Bad request - JSON Error: request body must be a JSON object'
        )
      }
    }
  } else {
    for (const [k, v] of new URL(c.req.url).searchParams) params[k] = v
  }
  for (const k of Object.keys(params)) {
    if (k === 'callback' && c.req.method === 'GET') continue
    if (!PARAMS[action].includes(k))
      throw new CkanError('Validation Error', `Unknown parameter: ${k}`, {
        [k]: ['This parameter is not supported'],
      })
  }
  return params
}

function intParam(params: Record<string, unknown>, name: string, def: number, max: number): number {
  const v = params[name]
  if (v === undefined || v === '') return def
  const n = typeof v === 'number' ? v : /^\d{1,9}$/.test(String(v)) ? Number(v) : Number.NaN
  if (!Number.isInteger(n) || n < 0)
    throw new CkanError('Validation Error', `${name}: Must be a natural number`, {
      [name]: ['Must be a natural number'],
    })
  return Math.min(n, max)
}

function jsonParam(params: Record<string, unknown>, name: string): unknown {
  const v = params[name]
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v) as unknown
  } catch {
    throw new CkanError('Validation Error', `${name}: Could not parse as valid JSON`, {
      [name]: ['Could not parse as valid JSON'],
    })
  }
}

function resourcesOf(deps: GatewayDeps, d: DatasetDetail, v: DatasetVersionInfo | undefined) {
  const links = datasetLinks(deps, d.id)
  const files = v?.files ?? []
  const size = (f: string) => files.find((x) => x.format === f)?.bytes ?? null
  const created = v?.publishedAt ?? d.updatedAt
  return [
    {
      id: d.id,
      name: `${d.title} (CSV)`,
      format: 'CSV',
      mimetype: 'text/csv',
      url: links.csv,
      size: size('csv'),
      datastore_active: true,
    },
    {
      id: `${d.id}.json`,
      name: `${d.title} (JSON)`,
      format: 'JSON',
      mimetype: 'application/json',
      url: links.json,
      size: size('json'),
      datastore_active: false,
    },
    {
      id: `${d.id}.ndjson`,
      name: `${d.title} (NDJSON)`,
      format: 'NDJSON',
      mimetype: 'application/x-ndjson',
      url: links.ndjson,
      size: size('ndjson'),
      datastore_active: false,
    },
    {
      id: `${d.id}.jsonld`,
      name: `${d.title} (DCAT JSON-LD)`,
      format: 'JSON-LD',
      mimetype: 'application/ld+json',
      url: links.jsonld,
      size: null,
      datastore_active: false,
    },
  ].map((r, position) => ({
    ...r,
    package_id: d.id,
    position,
    state: 'active',
    created,
    last_modified: created,
    description: '',
  }))
}

async function packageDict(deps: GatewayDeps, d: DatasetDetail) {
  const versions = await deps.datastore.versions(d.id)
  const current = versions.find((v) => v.version === d.currentVersion)
  const first = versions[0]
  const x = d.descriptor
  const tags = (x.keywords ?? []).map((name) => ({
    name,
    display_name: name,
    state: 'active',
    vocabulary_id: null,
  }))
  const extras: { key: string; value: string }[] = [{ key: 'openness', value: d.openness }]
  if (x.field) extras.push({ key: 'field', value: x.field })
  if (x.updateFrequency) extras.push({ key: 'update_frequency', value: x.updateFrequency })
  if (d.currentVersion !== null)
    extras.push({ key: 'version_number', value: String(d.currentVersion) })
  return {
    id: d.id,
    name: d.id,
    title: d.title,
    notes: x.description,
    type: 'dataset',
    state: 'active',
    private: false,
    license_id: x.license,
    license_title: x.license,
    url: x.landingPage ?? `${deps.config.baseUrl}/datasets/${d.id}`,
    version: x.version ?? (d.currentVersion === null ? null : String(d.currentVersion)),
    author: x.publisher.name,
    maintainer: x.contact?.name ?? null,
    maintainer_email: x.contact?.email ?? null,
    metadata_created: x.issued ?? first?.publishedAt ?? d.updatedAt,
    metadata_modified: d.updatedAt,
    owner_org: x.publisher.id,
    organization: {
      id: x.publisher.id,
      name: x.publisher.id,
      title: x.publisher.name,
      type: 'organization',
      is_organization: true,
      state: 'active',
      description: '',
      image_url: '',
    },
    tags,
    num_tags: tags.length,
    groups: [],
    resources: resourcesOf(deps, d, current),
    num_resources: 4,
    extras,
  }
}

function matchesFq(d: DatasetDetail, fq: string): boolean {
  for (const m of fq.matchAll(/([a-z_]+):("([^"]*)"|\S+)/g)) {
    const key = m[1]
    const value = m[3] ?? (m[2] as string)
    const x = d.descriptor
    const ok =
      key === 'tags'
        ? (x.keywords ?? []).includes(value)
        : key === 'organization' || key === 'owner_org'
          ? x.publisher.id === value
          : key === 'res_format'
            ? ['CSV', 'JSON', 'NDJSON', 'JSON-LD'].includes(value.toUpperCase())
            : key === 'license_id'
              ? x.license === value
              : key === 'name' || key === 'id'
                ? d.id === value
                : key === 'openness'
                  ? d.openness === value
                  : key === 'field'
                    ? x.field === value
                    : (() => {
                        throw new CkanError(
                          'Search Query Error',
                          `Search Query Error: field "${key}" is not searchable`,
                          { fq: [`unknown field ${key}`] }
                        )
                      })()
    if (!ok) return false
  }
  return true
}

function facetValues(d: DatasetDetail, field: string): string[] {
  const x = d.descriptor
  switch (field) {
    case 'tags':
      return [...new Set(x.keywords ?? [])]
    case 'organization':
      return [x.publisher.id]
    case 'res_format':
      return ['CSV', 'JSON', 'NDJSON', 'JSON-LD']
    case 'license_id':
      return [x.license]
    case 'openness':
      return [d.openness]
    case 'field':
      return x.field ? [x.field] : []
    default:
      throw new CkanError('Validation Error', `facet.field: unknown field ${field}`, {
        'facet.field': [`unknown field ${field}`],
      })
  }
}

async function packageSearch(deps: GatewayDeps, params: Record<string, unknown>) {
  const rows = intParam(params, 'rows', 10, 1000)
  const start = intParam(params, 'start', 0, Number.MAX_SAFE_INTEGER)
  const q = typeof params.q === 'string' ? params.q.trim() : ''
  const fqs = [
    ...(typeof params.fq === 'string' ? [params.fq] : []),
    ...(Array.isArray(params.fq_list)
      ? params.fq_list.map(String)
      : typeof params.fq_list === 'string'
        ? [params.fq_list]
        : []),
  ]
  let facetFields: string[] = []
  if (params['facet.field'] !== undefined) {
    const f = jsonParam(params, 'facet.field')
    if (!Array.isArray(f) || f.some((x) => typeof x !== 'string')) {
      throw new CkanError('Validation Error', 'facet.field: must be a JSON list of field names', {
        'facet.field': ['must be a JSON list of strings'],
      })
    }
    facetFields = f as string[]
  }
  // CKAN takes -1 for "no limit"; anything else must be a natural number.
  const facetLimit =
    params['facet.limit'] === -1 || params['facet.limit'] === '-1'
      ? -1
      : intParam(params, 'facet.limit', 50, Number.MAX_SAFE_INTEGER)
  const facetMin = intParam(params, 'facet.mincount', 1, Number.MAX_SAFE_INTEGER)
  const sort =
    typeof params.sort === 'string' && params.sort.trim()
      ? params.sort.trim()
      : 'score desc, metadata_modified desc'
  const all = await publicDatasets(deps)
  const needle = q && q !== '*:*' ? q.toLowerCase().replace(/^text:/, '') : ''
  const matching = all.filter(
    (d) =>
      (!needle ||
        `${d.title}\n${d.descriptor.description}\n${(d.descriptor.keywords ?? []).join(' ')}\n${d.id}`
          .toLowerCase()
          .includes(needle)) &&
      fqs.every((fq) => matchesFq(d, fq))
  )
  const keys = sort.split(',').map((s) => {
    const [field, order = 'asc'] = s.trim().split(/\s+/)
    if (
      ![
        'score',
        'metadata_modified',
        'metadata_created',
        'title',
        'title_string',
        'name',
        'relevance',
      ].includes(field ?? '') ||
      !['asc', 'desc'].includes(order)
    ) {
      throw new CkanError(
        'Search Query Error',
        `Search Query Error: cannot sort by "${s.trim()}"`,
        { sort: ['unknown sort field or order'] }
      )
    }
    return { field: field as string, desc: order === 'desc' }
  })
  matching.sort((a, b) => {
    for (const k of keys) {
      const pick = (d: DatasetDetail) =>
        k.field === 'metadata_modified' || k.field === 'metadata_created'
          ? d.updatedAt
          : k.field.startsWith('title')
            ? d.title
            : k.field === 'name'
              ? d.id
              : ''
      const r = pick(a).localeCompare(pick(b))
      if (r) return k.desc ? -r : r
    }
    return a.id.localeCompare(b.id)
  })
  const facets: Record<string, Record<string, number>> = {}
  const search_facets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  > = {}
  for (const field of facetFields) {
    const counts: Record<string, number> = {}
    for (const d of matching)
      for (const v of facetValues(d, field)) counts[v] = (counts[v] ?? 0) + 1
    const entries = Object.entries(counts)
      .filter(([, n]) => n >= facetMin)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, facetLimit < 0 ? undefined : facetLimit)
    facets[field] = Object.fromEntries(entries)
    search_facets[field] = {
      title: field,
      items: entries.map(([name, count]) => ({ name, display_name: name, count })),
    }
  }
  const results = []
  for (const d of matching.slice(start, start + rows)) results.push(await packageDict(deps, d))
  return { count: matching.length, results, facets, search_facets, sort }
}

async function datastoreSearch(
  deps: GatewayDeps,
  c: Context<Env>,
  params: Record<string, unknown>
) {
  const rid = params.resource_id ?? params.id
  if (typeof rid !== 'string' || rid === '') {
    throw new CkanError('Validation Error', 'resource_id: Missing value', {
      resource_id: ['Missing value'],
    })
  }
  const ds = deps.datastore
  const d =
    /^[a-z0-9][a-z0-9_.-]*$/.test(rid) && !rid.includes('..') ? await ds.getDataset(rid) : undefined
  if (!d || d.openness === 'closed')
    throw new CkanError('Not Found Error', `Not found: Resource "${rid}" was not found.`)
  if (!mayReadData(c, d))
    throw new CkanError(
      'Authorization Error',
      `Access denied: resource "${rid}" is 有条件开放 and needs a granted token`
    )
  const limit = intParam(params, 'limit', 100, 10_000)
  const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER)
  const filters = jsonParam(params, 'filters') ?? {}
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    throw new CkanError('Validation Error', 'filters: must be a JSON object', {
      filters: ['must be a dict'],
    })
  }
  const columns = d.schema.fields.map((f) => f.name)
  for (const [k, v] of Object.entries(filters)) {
    if (!columns.includes(k))
      throw new CkanError('Validation Error', `filters: field "${k}" not in table`, {
        filters: [`field "${k}" not in table`],
      })
    if (typeof v === 'object' && v !== null)
      throw new CkanError('Validation Error', `filters: value of "${k}" must be a single value`, {
        filters: ['lists of values are not supported'],
      })
  }
  const qv = params.q ?? params.full_text
  if (qv !== undefined && typeof qv !== 'string')
    throw new CkanError('Validation Error', 'q: only a string query is supported', {
      q: ['only a string is supported'],
    })
  if (params.records_format !== undefined && params.records_format !== 'objects') {
    throw new CkanError('Validation Error', 'records_format: only "objects" is supported', {
      records_format: ['only objects'],
    })
  }
  let sort: { column: string; direction: 'asc' | 'desc' }[] | undefined
  if (typeof params.sort === 'string' && params.sort.trim()) {
    sort = params.sort.split(',').map((s) => {
      const [column = '', dir = 'asc'] = s.trim().replace(/"/g, '').split(/\s+/)
      if (!columns.includes(column) || !['asc', 'desc'].includes(dir.toLowerCase())) {
        throw new CkanError('Validation Error', `sort: field "${column}" not in table`, {
          sort: [`field "${column}" not in table`],
        })
      }
      return { column, direction: dir.toLowerCase() as 'asc' | 'desc' }
    })
  }
  await servedVersion(deps, d).catch((e: unknown) => {
    if (e instanceof ApiError) throw new CkanError('Not Found Error', `Not found: ${e.message}`)
    throw e
  })
  const r = await ds.rows(d.id, {
    filters: filters as Record<string, string>,
    q: typeof qv === 'string' && qv !== '' ? qv : undefined,
    sort,
    limit,
    offset,
  })
  if (!r.ok)
    throw new CkanError(
      'Validation Error',
      r.errors.map((e) => `${e.parameter}: ${e.message}`).join('; '),
      Object.fromEntries(r.errors.map((e) => [e.parameter, [e.message]]))
    )
  const action = `/api/3/action/datastore_search?resource_id=${encodeURIComponent(d.id)}`
  const links: Record<string, string> = {
    start: action,
    next: `${action}&offset=${offset + limit}`,
  }
  if (offset - limit > 0) links.prev = `${action}&offset=${offset - limit}`
  return {
    resource_id: d.id,
    fields: [
      { id: '_id', type: 'int' },
      ...d.schema.fields.map((f) => ({
        id: f.name,
        type: TYPES[f.type] ?? 'text',
        info: { label: f.title ?? f.name, notes: f.description ?? '' },
      })),
    ],
    // `_id` is the row's position in this result (the datastore keeps source order as the tie-break).
    records: r.items.map((row, i) => ({ _id: offset + i + 1, ...row })),
    total: r.total,
    total_was_estimated: false,
    limit,
    offset,
    filters,
    ...(typeof qv === 'string' ? { q: qv } : {}),
    ...(sort ? { sort: params.sort } : {}),
    include_total: true,
    records_format: 'objects',
    _links: links,
  }
}

async function runAction(
  deps: GatewayDeps,
  c: Context<Env>,
  action: Action,
  params: Record<string, unknown>
): Promise<unknown> {
  switch (action) {
    case 'package_list': {
      const limit = intParam(params, 'limit', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
      const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER)
      return (await publicDatasets(deps)).map((d) => d.id).slice(offset, offset + limit)
    }
    case 'package_show': {
      const id = params.id
      if (typeof id !== 'string' || id === '')
        throw new CkanError('Validation Error', 'id: Missing value', { id: ['Missing value'] })
      const d =
        /^[a-z0-9][a-z0-9_.-]*$/.test(id) && !id.includes('..')
          ? await deps.datastore.getDataset(id)
          : undefined
      if (!d || d.openness === 'closed') throw new CkanError('Not Found Error', 'Not found')
      return packageDict(deps, d)
    }
    case 'package_search':
      return packageSearch(deps, params)
    case 'organization_list': {
      const all = params.all_fields === true || params.all_fields === 'true'
      const orgs = new Map<string, string>([
        [deps.config.organisation.id, deps.config.organisation.name],
      ])
      if (deps.datastore)
        for (const d of await publicDatasets(deps))
          orgs.set(d.descriptor.publisher.id, d.descriptor.publisher.name)
      const counts = new Map<string, number>()
      if (deps.datastore)
        for (const d of await publicDatasets(deps))
          counts.set(d.descriptor.publisher.id, (counts.get(d.descriptor.publisher.id) ?? 0) + 1)
      const list = [...orgs].sort((a, b) => a[0].localeCompare(b[0]))
      const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER)
      const limit = intParam(params, 'limit', 1000, 1000)
      return list.slice(offset, offset + limit).map(([name, title]) =>
        all
          ? {
              id: name,
              name,
              title,
              display_name: title,
              type: 'organization',
              is_organization: true,
              state: 'active',
              package_count: counts.get(name) ?? 0,
              description: '',
              image_url: '',
            }
          : name
      )
    }
    case 'datastore_search':
      return datastoreSearch(deps, c, params)
  }
}

// CKAN answers `/api/action/…` (no version) as the latest version, which is 3.
const CKAN_PREFIXES = ['/api/3/action', '/api/action'] as const

/** CKAN Action API subset at `/api/3/action/*`, GET and POST, in CKAN's envelope and error shapes. */
export function ckanRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const handle = (action: Action) => async (c: Context<Env>) => {
    const send = (status: ContentfulStatusCode, body: unknown) => {
      c.header(
        'cache-control',
        c.req.method === 'GET' && status === 200 ? 'public, max-age=60' : 'no-store'
      )
      return c.json(body as object, status)
    }
    try {
      const params = await readParams(c, action)
      const result = await runAction(deps, c, action, params)
      return send(200, { help: help(deps, action), success: true, result })
    } catch (err) {
      if (err instanceof CkanError) {
        return send(CKAN_STATUS[err.type], {
          help: help(deps, action),
          success: false,
          error: { __type: err.type, message: err.message, ...err.fields },
        })
      }
      if (err instanceof ApiError && err.code === 'not_available') {
        return send(503, {
          help: help(deps, action),
          success: false,
          error: { __type: 'Service Unavailable', message: err.message },
        })
      }
      throw err
    }
  }
  for (const prefix of CKAN_PREFIXES) {
    for (const action of ACTIONS) {
      for (const method of ['get', 'post'] as const) {
        deps.routes.add(
          app,
          {
            method,
            path: `${prefix}/${action}`,
            summary: `CKAN ${action} (${method.toUpperCase()}): { help, success, result }`,
            tag: 'ckan',
            query:
              method === 'get'
                ? Object.fromEntries(PARAMS[action].map((p) => [p, 'as in CKAN']))
                : undefined,
          },
          handle(action)
        )
      }
    }
  }
  for (const prefix of CKAN_PREFIXES) {
    deps.routes.add(
      app,
      {
        method: 'get',
        path: `${prefix}/:action`,
        summary: 'Unknown CKAN actions: 400 in CKAN shape',
        tag: 'ckan',
      },
      (c) =>
        c.json(
          {
            help: help(deps, 'help_show'),
            success: false,
            error: {
              __type: 'Bad Request',
              message: `Bad request - Action name not known: ${String(c.req.param('action')).slice(0, 80)}`,
            },
          },
          400
        )
    )
  }
}
