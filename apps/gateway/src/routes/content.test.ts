import { openContentIndex } from '@gongkai/linker'
import { describe, expect, it } from 'vitest'
import { call, setup } from '../test-support.js'

async function withContent() {
  const s = await setup()
  const cat = await (await call(s.app, 'GET', '/api/v1/catalogues/compulsory_education')).json()
  const entry = cat.entries[0].id as string
  const index = await openContentIndex(s.store)
  await index.upsert(
    [
      {
        url: 'https://www.example.gov.cn/zwgk/1.html',
        title: '2021年义务教育阶段学校招生入学工作实施意见',
        publishedAt: '2021-04-20',
        docNo: '示教〔2021〕3号',
      },
      {
        url: 'https://www.example.gov.cn/zwgk/2.html',
        title: '示例区学校名录',
        publishedAt: '2020-09-01',
      },
      {
        url: 'https://www.example.gov.cn/zwgk/3.html',
        title: '关于做好防汛工作的通知',
        publishedAt: '2021-06-01',
      },
    ],
    { source: 'test' }
  )
  await index.saveBindings({
    bindings: [
      {
        entry: { catalogue: 'compulsory_education', entry },
        content: 'https://www.example.gov.cn/zwgk/1.html',
        method: 'title',
        confidence: 0.8,
      },
      {
        entry: { catalogue: 'compulsory_education', entry },
        content: 'https://www.example.gov.cn/zwgk/2.html',
        method: 'manual',
        confidence: 1,
      },
    ],
    unbound: ['https://www.example.gov.cn/zwgk/3.html'],
    entriesWithoutContent: [],
  })
  return { ...s, entry }
}

describe('content routes', () => {
  it('returns the entry with its bound content, method and confidence (the one-click lookup)', async () => {
    const { app, entry } = await withContent()
    const body = await (
      await call(app, 'GET', `/api/v1/catalogues/compulsory_education/entries/${entry}`)
    ).json()
    expect(body.contentIndex).toBe('available')
    expect(body.content).toHaveLength(2)
    const byUrl = Object.fromEntries(
      body.content.map((c: { url: string; binding: unknown }) => [c.url, c.binding])
    )
    expect(byUrl['https://www.example.gov.cn/zwgk/1.html']).toMatchObject({
      method: 'title',
      confidence: 0.8,
    })
  })

  it('lists content with q/from/to, and the items bound to one entry', async () => {
    const { app, entry } = await withContent()
    const all = await (await call(app, 'GET', '/api/v1/content')).json()
    expect(all.total).toBe(3)
    const q = await (
      await call(app, 'GET', `/api/v1/content?q=${encodeURIComponent('招生')}`)
    ).json()
    expect(q.items.map((i: { url: string }) => i.url)).toEqual([
      'https://www.example.gov.cn/zwgk/1.html',
    ])
    const bound = await (
      await call(
        app,
        'GET',
        `/api/v1/content?entry=compulsory_education/${entry}&from=2021-01-01&limit=1`
      )
    ).json()
    expect(bound.total).toBe(1)
    expect(bound.items[0].binding.method).toBe('title')
    expect(bound.next).toBeNull()
    expect((await call(app, 'GET', '/api/v1/content?from=yesterday')).status).toBe(400)
    expect((await call(app, 'GET', '/api/v1/content?entry=only-one-part')).status).toBe(400)
    expect((await call(app, 'GET', '/api/v1/content?entry=compulsory_education/nope')).status).toBe(
      404
    )
  })
})
