import type { DatasetDetail } from '@gongkai/open-data'
import type { Context } from 'hono'
import { listOrganisations } from '../../auth/organisations.js'
import type { Env, GatewayDeps } from '../../deps.js'
import { publicDatasets } from '../../services/dataset-views.js'
import { catalogMeta } from '../linked-data.js'
import { CkanError, invalid } from './ckan-error.js'
import { boolParam, type CkanParams, intParam, requiredStr, strParam } from './ckan-params.js'
import { DATASTORE_SEARCH_PARAMS, datastoreSearch } from './datastore-search.js'
import {
  currentVersion,
  groupOf,
  organizationOf,
  packageDict,
  resourcesOf,
} from './package-dict.js'
import { PACKAGE_SEARCH_PARAMS, packageSearch } from './package-search.js'

/** What an action answers: the `result`, and whether it holds 有条件开放 data (never cached publicly). */
interface ActionAnswer {
  result: unknown
  conditional?: boolean
}

/** One action of the CKAN Action API subset. */
export interface CkanAction {
  /** Parameters accepted; any other is refused by name. */
  params: readonly string[]
  /** What `help_show` answers: the action's documentation. */
  help: string
  run(deps: GatewayDeps, c: Context<Env>, params: CkanParams): Promise<ActionAnswer>
}

/** The API level of CKAN these actions follow (`status_show.ckan_version`). */
const CKAN_API_LEVEL = '2.11.0'

const ok = (result: unknown): ActionAnswer => ({ result })
const ID_RE = /^[a-z0-9][a-z0-9_.-]*$/

/** A public dataset by id or name (they are the same), else Not Found. */
async function findDataset(deps: GatewayDeps, id: string): Promise<DatasetDetail> {
  const d = ID_RE.test(id) && !id.includes('..') ? await deps.datastore.getDataset(id) : undefined
  if (!d || d.openness === 'closed') throw new CkanError('Not Found Error', 'Not found')
  return d
}

/** Every organisation: the store's rows, and the publishers of public datasets. */
async function organisations(deps: GatewayDeps, all: readonly DatasetDetail[]) {
  const orgs = new Map<string, { title: string; created: string | null }>()
  for (const o of await listOrganisations(deps.store))
    orgs.set(o.id, { title: o.name, created: o.createdAt })
  for (const d of all)
    if (!orgs.has(d.descriptor.publisher.id))
      orgs.set(d.descriptor.publisher.id, { title: d.descriptor.publisher.name, created: null })
  return orgs
}

/** `sort` of the list actions: `name|title|package_count [asc|desc]`. */
function listSort(params: CkanParams, def: string) {
  const text = strParam(params, 'sort')?.trim() || def
  const m = /^(name|title|package_count)(?:\s+(asc|desc))?$/i.exec(text)
  if (!m) throw invalid('sort', 'must be "name", "title" or "package_count", then asc or desc')
  const field = (m[1] as string).toLowerCase() as 'name' | 'title' | 'package_count'
  const desc = (m[2] ?? (field === 'package_count' ? 'desc' : 'asc')).toLowerCase() === 'desc'
  return <T extends { name: string; title: string; package_count: number }>(a: T, b: T) => {
    const r =
      field === 'package_count'
        ? a.package_count - b.package_count
        : a[field].localeCompare(b[field])
    return (desc ? -r : r) || a.name.localeCompare(b.name)
  }
}

/** Rows of a list action: `limit` (≤ 1000) and `offset`. */
function page<T>(params: CkanParams, list: T[]): T[] {
  const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER)
  const limit = intParam(params, 'limit', 1000, 1000)
  return list.slice(offset, offset + limit)
}

async function listOrgs(deps: GatewayDeps, params: CkanParams) {
  const all = await publicDatasets(deps)
  const counts = new Map<string, number>()
  for (const d of all)
    counts.set(d.descriptor.publisher.id, (counts.get(d.descriptor.publisher.id) ?? 0) + 1)
  const full = boolParam(params, 'all_fields', false)
  const withCount = boolParam(params, 'include_dataset_count', true)
  const rows = [...(await organisations(deps, all))].map(([id, o]) => ({
    ...organizationOf(id, o.title, o.created),
    package_count: counts.get(id) ?? 0,
  }))
  rows.sort(listSort(params, 'name asc'))
  return page(params, rows).map((o) => {
    if (!full) return o.name
    if (withCount) return o
    const { package_count: _, ...rest } = o
    return rest
  })
}

async function groups(deps: GatewayDeps) {
  const all = await publicDatasets(deps)
  const counts = new Map<string, DatasetDetail[]>()
  for (const d of all)
    if (d.descriptor.field)
      counts.set(d.descriptor.field, [...(counts.get(d.descriptor.field) ?? []), d])
  return counts
}

