import { labelOf } from '@gongkai/schema'
import type { GatewayDeps } from '../../deps.js'
import { publicDatasets } from '../../services/dataset-views.js'
import { badQuery, invalid } from './ckan-error.js'
import { boolParam, type CkanParams, intParam, jsonParam, single, strParam } from './ckan-params.js'
import { packageDict } from './package-dict.js'
import {
  checkQuery,
  FACET_FIELDS,
  matches,
  type SearchDoc,
  score,
  searchDoc,
  solrDate,
} from './search-index.js'
import { parseSolr, type SolrNode } from './solr-query.js'

/** `package_search` parameters. */
export const PACKAGE_SEARCH_PARAMS = [
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
  'include_deleted',
] as const

/** CKAN's page size default and maximum (`ckan.search.rows_max`). */
const ROWS_DEFAULT = 10
const ROWS_MAX = 1000

const SORT_FIELDS = [
  'score',
  'relevance',
  'id',
  'name',
  'title_string',
  'title',
  'metadata_modified',
  'metadata_created',
  'num_resources',
  'num_tags',
] as const
type SortField = (typeof SORT_FIELDS)[number]

/** `sort` as `field asc|desc[, …]`; a missing direction or an unknown field is refused by name. */
function parseSort(text: string): { field: SortField; desc: boolean }[] {
  return text.split(',').map((part) => {
    const words = part.trim().split(/\s+/)
    const [field = '', order, ...rest] = words
    if (!(SORT_FIELDS as readonly string[]).includes(field))
      throw badQuery('sort', `cannot sort by "${field}" (sortable: ${SORT_FIELDS.join(', ')})`)
    if (order === undefined || rest.length > 0 || !['asc', 'desc'].includes(order.toLowerCase()))
      throw badQuery('sort', `"${part.trim()}" needs one order, asc or desc`)
    return { field: field as SortField, desc: order.toLowerCase() === 'desc' }
  })
}

/** The filter queries: `fq` (one string) and `fq_list` (a list, or a repeated parameter). */
function filterQueries(params: CkanParams): { text: string; parameter: string }[] {
  const out: { text: string; parameter: string }[] = []
  const fq = strParam(params, 'fq')
  if (fq !== undefined && fq.trim() !== '') out.push({ text: fq, parameter: 'fq' })
  const list = params.fq_list
  if (list !== undefined) {
    let items: unknown = list
    if (typeof list === 'string') {
      const t = list.trim()
      items = t.startsWith('[') ? jsonParam(params, 'fq_list') : [t]
    }
    if (!Array.isArray(items) || items.some((x) => typeof x !== 'string'))
      throw invalid('fq_list', 'must be a list of filter queries')
    for (const t of items as string[])
      if (t.trim() !== '') out.push({ text: t, parameter: 'fq_list' })
  }
  return out
}

function facetFieldsOf(params: CkanParams): string[] {
  if (params['facet.field'] === undefined) return []
  const f = jsonParam(params, 'facet.field')
  if (!Array.isArray(f) || f.some((x) => typeof x !== 'string'))
    throw invalid('facet.field', 'must be a JSON list of field names, e.g. ["tags"]')
  for (const x of f as string[])
    if (!(FACET_FIELDS as readonly string[]).includes(x))
      throw invalid('facet.field', `cannot facet on "${x}" (facets: ${FACET_FIELDS.join(', ')})`)
  return f as string[]
}

/** Display name of a facet value (organisations and groups have titles). */
function displayName(field: string, value: string, docs: readonly SearchDoc[]): string {
  if (field === 'organization') {
    const d = docs.find((x) => x.d.descriptor.publisher.id === value)
    return d?.d.descriptor.publisher.name ?? value
  }
  if (field === 'groups' || field === 'field') return labelOf('fields', value) ?? value
  return value
}

