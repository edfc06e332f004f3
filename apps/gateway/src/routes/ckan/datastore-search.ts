import { type FilterValue, MAX_LIMIT, type SortKey } from '@gongkai/open-data'
import type { TableSchema } from '@gongkai/schema'
import type { Context } from 'hono'
import type { Env, GatewayDeps } from '../../deps.js'
import { ApiError } from '../../http/api-error.js'
import { mayReadData, servedVersion } from '../../services/dataset-access.js'
import { CkanError, invalid } from './ckan-error.js'
import {
  boolParam,
  type CkanParams,
  intParam,
  jsonParam,
  nameList,
  requiredStr,
  single,
  strParam,
} from './ckan-params.js'

/** `datastore_search` parameters (`id` is CKAN's alias of `resource_id`). */
export const DATASTORE_SEARCH_PARAMS = [
  'resource_id',
  'id',
  'filters',
  'q',
  'full_text',
  'plain',
  'distinct',
  'limit',
  'offset',
  'fields',
  'sort',
  'include_total',
  'total_estimation_threshold',
  'records_format',
] as const

/** CKAN's default page of rows (`ckan.datastore.search.rows_default`). */
const LIMIT_DEFAULT = 100

/** The row-number column, as CKAN names its row id. */
const ROW_ID = '_id'

const TYPES: Record<string, string> = {
  string: 'text',
  integer: 'int',
  number: 'numeric',
  boolean: 'bool',
  date: 'date',
  datetime: 'timestamp',
  time: 'time',
  year: 'int',
  yearmonth: 'text',
  duration: 'interval',
  geopoint: 'text',
}

const FORMATS = ['objects', 'lists', 'csv', 'tsv'] as const
type RecordsFormat = (typeof FORMATS)[number]

/** Splits CKAN's sort string (`"名称" desc, 编号`) at commas outside double quotes. */
function parseSort(value: unknown, columns: ReadonlySet<string>): SortKey[] | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const parts: string[] = []
  if (Array.isArray(value)) {
    if (value.some((x) => typeof x !== 'string'))
      throw invalid('sort', 'must be a string or a list of strings')
    parts.push(...(value as string[]))
  } else if (typeof value === 'string') {
    let cur = ''
    let quoted = false
    for (const ch of value) {
      if (ch === '"') quoted = !quoted
      if (ch === ',' && !quoted) {
        parts.push(cur)
        cur = ''
      } else cur += ch
    }
    if (quoted) throw invalid('sort', 'a quote is not closed')
    parts.push(cur)
  } else throw invalid('sort', 'must be a string such as "名称, 编号 desc"')
  return parts.map((raw) => {
    const p = raw.trim()
    const m = /^(?:"((?:[^"]|"")+)"|([^\s"]+))(?:\s+(asc|desc))?$/i.exec(p)
    if (!m) throw invalid('sort', `"${p}" is not "<field> [asc|desc]"`)
    const column = m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] as string)
    if (!columns.has(column)) throw invalid('sort', `field "${column}" not in table`)
    return { column, direction: (m[3]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' }
  })
}

/** `filters`: a JSON object of field → value or list of values. */
function parseFilters(params: CkanParams, columns: ReadonlySet<string>) {
  const raw = jsonParam(params, 'filters') ?? {}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid('filters', 'must be a JSON object of field → value or list of values')
  const out: Record<string, FilterValue> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (!columns.has(k)) throw invalid('filters', `field "${k}" not in table`)
    const ok = (x: unknown) =>
      typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean'
    if (Array.isArray(v) ? !v.every(ok) : !ok(v))
      throw invalid('filters', `the value of "${k}" must be a value or a list of values`)
    out[k] = v as FilterValue
  }
  return out
}

/** `q`: a string (every text field), or an object of field → text (JSON in a query string). */
function parseQ(params: CkanParams, columns: ReadonlySet<string>) {
  const raw = single(params, 'q') ?? single(params, 'full_text')
  const name = params.q !== undefined ? 'q' : 'full_text'
  if (params.q !== undefined && params.full_text !== undefined)
    throw invalid('full_text', 'give q or full_text, not both')
  if (raw === undefined || raw === null) return undefined
  let v: unknown = raw
  if (typeof raw === 'string' && raw.trim().startsWith('{') && name === 'q')
    v = jsonParam(params, 'q')
  if (typeof v === 'string') return v
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw invalid(name, 'must be a string or an object of field → text')
  for (const [k, x] of Object.entries(v)) {
    if (!columns.has(k)) throw invalid(name, `field "${k}" not in table`)
    if (typeof x !== 'string') throw invalid(name, `the text for "${k}" must be a string`)
  }
  return v as Record<string, string>
}

/** One CSV/TSV cell as PostgreSQL's `COPY … CSV` writes it (CKAN's csv/tsv records). */
function cell(v: unknown, sep: string): string {
  if (v === null || v === undefined) return ''
  const s = typeof v === 'string' ? v : String(v)
  return s.includes(sep) || /["\r\n]/.test(s) || (typeof v === 'string' && s === '')
    ? `"${s.replace(/"/g, '""')}"`
    : s
}

/** A parameter as it goes back into a link's query string. */
function linkValue(v: unknown): string {
  return typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : JSON.stringify(v)
}

/**
 * `_links` as CKAN builds them: `start` (no offset), `next`, and `prev` when offset − limit > 0,
 * each keeping every other parameter of the call (a POST's body parameters go into the query
 * string, so the links are GETs that continue the same search).
 */
function links(path: string, params: CkanParams, offset: number, limit: number) {
  const base = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (k === 'offset' || v === undefined) continue
    if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
      // A repeated query parameter (or a list of names) stays a list.
      base.set(k, (v as string[]).join(','))
    else base.set(k, linkValue(v))
  }
  const at = (o: number | undefined) => {
    const q = new URLSearchParams(base)
    if (o !== undefined) q.set('offset', String(o))
    const s = q.toString()
    return s ? `${path}?${s}` : path
  }
  const out: Record<string, string> = { start: at(undefined), next: at(offset + limit) }
  if (offset - limit > 0) out.prev = at(offset - limit)
  return out
}

