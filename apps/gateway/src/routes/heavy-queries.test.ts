import { describe, expect, it } from 'vitest'
import { call, done, publishDataset, setup } from '../test-support.js'

// 3 rows × at most 2 checks per row: a limit of 3 lets one check per row through, not two.
const csv =
  '编号,名称,区,学生数\r\n1,愚园路小学,长宁,800\r\n2,复旦附中,徐汇,1200\r\n3,天山中学,长宁,950\r\n'
const enc = encodeURIComponent

describe('heavy dataset queries', () => {
  it('refuses a query over the cost limit before running it: 400 query_too_expensive with the estimate', async () => {
    const { app, store, token } = await setup({ query: { maxCost: 3 } })
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher, {}, csv)).status).toBe(201)
    const ok = await call(app, 'GET', `/api/v1/datasets/schools/rows?${enc('学生数[gte]')}=900`)
    expect(ok.status).toBe(200)
    expect((await ok.json()).total).toBe(2)
    const r = await call(
      app,
      'GET',
      `/api/v1/datasets/schools/rows?${enc('学生数[gte]')}=900&${enc('区')}=${enc('长宁')}`
    )
    expect(r.status).toBe(400)
    const body = await r.json()
    expect(body.error).toMatchObject({
      code: 'query_too_expensive',
      details: { estimate: 6, limit: 3, rows: 3, perRow: 2 },
    })
    expect(body.error.message).toContain('filterColumns')
    // CKAN's datastore_search answers the same refusal in CKAN's shape.
    const ckan = await call(
      app,
      'GET',
      `/api/3/action/datastore_search?resource_id=schools&q=${enc('小学')}&filters=${enc(JSON.stringify({ 区: '长宁' }))}`
    )
    expect(ckan.status).toBe(400)
    expect((await ckan.json()).error.__type).toBe('Search Query Error')
    await done(store)
  })

  it('cuts a query past its time budget: 503 query_too_expensive with Retry-After', async () => {
    // Both queries below match every row and sort them all: tens of milliseconds of work on any
    // machine, against a budget of 1 ms, so the cut does not depend on how fast the machine is
    // (an unsorted CKAN page stopped after its first 100 rows and could finish inside 1 ms).
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i + 1},学校${i + 1},长宁,${i}`)
    const { app, store, token } = await setup({ query: { budgetMs: 1 } })
    const publisher = await token({ role: 'publisher' })
    const big = `编号,名称,区,学生数\r\n${rows.join('\r\n')}\r\n`
    expect((await publishDataset(app, publisher, {}, big)).status).toBe(201)
    const r = await call(
      app,
      'GET',
      `/api/v1/datasets/schools/rows?q=${enc('学校')}&sort=${enc('名称')}`
    )
    expect(r.status).toBe(503)
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await r.json()).error.code).toBe('query_too_expensive')
    const ckan = await call(
      app,
      'GET',
      `/api/3/action/datastore_search?resource_id=schools&q=${enc('学校')}&sort=${enc('名称 desc')}`
    )
    expect(ckan.status).toBe(503)
    expect(ckan.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await ckan.json()).error.__type).toBe('Service Unavailable')
    // An entry lookup is not a heavy query: it answers on the request thread as before.
    expect((await call(app, 'GET', '/api/v1/datasets/schools')).status).toBe(200)
    await done(store)
  })
})
