import type { DatasetDetail } from '@gongkai/open-data'
import { labelOf } from '@gongkai/schema'
import { badQuery } from './ckan-error.js'
import { RESOURCE_FORMATS } from './package-dict.js'
import type { SolrNode } from './solr-query.js'

/** How a search field compares: exact strings, words of text, dates or numbers. */
type FieldKind = 'string' | 'text' | 'date' | 'number'

/** The searchable fields of `q` and `fq`, as CKAN's Solr schema names them, plus ours. */
const FIELDS: Record<string, FieldKind> = {
  id: 'string',
  name: 'string',
  title: 'text',
  title_string: 'string',
  notes: 'text',
  text: 'text',
  tags: 'string',
  organization: 'string',
  owner_org: 'string',
  groups: 'string',
  res_format: 'string',
  license_id: 'string',
  type: 'string',
  dataset_type: 'string',
  state: 'string',
  capacity: 'string',
  private: 'string',
  openness: 'string',
  field: 'string',
  metadata_modified: 'date',
  metadata_created: 'date',
  num_resources: 'number',
  num_tags: 'number',
}

/** Fields `facet.field` may name (string fields with few values). */
export const FACET_FIELDS = [
  'tags',
  'organization',
  'groups',
  'res_format',
  'license_id',
  'openness',
  'field',
] as const

/** The searchable field names, for error messages. */
const SEARCH_FIELDS = Object.keys(FIELDS)

/** One dataset as the search sees it. */
export interface SearchDoc {
  d: DatasetDetail
  values(field: string): readonly string[]
  /** Lower-cased title, notes, tags, name and publisher: what free text searches. */
  text: string
  title: string
}

/** Builds the search view of a dataset. */
export function searchDoc(d: DatasetDetail): SearchDoc {
  const x = d.descriptor
  const tags = [...new Set(x.keywords ?? [])]
  const created = x.issued ?? d.updatedAt
  const v: Record<string, string[]> = {
    id: [d.id],
    name: [d.id],
    title: [d.title],
    title_string: [d.title],
    notes: [x.description],
    tags,
    organization: [x.publisher.id],
    owner_org: [x.publisher.id],
    groups: x.field ? [x.field] : [],
    res_format: [...RESOURCE_FORMATS],
    license_id: [x.license],
    type: ['dataset'],
    dataset_type: ['dataset'],
    state: ['active'],
    capacity: ['public'],
    private: ['false'],
    openness: [d.openness],
    field: x.field ? [x.field] : [],
    metadata_modified: [d.updatedAt],
    metadata_created: [created],
    num_resources: [String(RESOURCE_FORMATS.length)],
    num_tags: [String(tags.length)],
  }
  const text = [d.title, x.description, ...tags, d.id, x.publisher.name, x.publisher.id]
    .concat(x.field ? [x.field, labelOf('fields', x.field) ?? ''] : [])
    .join('\n')
    .toLowerCase()
  v.text = [text]
  return { d, values: (f) => v[f] ?? [], text, title: d.title.toLowerCase() }
}

const UNITS: Record<string, number> = {
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
  WEEK: 7 * 86_400_000,
}

/**
 * A Solr date (`2021-01-01T00:00:00Z`, a bare date, `NOW`, `NOW-7DAYS`, `NOW/DAY`) as epoch ms;
 * undefined when it is not one. Months and years are calendar steps.
 */
export function solrDate(text: string, now: Date): number | undefined {
  const t = text.trim()
  const m = /^NOW((?:[+-]\d{1,6}(?:YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND)S?)*)(\/DAY)?$/.exec(t)
  if (m) {
    const d = new Date(now.getTime())
    for (const s of (m[1] ?? '').matchAll(/([+-])(\d+)(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND)/g)) {
      const n = Number(s[2]) * (s[1] === '-' ? -1 : 1)
      if (s[3] === 'YEAR') d.setUTCFullYear(d.getUTCFullYear() + n)
      else if (s[3] === 'MONTH') d.setUTCMonth(d.getUTCMonth() + n)
      else d.setTime(d.getTime() + n * (UNITS[s[3] as string] as number))
    }
    if (m[2]) d.setUTCHours(0, 0, 0, 0)
    return d.getTime()
  }
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(t))
    return undefined
  // A date or a date-time without a zone is UTC, as Solr reads it.
  const iso = t.length === 10 ? `${t}T00:00:00Z` : /(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : ms
}

