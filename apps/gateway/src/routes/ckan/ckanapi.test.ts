// ckanapi's RemoteCKAN, replayed over a real socket. Source reproduced: ckan/ckanapi,
// ckanapi/common.py (prepare_action, reverse_apicontroller_action) and ckanapi/remoteckan.py
// (RemoteCKAN.call_action), https://github.com/ckan/ckanapi: every `ckan.action.<name>(**kw)` is
// a POST to {base}/api/action/<name> with the JSON body json.dumps(kw), Content-Type
// application/json and, with an apikey, both `Authorization: <key>` and `X-CKAN-API-Key: <key>`.
// The answer is read as JSON: success → `result`; otherwise `error.__type` picks the exception
// (NotFound, ValidationError, NotAuthorized, SearchQueryError…), and an answer that is not an
// envelope (CKAN's bare string for an unknown action) raises CKANAPIError. `ckanapi dump datasets`
// is package_list then package_show per name. The DataStore docs (ckanext/datastore/logic/action.py)
// tell clients to page datastore_search by following `_links.next` until `records` is empty.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatastore } from '@gongkai/open-data'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { descriptor, schoolCsv, schoolSchema } from '../../test-support.js'
import { ckanServer, fetchJson, PUBLIC_IDS } from './ckan-fixture.js'

type Server = Awaited<ReturnType<typeof ckanServer>>

/** The outcome of RemoteCKAN.call_action: the result, or the exception ckanapi would raise. */
type Outcome =
  | { ok: true; result: unknown; status: number }
  | { ok: false; exception: string; error: Record<string, unknown>; status: number }

const EXCEPTIONS: Record<string, string> = {
  'Not Found Error': 'NotFound',
  'Validation Error': 'ValidationError',
  'Authorization Error': 'NotAuthorized',
  'Search Query Error': 'SearchQueryError',
  'Search Error': 'SearchError',
}