function fieldInfo(schema: TableSchema, name: string) {
  if (name === ROW_ID && !schema.fields.some((f) => f.name === ROW_ID))
    return { id: ROW_ID, type: 'int' }
  const f = schema.fields.find((x) => x.name === name)
  return {
    id: name,
    type: TYPES[f?.type ?? 'string'] ?? 'text',
    info: { label: f?.title ?? name, notes: f?.description ?? '' },
  }
}

/**
 * `datastore_search` on a dataset's table (resource id = dataset id). `_id` is the row's 1-based
 * source row number, stored at publish (header excluded; a skipped row leaves a gap), stable for
 * the life of the version (a dataset that declares its own `_id` column keeps it). Returns the answer and whether it may be cached publicly.
 */
export async function datastoreSearch(deps: GatewayDeps, c: Context<Env>, params: CkanParams) {
  const rid =
    params.resource_id !== undefined
      ? requiredStr(params, 'resource_id')
      : requiredStr(params, 'id')
  const d =
    /^[a-z0-9][a-z0-9_.-]*$/.test(rid) && !rid.includes('..')
      ? await deps.datastore.getDataset(rid)
      : undefined
  if (!d || d.openness === 'closed')
    throw new CkanError('Not Found Error', `Not found: Resource "${rid}" was not found.`)
  if (!mayReadData(c, d))
    throw new CkanError(
      'Authorization Error',
      `Access denied: resource "${rid}" is 有条件开放 (conditional) and needs a token granted this dataset`
    )
  await servedVersion(deps, d).catch((e: unknown) => {
    if (e instanceof ApiError) throw new CkanError('Not Found Error', `Not found: ${e.message}`)
    throw e
  })
  const columns = new Set([ROW_ID, ...d.schema.fields.map((f) => f.name)])
  // CKAN caps limit at its rows_max (32000) and says so in `limit`; ours is the datastore's maximum.
  const limit = Math.min(
    intParam(params, 'limit', LIMIT_DEFAULT, Number.MAX_SAFE_INTEGER),
    MAX_LIMIT
  )
  const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER)
  const filters = parseFilters(params, columns)
  const q = parseQ(params, columns)
  const sort = parseSort(single(params, 'sort'), columns)
  const fields = nameList(params, 'fields')
  for (const f of fields ?? [])
    if (!columns.has(f)) throw invalid('fields', `field "${f}" not in table`)
  const distinct = boolParam(params, 'distinct', false)
  const includeTotal = boolParam(params, 'include_total', true)
  // The trigram index matches plain text only; PostgreSQL's tsquery language is not offered.
  if (!boolParam(params, 'plain', true))
    throw invalid('plain', 'only plain text search (plain=true) is supported')
  // CKAN's default (None) counts exactly; here config query.totalEstimationThreshold is the
  // ceiling, and a caller's threshold may only lower it.
  const asked = single(params, 'total_estimation_threshold')
  const threshold =
    asked === undefined || asked === null || asked === ''
      ? undefined
      : intParam(params, 'total_estimation_threshold', 0, Number.MAX_SAFE_INTEGER)
  const format = (strParam(params, 'records_format') ?? 'objects') as RecordsFormat
  if (!FORMATS.includes(format))
    throw invalid('records_format', `must be one of ${FORMATS.join(', ')}`)

  const r = await deps.datastore.rows(d.id, {
    rowNumber: ROW_ID,
    filters,
    q: typeof q === 'string' ? (q.trim() === '' ? undefined : q) : q,
    sort,
    fields,
    distinct,
    includeTotal,
    ...(threshold === undefined ? {} : { totalEstimationThreshold: threshold }),
    // limit=0 asks for the fields and the total only.
    limit: Math.max(limit, 1),
    offset,
  })
  if (!r.ok) {
    const top = (p: string) => (/^[\w_]+/.exec(p)?.[0] ?? p).replace(/^full$/, 'q')
    throw new CkanError(
      'Validation Error',
      r.errors.map((e) => `${e.parameter}: ${e.message}`).join('; '),
      Object.fromEntries(r.errors.map((e) => [top(e.parameter), [e.message]]))
    )
  }
  const items = limit === 0 ? [] : r.items
  const ownId = d.schema.fields.some((f) => f.name === ROW_ID)
  const names = fields ?? [...(ownId ? [] : [ROW_ID]), ...d.schema.fields.map((f) => f.name)]
  const sep = format === 'tsv' ? '\t' : ','
  const records =
    format === 'objects'
      ? items
      : format === 'lists'
        ? items.map((row) => names.map((n) => row[n] ?? null))
        : items.map((row) => `${names.map((n) => cell(row[n], sep)).join(sep)}\n`).join('')
  const result: Record<string, unknown> = {
    include_total: includeTotal,
    resource_id: d.id,
    fields: names.map((n) => fieldInfo(d.schema, n)),
    records_format: format,
    records,
    limit,
    offset,
    filters,
    total_estimation_threshold: threshold ?? null,
    ...(q !== undefined ? { q } : {}),
    ...(sort ? { sort: single(params, 'sort') } : {}),
    ...(distinct ? { distinct } : {}),
    _links: links(c.req.path, params, offset, limit),
  }
  if (includeTotal) {
    result.total = r.total
    result.total_was_estimated = r.totalEstimated
  }
  return { result, conditional: d.openness === 'conditional' }
}