/** Refuses unknown fields and ends that do not fit the field, before anything is searched. */
export function checkQuery(node: SolrNode, parameter: string, now: Date): void {
  const kindOf = (field: string) => {
    const k = FIELDS[field]
    if (!k)
      throw badQuery(
        parameter,
        `unknown field "${field}" (searchable: ${SEARCH_FIELDS.join(', ')})`
      )
    return k
  }
  const check = (n: SolrNode): void => {
    switch (n.kind) {
      case 'and':
      case 'or':
        n.items.forEach(check)
        return
      case 'not':
        check(n.item)
        return
      case 'term': {
        if (n.field === undefined) return
        const k = kindOf(n.field)
        if (k === 'date' && !/[*?]/.test(n.value) && solrDate(n.value, now) === undefined)
          throw badQuery(parameter, `"${n.value}" is not a date for ${n.field}`)
        if (k === 'number' && !/^-?\d+(\.\d+)?$/.test(n.value) && n.value !== '*')
          throw badQuery(parameter, `"${n.value}" is not a number for ${n.field}`)
        return
      }
      case 'range': {
        const k = kindOf(n.field)
        for (const b of [n.lo, n.hi]) {
          if (b === undefined) continue
          if (k === 'date' && solrDate(b, now) === undefined)
            throw badQuery(
              parameter,
              `"${b}" is not a date (e.g. 2021-01-01T00:00:00Z, NOW-1DAY) for ${n.field}`
            )
          if (k === 'number' && !/^-?\d+(\.\d+)?$/.test(b))
            throw badQuery(parameter, `"${b}" is not a number for ${n.field}`)
        }
        return
      }
      case 'all':
        return
    }
  }
  check(node)
}

/** A glob (`*`, `?`) as a regular expression over the whole value. */
function globRe(value: string, flags = ''): RegExp {
  const body = value
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`, flags)
}

/** True when `doc` matches `node`. */
export function matches(doc: SearchDoc, node: SolrNode, now: Date): boolean {
  switch (node.kind) {
    case 'all':
      return true
    case 'and':
      return node.items.every((n) => matches(doc, n, now))
    case 'or':
      return node.items.some((n) => matches(doc, n, now))
    case 'not':
      return !matches(doc, node.item, now)
    case 'term': {
      const field = node.field ?? 'text'
      const kind = FIELDS[field] as FieldKind
      const values = doc.values(field)
      const wild = !node.quoted && /[*?]/.test(node.value)
      if (!node.quoted && node.value === '*') return values.length > 0
      if (kind === 'text') {
        const v = node.value.toLowerCase()
        if (wild) {
          const re = globRe(v)
          return values.some((x) =>
            x
              .toLowerCase()
              .split(/[\s,，。；;、]+/)
              .some((w) => re.test(w))
          )
        }
        return values.some((x) => x.toLowerCase().includes(v))
      }
      if (wild) {
        const re = globRe(node.value)
        return values.some((x) => re.test(x))
      }
      if (kind === 'date') {
        const t = solrDate(node.value, now)
        return values.some((x) => solrDate(x, now) === t)
      }
      if (kind === 'number') return values.some((x) => Number(x) === Number(node.value))
      return values.includes(node.value)
    }
    case 'range': {
      const kind = FIELDS[node.field] as FieldKind
      const key = (x: string): number | string =>
        kind === 'date' ? (solrDate(x, now) ?? Number.NaN) : kind === 'number' ? Number(x) : x
      const lo = node.lo === undefined ? undefined : key(node.lo)
      const hi = node.hi === undefined ? undefined : key(node.hi)
      return doc.values(node.field).some((raw) => {
        const v = key(raw)
        if (typeof v === 'number' && Number.isNaN(v)) return false
        if (lo !== undefined && (node.loInclusive ? v < lo : v <= lo)) return false
        if (hi !== undefined && (node.hiInclusive ? v > hi : v >= hi)) return false
        return true
      })
    }
  }
}

/** Relevance of `doc` to the free-text terms of `q`: title hits weigh most, then tags, then the rest. */
export function score(doc: SearchDoc, node: SolrNode): number {
  let s = 0
  const walk = (n: SolrNode) => {
    if (n.kind === 'and' || n.kind === 'or') n.items.forEach(walk)
    else if (n.kind === 'term' && (n.field === undefined || n.field === 'text')) {
      const v = n.value.toLowerCase().replace(/[*?]/g, '')
      if (!v) return
      if (doc.title.includes(v)) s += 3
      if (doc.values('tags').some((t) => t.toLowerCase() === v)) s += 2
      if (doc.text.includes(v)) s += 1
    }
  }
  walk(node)
  return s
}
