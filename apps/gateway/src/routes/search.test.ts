import { openContentIndex } from '@gongkai/linker'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { createApp, createDeps } from '../app.js'
import { BASE, call, done, ORG, publishDataset, setup } from '../test-support.js'

async function withDocuments() {
  const s = await setup()
  const index = await openContentIndex(s.store)
  await index.upsert(
    [
      {
        url: 'https://www.example.gov.cn/mzj/1.html',
        title: '关于调整本区2021年城乡居民最低生活保障标准的通知',
        docNo: '示民〔2021〕12号',
        issuer: '示例区民政局',
        publishedAt: '2021-06-17',
      },
      {
        url: 'https://www.example.gov.cn/jyj/2.html',
        title: '2021年义务教育阶段学校招生入学工作实施意见',
        docNo: '示教〔2021〕3号',
        issuer: '示例区教育局',
        publishedAt: '2021-04-20',
      },
      {
        url: 'https://www.example.gov.cn/mzj/3.html',
        title: '关于调整本区2022年城乡居民最低生活保障标准的通知 联系人张伟 13812345678',
        issuer: '示例区民政局',
        publishedAt: '2022-06-20',
      },
    ],
    { source: 'test' }
  )
  await s.app.request(`${BASE}/healthz`)
  return s
}

describe('GET /api/v1/search', () => {
  it('finds an everyday name across entries and documents, highlighted, personal data masked', async () => {
    const s = await withDocuments()
    const deps = s
    await (await import('../app.js'))
      .createDeps(deps.store, {
        baseUrl: BASE,
        organisation: ORG,
        filesDir: `${s.dir}/files`,
        rateLimit: false,
      })
      .then((d) => d.search.refresh())
    const r = await call(s.app, 'GET', `/api/v1/search?q=${encodeURIComponent('低保标准')}`)
    expect(r.status).toBe(200)
    const body = await r.json()
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['items', 'total', 'next']))
    const docs = body.items.filter((i: { type: string }) => i.type === 'document')
    // Both notices match; the shorter title, all of it the matter, ranks first.
    expect(docs.map((d: { id: string }) => d.id)).toEqual([
      'https://www.example.gov.cn/mzj/1.html',
      'https://www.example.gov.cn/mzj/3.html',
    ])
    const title = docs[0].highlights.find((h: { field: string }) => h.field === 'title')
    expect(title.fragments[0]).toContain('<mark>最低生活保障标准</mark>')
    // The personal details of the imported title never reach the index or the answer.
    expect(JSON.stringify(body)).not.toContain('13812345678')
    expect(body.items.some((i: { type: string }) => i.type === 'entry')).toBe(true)
    await done(s.store)
  })

  it('filters by type, organ and year, and pages with a cursor bound to the query', async () => {
    const s = await withDocuments()
    const deps = await createDeps(s.store, {
      baseUrl: BASE,
      organisation: ORG,
      filesDir: `${s.dir}/files`,
      rateLimit: false,
    })
    await deps.search.refresh(['document'])
    const q = encodeURIComponent('最低生活保障')
    const one = await (
      await call(
        s.app,
        'GET',
        `/api/v1/search?q=${q}&type=document&organ=${encodeURIComponent('示例区民政局')}&limit=1`
      )
    ).json()
    expect(one.total).toBe(2)
    expect(one.items).toHaveLength(1)
    expect(one.facets.year.map((y: { value: string }) => y.value)).toEqual(['2022', '2021'])
    const two = await (
      await call(
        s.app,
        'GET',
        `/api/v1/search?q=${q}&type=document&organ=${encodeURIComponent('示例区民政局')}&limit=1&cursor=${one.next}`
      )
    ).json()
    expect(two.items[0].id).not.toBe(one.items[0].id)
    expect(two.next).toBeNull()
    const y = await (
      await call(s.app, 'GET', `/api/v1/search?q=${q}&type=document&year=2021`)
    ).json()
    expect(y.items.map((i: { id: string }) => i.id)).toEqual([
      'https://www.example.gov.cn/mzj/1.html',
    ])
    // A cursor of another query is refused, naming the parameter.
    const other = await call(s.app, 'GET', `/api/v1/search?q=abc&cursor=${one.next}`)
    expect(other.status).toBe(400)
    expect((await other.json()).error.details.parameter).toBe('cursor')
    await done(s.store)
  })

  it('refuses bad parameters with the parameter named', async () => {
    const s = await setup()
    for (const [query, parameter] of [
      ['', 'q'],
      ['q=%20', 'q'],
      ['q=a&type=person', 'type'],
      ['q=a&year=21', 'year'],
      ['q=a&limit=1000', 'limit'],
      ['q=a&field=..%2F', 'field'],
      ['q=a&cursor=zzz', 'cursor'],
      [`q=${'长'.repeat(201)}`, 'q'],
      ['q=a&sort=x', 'sort'],
    ]) {
      const r = await call(s.app, 'GET', `/api/v1/search?${query}`)
      expect(r.status, query).toBe(400)
      expect((await r.json()).error.details.parameter, query).toBe(parameter)
    }
    await done(s.store)
  })

  it('sees a dataset published through the API, and one published by another process', async () => {
    const s = await setup()
    const publisher = await s.token({ role: 'publisher' })
    const r = await publishDataset(s.app, publisher, {
      id: 'school-list',
      title: '义务教育学校名录',
    })
    expect(r.status).toBe(201)
    const found = await (
      await call(s.app, 'GET', `/api/v1/search?q=${encodeURIComponent('学校名录')}&type=dataset`)
    ).json()
    expect(found.items.map((i: { id: string }) => i.id)).toEqual(['school-list'])
    expect(found.items[0].url).toBe('/datasets/school-list')
    // A second app on the same store file (another process, in effect) publishes; the first sees it.
    const other = openSqliteStore(`${s.dir}/store.db`)
    const app2 = await createApp(other, {
      baseUrl: BASE,
      organisation: ORG,
      filesDir: `${s.dir}/files`,
      rateLimit: false,
    })
    expect(
      (await publishDataset(app2, publisher, { id: 'care-homes', title: '养老机构名录' })).status
    ).toBe(201)
    const seen = await (
      await call(s.app, 'GET', `/api/v1/search?q=${encodeURIComponent('养老院')}`)
    ).json()
    expect(seen.items.map((i: { id: string }) => i.id)).toContain('care-homes')
    await done(other)
    await done(s.store)
  })
})