function sortValue(doc: SearchDoc, field: SortField, scores: Map<SearchDoc, number>, now: Date) {
  switch (field) {
    case 'score':
    case 'relevance':
      return scores.get(doc) ?? 0
    case 'metadata_modified':
    case 'metadata_created':
      return solrDate(doc.values(field)[0] ?? '', now) ?? 0
    case 'num_resources':
    case 'num_tags':
      return Number(doc.values(field)[0] ?? 0)
    case 'title':
    case 'title_string':
      return doc.d.title
    default:
      return doc.d.id
  }
}

/**
 * `package_search` over the public datasets (非开放 never; 有条件开放 metadata is public):
 * Solr-style `q`/`fq`, several sort keys (ties broken by id, so paging is stable), `rows` capped
 * at 1000 as CKAN caps it, facets in both of CKAN's shapes.
 */
export async function packageSearch(deps: GatewayDeps, params: CkanParams) {
  const now = deps.config.now()
  const rows = Math.min(intParam(params, 'rows', ROWS_DEFAULT, Number.MAX_SAFE_INTEGER), ROWS_MAX)
  const start = intParam(params, 'start', 0, Number.MAX_SAFE_INTEGER)
  const qText = strParam(params, 'q')?.trim() ?? ''
  const q: SolrNode = qText === '' ? { kind: 'all' } : parseSolr(qText, 'q')
  checkQuery(q, 'q', now)
  const fqs = filterQueries(params).map(({ text, parameter }) => {
    const node = parseSolr(text, parameter)
    checkQuery(node, parameter, now)
    return node
  })
  const facetFields = facetFieldsOf(params)
  const facetOn = boolParam(params, 'facet', true)
  // CKAN takes -1 for "no limit"; anything else must be a natural number.
  const rawLimit = single(params, 'facet.limit')
  const facetLimit =
    rawLimit === -1 || rawLimit === '-1'
      ? -1
      : intParam(params, 'facet.limit', 50, Number.MAX_SAFE_INTEGER)
  const facetMin = intParam(params, 'facet.mincount', 1, Number.MAX_SAFE_INTEGER)
  // Nothing here is private or a draft: 有条件开放 metadata is public and 非开放 datasets are never
  // searched, for any caller (the access-control rules). The flags are read so bad values are refused.
  boolParam(params, 'include_private', false)
  boolParam(params, 'include_drafts', false)
  boolParam(params, 'include_deleted', false)
  const sortText = strParam(params, 'sort')?.trim() || 'score desc, metadata_modified desc'
  const keys = parseSort(sortText)

  const docs = (await publicDatasets(deps)).map(searchDoc)
  const hits = docs.filter((doc) => matches(doc, q, now) && fqs.every((n) => matches(doc, n, now)))
  const scores = new Map(hits.map((doc) => [doc, score(doc, q)]))
  hits.sort((a, b) => {
    for (const k of keys) {
      const x = sortValue(a, k.field, scores, now)
      const y = sortValue(b, k.field, scores, now)
      const r =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
      if (r) return k.desc ? -r : r
    }
    return a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0
  })

  const facets: Record<string, Record<string, number>> = {}
  const search_facets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  > = {}
  if (facetOn)
    for (const field of facetFields) {
      const counts = new Map<string, number>()
      for (const doc of hits)
        for (const v of new Set(doc.values(field))) counts.set(v, (counts.get(v) ?? 0) + 1)
      const entries = [...counts]
        .filter(([, n]) => n >= facetMin)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, facetLimit < 0 ? undefined : facetLimit)
      facets[field] = Object.fromEntries(entries)
      search_facets[field] = {
        title: field,
        items: entries.map(([name, count]) => ({
          name,
          display_name: displayName(field, name, docs),
          count,
        })),
      }
    }
  const results = []
  for (const doc of hits.slice(start, start + rows)) results.push(await packageDict(deps, doc.d))
  return { count: hits.length, results, facets, search_facets, sort: sortText }
}
