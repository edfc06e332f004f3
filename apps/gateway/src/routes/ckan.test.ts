import { describe, expect, it } from 'vitest'
import { call, ORG, publishDataset, setup } from '../test-support.js'

async function withData() {
  const s = await setup()
  const publisher = await s.token({ role: 'publisher' })
  expect((await publishDataset(s.app, publisher)).status).toBe(201)
  expect(
    (
      await publishDataset(s.app, publisher, {
        id: 'roads',
        title: '道路名录',
        keywords: ['交通'],
        field: undefined,
      })
    ).status
  ).toBe(201)
  expect(
    (await publishDataset(s.app, publisher, { id: 'hidden', openness: 'closed' })).status
  ).toBe(201)
  return { ...s, publisher }
}

// Field-by-field checks of CKAN's shapes (reference open-data.md §2): the npm `ckan` package
// (0.2.3) depends on the long-deprecated `request` 2.51, so no npm CKAN client is used.
describe('CKAN Action API', () => {
  it('package_list and organization_list in the { help, success, result } envelope', async () => {
    const { app } = await withData()
    const r = await call(app, 'GET', '/api/3/action/package_list')
    const body = await r.json()
    expect(body.success).toBe(true)
    expect(body.help).toBe('http://gk.test/api/3/action/help_show?name=package_list')
    expect(body.result).toEqual(['roads', 'schools'])
    const orgs = await (
      await call(app, 'GET', '/api/3/action/organization_list?all_fields=true')
    ).json()
    expect(orgs.result[0]).toMatchObject({
      name: ORG.id,
      title: ORG.name,
      package_count: 2,
      is_organization: true,
    })
  })

  it('package_search: q, fq, rows/start, sort, facet.field with facets and search_facets', async () => {
    const { app } = await withData()
    const all = await (await call(app, 'GET', '/api/3/action/package_search')).json()
    expect(all.result.count).toBe(2)
    const s = await (
      await call(
        app,
        'GET',
        `/api/3/action/package_search?fq=${encodeURIComponent('tags:交通')}&facet.field=${encodeURIComponent('["tags","organization"]')}&rows=1&sort=${encodeURIComponent('name asc')}`
      )
    ).json()
    expect(s.result.count).toBe(1)
    const pkg = s.result.results[0]
    expect(pkg).toMatchObject({
      id: 'roads',
      name: 'roads',
      title: '道路名录',
      license_id: 'https://creativecommons.org/licenses/by/4.0/',
    })
    expect(pkg.organization).toMatchObject({ name: ORG.id, title: ORG.name })
    expect(pkg.tags).toEqual([
      { id: '交通', name: '交通', display_name: '交通', state: 'active', vocabulary_id: null },
    ])
    for (const res of pkg.resources)
      for (const k of ['id', 'url', 'format', 'name']) expect(res).toHaveProperty(k)
    expect(pkg.metadata_modified).toMatch(/^\d{4}-/)
    expect(Array.isArray(pkg.extras)).toBe(true)
    expect(s.result.search_facets.tags.items).toEqual([
      { name: '交通', display_name: '交通', count: 1 },
    ])
    expect(s.result.facets.organization).toEqual({ [ORG.id]: 1 })
    const page2 = await (
      await call(app, 'POST', '/api/3/action/package_search', {
        json: { rows: 1, start: 1, sort: 'name asc' },
      })
    ).json()
    expect(page2.result.results.map((p: { name: string }) => p.name)).toEqual(['schools'])
    const q = await (
      await call(app, 'GET', `/api/3/action/package_search?q=${encodeURIComponent('学校')}`)
    ).json()
    expect(q.result.results.map((p: { name: string }) => p.name)).toEqual(['schools'])
  })

  it('package_show, and CKAN error shapes and statuses', async () => {
    const { app } = await withData()
    const ok = await (await call(app, 'GET', '/api/3/action/package_show?id=schools')).json()
    expect(ok.result.name).toBe('schools')
    const missing = await call(app, 'GET', '/api/3/action/package_show?id=hidden')
    expect(missing.status).toBe(404)
    const m = await missing.json()
    expect(m).toMatchObject({ success: false, error: { __type: 'Not Found Error' } })
    expect(m).not.toHaveProperty('result')
    const noId = await call(app, 'GET', '/api/3/action/package_show')
    expect(noId.status).toBe(409)
    expect((await noId.json()).error).toMatchObject({
      __type: 'Validation Error',
      id: ['Missing value'],
    })
    const unknown = await call(app, 'GET', '/api/3/action/package_show?id=schools&bogus=1')
    expect(unknown.status).toBe(409)
    const badAction = await call(app, 'GET', '/api/3/action/user_list')
    expect(badAction.status).toBe(400)
    expect(await badAction.json()).toBe('Bad request - Action name not known: user_list')
    const badSort = await call(app, 'GET', '/api/3/action/package_search?sort=colour%20desc')
    expect(badSort.status).toBe(400)
    expect((await badSort.json()).error.__type).toBe('Search Query Error')
  })

  it('datastore_search: filters, q, limit/offset, sort, fields and _links', async () => {
    const { app } = await withData()
    const r = await (
      await call(
        app,
        'GET',
        `/api/3/action/datastore_search?resource_id=schools&filters=${encodeURIComponent('{"区":"长宁"}')}&sort=${encodeURIComponent('学生数 desc')}&limit=1`
      )
    ).json()
    expect(r.success).toBe(true)
    const res = r.result
    expect(res.resource_id).toBe('schools')
    expect(res.fields[0]).toEqual({ id: '_id', type: 'int' })
    expect(res.fields.map((f: { id: string; type: string }) => [f.id, f.type])).toContainEqual([
      '学生数',
      'int',
    ])
    expect(res.total).toBe(2)
    // _id is the row's number in the source (天山中学 is the third row), whatever the sort.
    expect(res.records).toEqual([{ _id: 3, 编号: 3, 名称: '天山中学', 区: '长宁', 学生数: 950 }])
    expect(res._links.start).toContain('datastore_search')
    expect(res._links.next).toContain('offset=1')
    expect(res.limit).toBe(1)
    const post = await (
      await call(app, 'POST', '/api/3/action/datastore_search', {
        json: { resource_id: 'schools', filters: { 区: '徐汇' } },
      })
    ).json()
    expect(post.result.records).toHaveLength(1)
    expect(post.result.limit).toBe(100)
    const nf = await call(app, 'GET', '/api/3/action/datastore_search?resource_id=hidden')
    expect(nf.status).toBe(404)
    const badFilter = await call(
      app,
      'GET',
      `/api/3/action/datastore_search?resource_id=schools&filters=${encodeURIComponent('{"x":1}')}`
    )
    expect(badFilter.status).toBe(409)
  })

  it('datastore_search refuses conditional data without a grant (403 Authorization Error)', async () => {
    const { app, publisher, token } = await withData()
    expect(
      (await publishDataset(app, publisher, { id: 'cond', openness: 'conditional' })).status
    ).toBe(201)
    const r = await call(app, 'GET', '/api/3/action/datastore_search?resource_id=cond')
    expect(r.status).toBe(403)
    expect((await r.json()).error.__type).toBe('Authorization Error')
    const granted = await token({ role: 'conditional_reader', grants: ['cond'] })
    expect(
      (
        await call(app, 'GET', '/api/3/action/datastore_search?resource_id=cond', {
          token: granted,
        })
      ).status
    ).toBe(200)
  })
})