/** The actions, by name. */
export const ACTIONS: Record<string, CkanAction> = {
  package_list: {
    params: ['limit', 'offset'],
    help: 'package_list: the names of the public datasets, by name.\n\n:param limit: how many (default all)\n:param offset: where to start (default 0)\n:rtype: list of strings',
    async run(deps, _c, params) {
      const ids = (await publicDatasets(deps)).map((d) => d.id)
      const offset = intParam(params, 'offset', 0, Number.MAX_SAFE_INTEGER)
      const limit = intParam(params, 'limit', ids.length, Number.MAX_SAFE_INTEGER)
      return ok(ids.slice(offset, offset + limit))
    },
  },
  package_show: {
    params: ['id', 'name_or_id', 'use_default_schema', 'include_tracking', 'include_plugin_data'],
    help: 'package_show: one dataset.\n\n:param id: the id or name of the dataset (they are the same here)\n:param use_default_schema, include_tracking, include_plugin_data: booleans (one schema; no tracking or plugin data)\n:rtype: dictionary',
    async run(deps, _c, params) {
      const id =
        params.id !== undefined
          ? requiredStr(params, 'id')
          : requiredStr(params, params.name_or_id !== undefined ? 'name_or_id' : 'id')
      for (const b of ['use_default_schema', 'include_tracking', 'include_plugin_data'])
        boolParam(params, b, false)
      return ok(await packageDict(deps, await findDataset(deps, id)))
    },
  },
  package_search: {
    params: PACKAGE_SEARCH_PARAMS,
    help: 'package_search: searches the public datasets.\n\n:param q: Solr query (default *:*): free text, field:value, "quoted", [a TO b] with *, AND/OR/NOT, -field:value\n:param fq: filter query, same syntax; fq_list: several\n:param sort: "field asc|desc" comma-separated; fields: score, relevance, id, name, title_string, title, metadata_modified, metadata_created, num_resources, num_tags (default "score desc, metadata_modified desc")\n:param rows: page size (default 10, at most 1000)\n:param start: offset (default 0)\n:param facet: true/false; facet.field: JSON list of tags, organization, groups, res_format, license_id, openness, field; facet.limit (default 50, -1 = all); facet.mincount (default 1)\n:param include_private, include_drafts, include_deleted: booleans; nothing is private, a draft or deleted here (有条件开放 metadata is public, 非开放 datasets are never listed)\n:rtype: {count, results, facets, search_facets, sort}',
    async run(deps, _c, params) {
      return ok(await packageSearch(deps, params))
    },
  },
  resource_show: {
    params: ['id', 'include_tracking'],
    help: "resource_show: one resource (a download of a dataset). The CSV resource has the dataset's id and is its DataStore table; the others are <id>.json, <id>.ndjson and <id>.jsonld.\n\n:param id: the resource id\n:rtype: dictionary",
    async run(deps, _c, params) {
      const id = requiredStr(params, 'id')
      boolParam(params, 'include_tracking', false)
      const m = /^(.*?)(\.json|\.ndjson|\.jsonld)?$/.exec(id) as RegExpExecArray
      const d = await findDataset(deps, m[1] as string).catch(() => {
        throw new CkanError('Not Found Error', 'Resource was not found.')
      })
      const { current } = await currentVersion(deps, d)
      const r = resourcesOf(deps, d, current).find((x) => x.id === id)
      if (!r) throw new CkanError('Not Found Error', 'Resource was not found.')
      return ok(r)
    },
  },
  organization_list: {
    params: ['all_fields', 'limit', 'offset', 'sort', 'include_dataset_count'],
    help: 'organization_list: the organisations.\n\n:param all_fields: dictionaries instead of names (default false)\n:param sort: name, title or package_count, then asc or desc (default "name asc")\n:param limit: at most 1000 (default 1000); offset\n:param include_dataset_count: with all_fields (default true)\n:rtype: list',
    async run(deps, _c, params) {
      return ok(await listOrgs(deps, params))
    },
  },
  organization_show: {
    params: ['id', 'include_datasets', 'include_dataset_count'],
    help: 'organization_show: one organisation.\n\n:param id: its id or name (the same)\n:param include_datasets: add its public datasets as `packages` (default false, at most 1000)\n:param include_dataset_count: add package_count (default true)\n:rtype: dictionary',
    async run(deps, _c, params) {
      const id = requiredStr(params, 'id')
      const all = await publicDatasets(deps)
      const o = (await organisations(deps, all)).get(id)
      if (!o) throw new CkanError('Not Found Error', 'Organization not found')
      const mine = all.filter((d) => d.descriptor.publisher.id === id)
      const out: Record<string, unknown> = {
        ...organizationOf(id, o.title, o.created),
        users: [],
        extras: [],
        tags: [],
        groups: [],
      }
      if (boolParam(params, 'include_dataset_count', true)) out.package_count = mine.length
      if (boolParam(params, 'include_datasets', false)) {
        const packages = []
        for (const d of mine.slice(0, 1000)) packages.push(await packageDict(deps, d))
        out.packages = packages
      }
      return ok(out)
    },
  },
  group_list: {
    params: ['all_fields', 'limit', 'offset', 'sort', 'include_dataset_count'],
    help: 'group_list: the groups, one per 领域 (field) of the public datasets.\n\n:param all_fields: dictionaries instead of names (default false)\n:param sort: name, title or package_count, then asc or desc (default "name asc")\n:param limit: at most 1000; offset\n:rtype: list',
    async run(deps, _c, params) {
      const full = boolParam(params, 'all_fields', false)
      const withCount = boolParam(params, 'include_dataset_count', true)
      const rows = [...(await groups(deps))].map(([field, ds]) => ({
        ...groupOf(field),
        package_count: ds.length,
      }))
      rows.sort(listSort(params, 'name asc'))
      return ok(
        page(params, rows).map((g) => {
          if (!full) return g.name
          if (withCount) return g
          const { package_count: _, ...rest } = g
          return rest
        })
      )
    },
  },
  group_show: {
    params: ['id', 'include_datasets', 'include_dataset_count'],
    help: 'group_show: one group (a 领域).\n\n:param id: the field code\n:param include_datasets: add its public datasets as `packages` (default false)\n:rtype: dictionary',
    async run(deps, _c, params) {
      const id = requiredStr(params, 'id')
      const ds = (await groups(deps)).get(id)
      if (!ds) throw new CkanError('Not Found Error', 'Group not found')
      const out: Record<string, unknown> = {
        ...groupOf(id),
        users: [],
        extras: [],
        tags: [],
        groups: [],
      }
      if (boolParam(params, 'include_dataset_count', true)) out.package_count = ds.length
      if (boolParam(params, 'include_datasets', false)) {
        const packages = []
        for (const d of ds.slice(0, 1000)) packages.push(await packageDict(deps, d))
        out.packages = packages
      }
      return ok(out)
    },
  },
  tag_list: {
    params: ['query', 'vocabulary_id', 'all_fields'],
    help: 'tag_list: the tags (keywords) of the public datasets, sorted.\n\n:param query: only tags containing this text (case-insensitive)\n:param vocabulary_id: there are no tag vocabularies: any value is Not Found\n:param all_fields: dictionaries instead of names (default false)\n:rtype: list',
    async run(deps, _c, params) {
      const vocabulary = strParam(params, 'vocabulary_id')
      if (vocabulary !== undefined && vocabulary !== '')
        throw new CkanError('Not Found Error', `Not found: vocabulary "${vocabulary}"`)
      const query = strParam(params, 'query')?.toLowerCase()
      const full = boolParam(params, 'all_fields', false)
      const tags = new Set<string>()
      for (const d of await publicDatasets(deps))
        for (const t of d.descriptor.keywords ?? []) tags.add(t)
      const list = [...tags].filter((t) => !query || t.toLowerCase().includes(query)).sort()
      return ok(
        full
          ? list.map((name) => ({ id: name, name, display_name: name, vocabulary_id: null }))
          : list
      )
    },
  },
  status_show: {
    params: [],
    help: 'status_show: the site: title, description, URL, the CKAN API level followed and the extensions offered (datastore, dcat).\n:rtype: dictionary',
    async run(deps) {
      const meta = catalogMeta(deps)
      return ok({
        site_title: meta.title,
        site_description: meta.description,
        site_url: deps.config.baseUrl,
        ckan_version: CKAN_API_LEVEL,
        error_emails_to: null,
        locale_default: 'zh_Hans_CN',
        extensions: ['datastore', 'dcat'],
      })
    },
  },
  site_read: {
    params: [],
    help: 'site_read: whether the site may be read (always true: public data needs no token).\n:rtype: boolean',
    async run() {
      return ok(true)
    },
  },
  help_show: {
    params: ['name'],
    help: 'help_show: the documentation of an action.\n\n:param name: the action name\n:rtype: string',
    async run(_deps, _c, params) {
      const name = requiredStr(params, 'name')
      const a = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined
      if (!a) throw new CkanError('Not Found Error', 'Action function not found')
      return ok(a.help)
    },
  },
  datastore_search: {
    params: DATASTORE_SEARCH_PARAMS,
    help: 'datastore_search: rows of a DataStore table (resource id = dataset id; the dataset\'s current version).\n\n:param resource_id: (or id) the table\n:param filters: JSON object of field → value or list of values\n:param q: text searched in every text field, or JSON object of field → text; full_text: like a string q\n:param plain: true only (plain text)\n:param distinct: distinct rows of fields (default false)\n:param limit: default 100, at most 10000 (capped, as CKAN caps at rows_max); 0 answers fields and total only\n:param offset: default 0\n:param fields: list or comma-separated names (default all, _id first)\n:param sort: "field [asc|desc]" comma-separated; "quoted names" allowed\n:param include_total: default true\n:param total_estimation_threshold: accepted; totals are always exact\n:param records_format: objects (default), lists, csv or tsv\n:rtype: {fields, records, total, limit, offset, filters, _links: {start, next, prev?}}\n\n_id is the row\'s 1-based source row number (the record\'s number after the header), fixed at publish: stable for the life of the version, and a row skipped at publish leaves a gap.',
    async run(deps, c, params) {
      return datastoreSearch(deps, c, params)
    },
  },
}