async function callAction(
  base: string,
  action: string,
  data: unknown = {},
  apikey?: string
): Promise<Outcome> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (apikey) {
    headers['x-ckan-api-key'] = apikey
    headers.authorization = apikey
  }
  const res = await fetch(`${base}/api/action/${action}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(data),
  })
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, exception: 'CKANAPIError', error: { text }, status: res.status }
  }
  const env = parsed as { success?: boolean; result?: unknown; error?: Record<string, unknown> }
  if (typeof parsed === 'object' && parsed !== null && env.success)
    return { ok: true, result: env.result, status: res.status }
  const err = (typeof parsed === 'object' && parsed !== null ? env.error : undefined) ?? {}
  return {
    ok: false,
    exception: EXCEPTIONS[String(err.__type)] ?? 'CKANAPIError',
    error: typeof parsed === 'string' ? { text: parsed } : err,
    status: res.status,
  }
}

const result = (o: Outcome) => {
  if (!o.ok) throw new Error(JSON.stringify(o))
  return o.result as never
}

describe('ckanapi RemoteCKAN against /api/action', () => {
  let s: Server
  beforeAll(async () => {
    s = await ckanServer()
  }, 60_000)
  afterAll(async () => {
    await s.server.close()
    await s.store.close()
  })

  it('dumps every dataset: package_list, then package_show of each name', async () => {
    const names: string[] = result(await callAction(s.url, 'package_list'))
    expect(names).toEqual([...PUBLIC_IDS])
    for (const name of names) {
      const pkg: {
        name: string
        resources: { id: string; url: string; datastore_active: boolean }[]
      } = result(await callAction(s.url, 'package_show', { id: name }))
      expect(pkg.name).toBe(name)
      // resource_show answers each resource of the dict with the same dict.
      for (const r of pkg.resources) {
        const shown = result(await callAction(s.url, 'resource_show', { id: r.id }))
        expect(shown).toEqual(r)
      }
      expect(pkg.resources.filter((r) => r.datastore_active).map((r) => r.id)).toEqual([name])
    }
  })

  it('searches with rows/start paging, facets and the JSON list facet.field', async () => {
    const all: string[] = []
    for (let start = 0; ; start += 2) {
      const page: { count: number; results: { name: string }[] } = result(
        await callAction(s.url, 'package_search', { q: '*:*', rows: 2, start, sort: 'name desc' })
      )
      expect(page.count).toBe(PUBLIC_IDS.length)
      if (page.results.length === 0) break
      all.push(...page.results.map((p) => p.name))
    }
    expect(all).toEqual([...PUBLIC_IDS].reverse())
    const faceted: {
      count: number
      facets: Record<string, Record<string, number>>
      search_facets: Record<
        string,
        { title: string; items: { name: string; display_name: string; count: number }[] }
      >
    } = result(
      await callAction(s.url, 'package_search', {
        q: '学校',
        'facet.field': ['organization', 'groups'],
        rows: 0,
      })
    )
    expect(faceted.count).toBe(2)
    expect(faceted.facets.groups).toEqual({ compulsory_education: 2 })
    expect(faceted.search_facets.groups).toEqual({
      title: 'groups',
      items: [{ name: 'compulsory_education', display_name: '义务教育', count: 2 }],
    })
  })

  it('reads the site: status_show, site_read, organization_list, group_list, tag_list, help_show', async () => {
    const status: { ckan_version: string; extensions: string[]; site_url: string } = result(
      await callAction(s.url, 'status_show')
    )
    expect(status.ckan_version).toMatch(/^2\.\d+\.\d+$/)
    expect(status.extensions).toContain('datastore')
    expect(status.site_url).toBe('http://127.0.0.1')
    expect(result(await callAction(s.url, 'site_read'))).toBe(true)
    expect(result(await callAction(s.url, 'organization_list'))).toEqual([
      'demo-district',
      'district-b',
    ])
    expect(result(await callAction(s.url, 'group_list', { all_fields: true }))).toEqual([
      expect.objectContaining({
        name: 'compulsory_education',
        title: '义务教育',
        package_count: 2,
      }),
    ])
    expect(result(await callAction(s.url, 'tag_list'))).toEqual(
      ['交通', '公园', '学校', '教育', '绿化'].sort()
    )
    expect(result(await callAction(s.url, 'tag_list', { query: '公' }))).toEqual(['公园'])
    const doc: string = result(await callAction(s.url, 'help_show', { name: 'datastore_search' }))
    expect(doc).toContain('records_format')
  })

  it('turns CKAN errors into the same exceptions', async () => {
    const nf = await callAction(s.url, 'package_show', { id: 'no-such' })
    expect(nf).toMatchObject({ ok: false, exception: 'NotFound', status: 404 })
    const val = await callAction(s.url, 'package_show', {})
    expect(val).toMatchObject({
      ok: false,
      exception: 'ValidationError',
      status: 409,
      error: { id: ['Missing value'] },
    })
    const unknownParam = await callAction(s.url, 'package_list', { colour: 'red' })
    expect(unknownParam).toMatchObject({
      ok: false,
      exception: 'ValidationError',
      error: { colour: expect.any(Array) },
    })
    const q = await callAction(s.url, 'package_search', { fq: 'colour:red' })
    expect(q).toMatchObject({
      ok: false,
      exception: 'SearchQueryError',
      status: 400,
      error: { fq: expect.any(Array) },
    })
    const unknown = await callAction(s.url, 'user_list')
    expect(unknown).toEqual({
      ok: false,
      exception: 'CKANAPIError',
      error: { text: 'Bad request - Action name not known: user_list' },
      status: 400,
    })
    const denied = await callAction(s.url, 'datastore_search', { resource_id: 'cond' })
    expect(denied).toMatchObject({ ok: false, exception: 'NotAuthorized', status: 403 })
    // ckanapi sends the key bare in Authorization and X-CKAN-API-Key: the publisher reads its data.
    const granted = await callAction(
      s.url,
      'datastore_search',
      { resource_id: 'cond' },
      s.publisher
    )
    expect(granted.ok).toBe(true)
  })

  it('pages datastore_search by _links.next, keeping filters, q, sort, fields and limit', async () => {
    const source = schoolCsv.trim().split('\r\n').slice(1)
    const first: {
      records: { _id: number; 名称: string }[]
      total: number
      _links: { start: string; next: string }
      fields: { id: string; type: string }[]
    } = result(
      await callAction(s.url, 'datastore_search', {
        resource_id: 'schools',
        filters: { 区: ['长宁', '徐汇'] },
        q: { 名称: '中' },
        sort: '学生数 desc',
        fields: ['_id', '名称'],
        limit: 1,
      })
    )
    expect(first.fields).toEqual([
      { id: '_id', type: 'int' },
      { id: '名称', type: 'text', info: { label: '名称', notes: '' } },
    ])
    expect(first.total).toBe(2)
    const got = [...first.records]
    let next = first._links.next
    for (let i = 0; i < 10; i++) {
      const page = await fetchJson(`${s.url}${next}`)
      expect(page.success).toBe(true)
      if (page.result.records.length === 0) break
      expect(page.result.limit).toBe(1)
      got.push(...page.result.records)
      next = page.result._links.next
    }
    // 复旦"附中" (1200 students, row 2), 天山中学 (950, row 3): the filter, q and sort held on every page.
    expect(got).toEqual([
      { _id: 2, 名称: '复旦"附中"' },
      { _id: 3, 名称: '天山中学' },
    ])
    expect(source[1]).toContain('复旦')
    // The same rows as lists and as CSV.
    const lists: { records: unknown[][] } = result(
      await callAction(s.url, 'datastore_search', {
        resource_id: 'schools',
        records_format: 'lists',
        fields: '_id,名称',
        limit: 2,
      })
    )
    expect(lists.records).toEqual([
      [1, '愚园路小学'],
      [2, '复旦"附中"'],
    ])
    const csv: { records: string } = result(
      await callAction(s.url, 'datastore_search', {
        resource_id: 'schools',
        records_format: 'csv',
        fields: ['_id', '名称'],
      })
    )
    expect(csv.records).toBe('1,愚园路小学\n2,"复旦""附中"""\n3,天山中学\n')
    const distinct: { records: { 区: string }[]; total: number } = result(
      await callAction(s.url, 'datastore_search', {
        resource_id: 'schools',
        fields: '区',
        distinct: true,
        sort: '区',
      })
    )
    expect(distinct.records.map((r) => r.区)).toEqual(['徐汇', '长宁'])
    expect(distinct.total).toBe(2)
  })

  it('answers _id = the source row number after a skipped row, also through _links.next', async () => {
    // `gongkai dataset add --skip-bad-rows` (the datastore's skipBadRows): data row 3 is not an
    // integer and is left out; rows 4 and 5 keep their numbers. Published beside the running
    // server on its store, as the CLI does on a served workspace.
    const file = join(s.dir, 'gaps.csv')
    writeFileSync(
      file,
      '编号,名称,区,学生数\n1,甲小学,长宁,10\n2,乙小学,长宁,20\nthree,丙小学,长宁,30\n4,丁小学,徐汇,40\n5,戊小学,长宁,50\n'
    )
    const ds = await openDatastore(s.store, { filesDir: join(s.dir, 'files') })
    const published = await ds.publish({
      descriptor: descriptor({ id: 'gaps', title: '跳过坏行的名录' }),
      schema: schoolSchema,
      source: file,
      skipBadRows: true,
    })
    expect(published).toMatchObject({ ok: true, rowCount: 4, skippedCount: 1 })
    const one: { records: { _id: number; 编号: number }[] } = result(
      await callAction(s.url, 'datastore_search', { resource_id: 'gaps', filters: { _id: 4 } })
    )
    expect(one.records).toEqual([{ _id: 4, 编号: 4, 名称: '丁小学', 区: '徐汇', 学生数: 40 }])
    // Paged one row at a time by _links.next, as the DataStore docs tell clients to.
    const ids: number[] = []
    let next = '/api/3/action/datastore_search?resource_id=gaps&limit=1&fields=_id'
    for (let i = 0; i < 10; i++) {
      const page = await fetchJson(`${s.url}${next}`)
      if (page.result.records.length === 0) break
      ids.push(...page.result.records.map((r: { _id: number }) => r._id))
      next = page.result._links.next
    }
    expect(ids).toEqual([1, 2, 4, 5])
    const desc: { records: unknown[][] } = result(
      await callAction(s.url, 'datastore_search', {
        resource_id: 'gaps',
        sort: '_id desc',
        fields: '_id',
        records_format: 'lists',
      })
    )
    expect(desc.records).toEqual([[5], [4], [2], [1]])
  })
})