describe('DCAT catalogue', () => {
  it('serves JSON-LD and Turtle of public datasets only', async () => {
    const { app } = await withData()
    const j = await call(app, 'GET', '/catalog.jsonld')
    const t = await call(app, 'GET', '/catalog.ttl')
    expect(j.headers.get('content-type')).toContain('application/ld+json')
    const text = await j.text()
    expect(text).toContain('/datasets/schools')
    expect(text).not.toContain('/datasets/hidden')
    expect(await t.text()).toContain('dcat:Dataset')
    expect((await call(app, 'GET', '/catalog.jsonld?page=0')).status).toBe(400)
    expect((await call(app, 'GET', '/catalog.jsonld?page=5')).status).toBe(404)
  })
})

describe('CKAN without the version in the path', () => {
  it('answers /api/action/* as version 3', async () => {
    const { app } = await setup()
    const v3 = await (await call(app, 'GET', '/api/3/action/package_list')).json()
    const r = await call(app, 'GET', '/api/action/package_list')
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual(v3)
    const unknown = await call(app, 'GET', '/api/action/no_such_action')
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toBe('Bad request - Action name not known: no_such_action')
  })
})

describe('CKAN answers like the rest of the API', () => {
  it('ETag with 304, br/gzip, no-store on errors, JSONP, and a help link that answers for every action', async () => {
    const { app } = await withData()
    const r = await call(app, 'GET', '/api/3/action/package_search?rows=5', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-encoding')).toBe('gzip')
    const etag = r.headers.get('etag') as string
    expect(etag).toMatch(/^W\/"/)
    expect(r.headers.get('cache-control')).toBe('public, max-age=60')
    const again = await call(app, 'GET', '/api/3/action/package_search?rows=5', {
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
    const err = await call(app, 'GET', '/api/3/action/package_show?id=nope')
    expect(err.headers.get('cache-control')).toBe('no-store')
    const jsonp = await call(app, 'GET', '/api/3/action/site_read?callback=cb')
    expect(jsonp.headers.get('content-type')).toContain('application/javascript')
    expect(await jsonp.text()).toMatch(/^cb\(\{"help":.*"result":true\}\);$/)
    expect((await call(app, 'GET', '/api/3/action/site_read?callback=alert(1)')).status).toBe(409)
    // Every action's help link is a help_show call that answers 200 with its documentation.
    const actions = ['package_list', 'package_show', 'package_search', 'resource_show']
    for (const a of [
      ...actions,
      'organization_list',
      'organization_show',
      'group_list',
      'group_show',
      'tag_list',
      'status_show',
      'site_read',
      'help_show',
      'datastore_search',
    ]) {
      const body = await (await call(app, 'POST', `/api/3/action/${a}`, { json: {} })).json()
      const url = new URL(body.help)
      const h = await call(app, 'GET', `${url.pathname}${url.search}`)
      expect({ a, status: h.status }).toEqual({ a, status: 200 })
      expect((await h.json()).result).toContain(a)
    }
  })

  it('datastore_search: every parameter error is a Validation Error naming it', async () => {
    const { app } = await withData()
    const ds = '/api/3/action/datastore_search?resource_id=schools'
    for (const [query, parameter] of [
      ['&limit=-1', 'limit'],
      ['&limit=1&limit=2', 'limit'],
      ['&fields=颜色', 'fields'],
      ['&sort=颜色%20desc', 'sort'],
      ['&sort=名称%20sideways', 'sort'],
      ['&records_format=xml', 'records_format'],
      ['&distinct=maybe', 'distinct'],
      ['&filters=%7B%22%E5%8C%BA%22%3A%7B%22a%22%3A1%7D%7D', 'filters'],
      ['&filters=%7B%22%E5%AD%A6%E7%94%9F%E6%95%B0%22%3A%22many%22%7D', 'filters'],
      ['&q=%7B%22%E9%A2%9C%E8%89%B2%22%3A%22x%22%7D', 'q'],
      ['&plain=false', 'plain'],
      ['&language=english', 'language'],
    ] as const) {
      const r = await call(app, 'GET', `${ds}${query}`)
      expect({ query, status: r.status }).toEqual({ query, status: 409 })
      const body = await r.json()
      expect(body.success).toBe(false)
      expect(body.error.__type).toBe('Validation Error')
      expect(Object.keys(body.error)).toContain(parameter)
    }
    const bad = await call(app, 'POST', '/api/3/action/datastore_search', {
      headers: { 'content-type': 'application/json' },
    })
    expect(bad.status).toBe(409)
    const notJson = await app.request('http://gk.test/api/3/action/package_list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    })
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toMatch(/^Bad request - JSON Error/)
    // limit 0 answers fields and total only; include_total=false leaves the total out.
    const zero = (await (await call(app, 'GET', `${ds}&limit=0`)).json()).result
    expect(zero.records).toEqual([])
    expect(zero.total).toBe(3)
    const noTotal = (await (await call(app, 'GET', `${ds}&include_total=false`)).json()).result
    expect(noTotal).not.toHaveProperty('total')
    expect(noTotal.records).toHaveLength(3)
  })
})
