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

  it('reads the stored changes only when the newest change number moved', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gk-search-')), 'store.db')
    const a = openSqliteStore(file)
    const b = openSqliteStore(file)
    // Count the streaming reads of `b` (how a process reads changes from the store).
    let reads = 0
    const counted = new Proxy(b, {
      get(target, prop, receiver) {
        if (prop === 'iterate')
          return (...args: Parameters<typeof b.iterate>) => {
            reads++
            return target.iterate(...args)
          }
        const v = Reflect.get(target, prop, receiver)
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
    const one = await openSearchIndex(a)
    const two = await openSearchIndex(counted)
    await one.replace('document', [doc(1, '最低生活保障标准')])
    expect((await two.search({ q: '低保' })).total).toBe(1)
    const after = reads
    await two.search({ q: '低保' })
    await two.search({ q: '特困' })
    expect(reads).toBe(after)
    // Its own write goes into its memory without reading it back.
    await two.upsert([doc(2, '特困人员救助供养')])
    expect((await two.search({ q: '特困' })).total).toBe(1)
    expect(reads).toBe(after)
    // Another process's write moves the change number: read once.
    await one.remove('document', ['https://x.gov.cn/1.html'])
    expect((await two.search({ q: '低保' })).total).toBe(0)
    expect(reads).toBe(after + 1)
    await Promise.all([a.close(), b.close()])
  })

  it('applies the changes it missed before its own write', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gk-search-')), 'store.db')
    const a = openSqliteStore(file)
    const b = openSqliteStore(file)
    const one = await openSearchIndex(a)
    const two = await openSearchIndex(b)
    expect((await one.search({ q: '防汛' })).total).toBe(0)
    // `two` writes change 1; `one` has not seen it when it writes change 2.
    await two.upsert([doc(1, '防汛工作通知')])
    await one.upsert([doc(2, '特困人员救助供养')])
    expect(one.size()).toBe(2)
    expect((await one.search({ q: '防汛' })).total).toBe(1)
    expect(
      await one.remove('document', ['https://x.gov.cn/1.html', 'https://x.gov.cn/9.html'])
    ).toBe(1)
    expect(one.size()).toBe(1)
    expect((await two.search({ q: '防汛' })).total).toBe(0)
    await Promise.all([a.close(), b.close()])
  })

  it('refuses a document of another type in replace(type)', async () => {
    const store = openSqliteStore(':memory:')
    const idx = await openSearchIndex(store)
    expect(() => idx.replace('dataset', [doc(1, '防汛')])).toThrow(/dataset.*document/)
    await store.close()
  })
})
