import type { ContentItem } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { openContentIndex } from './content-index.js'
import { normaliseUrl } from './normalise-url.js'

const item = (n: number, extra: Partial<ContentItem> = {}): ContentItem => ({
  url: `https://www.example.gov.cn/a/${n}.html`,
  title: `文件${n}`,
  publishedAt: `2021-04-${String(10 + (n % 10)).padStart(2, '0')}`,
  column: n % 2 ? '招生计划' : '通知公告',
  issuer: '区教育局',
  ...extra,
})

describe('normaliseUrl', () => {
  it('lower-cases scheme and host, drops fragment and default port', () => {
    expect(normaliseUrl('HTTP://WWW.Example.GOV.cn:80/A.html#top')).toBe(
      'http://www.example.gov.cn/A.html'
    )
    expect(normaliseUrl('not a url')).toBeUndefined()
  })
})

describe('openContentIndex', () => {
  it('upserts by normalised URL, reporting inserted, updated and unchanged', async () => {
    const store = openSqliteStore(':memory:')
    const index = await openContentIndex(store)
    expect(await index.upsert([item(1), item(2)], { source: 'a.csv' })).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    })
    async function* again() {
      yield { ...item(1), url: 'HTTPS://WWW.EXAMPLE.GOV.CN/a/1.html#x', docNo: '长教〔2021〕1号' }
      yield item(2)
    }
    expect(await index.upsert(again(), { source: 'b.csv' })).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    })
    expect(await index.get('https://www.example.gov.cn/a/1.html')).toMatchObject({
      docNo: '长教〔2021〕1号',
      title: '文件1',
    })
    // A sitemap names no title (URL as placeholder): the stored title stays, the date updates.
    const url = item(2).url
    await index.upsert([{ url, title: url, publishedAt: '2021-05-01' }], { source: 'sitemap.xml' })
    expect(await index.get(url)).toMatchObject({ title: '文件2', publishedAt: '2021-05-01' })
    expect(await index.count()).toBe(2)
    await store.close()
  })

  it('queries with filters and a cursor, newest first', async () => {
    const store = openSqliteStore(':memory:')
    const index = await openContentIndex(store)
    await index.upsert(
      Array.from({ length: 25 }, (_, i) => item(i)),
      { source: 'x' }
    )
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await index.query({ column: '招生计划', limit: 5, cursor })
      expect(page.total).toBe(12)
      seen.push(...page.items.map((i) => i.url))
      cursor = page.next
    } while (cursor)
    expect(seen).toHaveLength(12)
    expect(new Set(seen).size).toBe(12)
    const dates = await Promise.all(seen.map(async (u) => (await index.get(u))?.publishedAt ?? ''))
    expect(dates).toEqual([...dates].sort().reverse())
    expect(
      (await index.query({ q: '文件1', from: '2021-04-11', to: '2021-04-11' })).items
        .map((i) => i.title)
        .sort()
    ).toEqual(['文件1', '文件11'])
    const all: string[] = []
    for await (const i of index.all()) all.push(i.url)
    expect(all).toEqual([...all].sort())
    await store.close()
  })

  it('saves bindings and reads them back per entry with their items', async () => {
    const store = openSqliteStore(':memory:')
    const index = await openContentIndex(store)
    await index.upsert([item(1), item(2)], { source: 'x' })
    const entry = { catalogue: 'compulsory_education', entry: 'enrolment.enrolment_plan' }
    await index.saveBindings({
      bindings: [
        { entry, content: item(1).url, method: 'column', confidence: 0.9 },
        {
          entry,
          content: 'https://www.example.gov.cn/manual.html',
          method: 'manual',
          confidence: 1,
        },
      ],
      unbound: [item(2).url],
      entriesWithoutContent: [],
    })
    expect(await index.bindings()).toHaveLength(2)
    const bound = await index.bindingsForEntry(entry.catalogue, entry.entry)
    expect(bound.map((b) => [b.method, b.item.title])).toEqual([
      ['column', '文件1'],
      ['manual', 'https://www.example.gov.cn/manual.html'],
    ])
    // Saving again replaces the previous result.
    await index.saveBindings({ bindings: [], unbound: [], entriesWithoutContent: [] })
    expect(await index.bindings()).toEqual([])
    await store.close()
  })
})

describe('normaliseUrl fast path', () => {
  it('gives what URL parsing gives', () => {
    for (const u of [
      'https://www.example.gov.cn/a/1.html',
      'https://www.example.gov.cn/a/../b.html',
      'https://www.example.gov.cn/a/./b.html?x=1',
      'https://www.example.gov.cn/搜索?q=招生',
      'http://a.b/c?d=e&f=%20',
    ]) {
      const url = new URL(u)
      url.hash = ''
      expect(normaliseUrl(u)).toBe(url.href)
    }
  })
})
