import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { documentDoc } from './documents.js'
import { openSearchIndex } from './search-store.js'

const doc = (n: number, title: string) => documentDoc({ url: `https://x.gov.cn/${n}.html`, title })

describe('openSearchIndex', () => {
  it('shares the index between connections through the store, removals included', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gk-search-')), 'store.db')
    const a = openSqliteStore(file)
    const b = openSqliteStore(file)
    const one = await openSearchIndex(a)
    const two = await openSearchIndex(b)
    expect(await one.replace('document', [doc(1, '最低生活保障标准'), doc(2, '防汛通知')])).toEqual(
      {
        added: 2,
        updated: 0,
        removed: 0,
        unchanged: 0,
      }
    )
    expect((await two.search({ q: '低保' })).items.map((i) => i.id)).toEqual([
      'https://x.gov.cn/1.html',
    ])
    // Same documents again: nothing written. One changed, one gone: both seen by the other side.
    expect(
      (await one.replace('document', [doc(1, '最低生活保障标准'), doc(2, '防汛通知')])).unchanged
    ).toBe(2)
    const r = await two.replace('document', [doc(1, '特困人员救助供养')])
    expect(r).toEqual({ added: 0, updated: 1, removed: 1, unchanged: 0 })
    expect((await one.search({ q: '低保' })).total).toBe(0)
    expect((await one.search({ q: '防汛' })).total).toBe(0)
    expect((await one.search({ q: '特困' })).total).toBe(1)
    expect(one.size()).toBe(1)
    // A new connection loads what is stored, tombstones skipped.
    const c = openSqliteStore(file)
    const three = await openSearchIndex(c)
    expect((await three.search({ q: '特困' })).total).toBe(1)
    expect(three.size()).toBe(1)
    await Promise.all([a.close(), b.close(), c.close()])
  })

  it('refuses a document of another type in replace(type)', async () => {
    const store = openSqliteStore(':memory:')
    const idx = await openSearchIndex(store)
    expect(() => idx.replace('dataset', [doc(1, '防汛')])).toThrow(/dataset.*document/)
    await store.close()
  })
})
