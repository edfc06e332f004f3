import { join } from 'node:path'
import type { TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../ingest/test-files.js'
import { type Datastore, openDatastore } from './datastore.js'

const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '区', type: 'string' },
    { name: '名称', type: 'string' },
    { name: '公办', type: 'boolean' },
  ],
  primaryKey: '编号',
}
const DISTRICTS = ['长宁区', '徐汇区', '静安区']
// 编号 runs backwards, so the row number and the declared key never coincide by accident.
const rows = Array.from({ length: 30 }, (_, k) => ({
  编号: 100 - k,
  区: DISTRICTS[k % 3],
  名称: k % 5 === 0 ? `第${k}号实验小学` : `普通学校${k}`,
  公办: k % 2 === 0,
}))

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r as Extract<T, { ok: true }>
}

describe('rows: row numbers, projection, distinct, lists, per-column q, totals', () => {
  let ds: Datastore
  beforeAll(async () => {
    const dir = tempDir('od-rq-')
    ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
      filesDir: join(dir, 'files'),
    })
    const r = await ds.publish({
      descriptor: {
        id: 'schools',
        title: '学校',
        description: '测试',
        publisher: { id: 'p', name: 'P' },
        license: 'https://creativecommons.org/licenses/by/4.0/',
        openness: 'unconditional',
      },
      schema,
      source: { rows },
    })
    expect(r.ok).toBe(true)
  })

  it('numbers rows from 1 in source order, whatever the sort and page', async () => {
    const all = ok(await ds.rows('schools', { rowNumber: '_id', limit: 100 }))
    expect(all.items.map((r) => r._id)).toEqual(rows.map((_, k) => k + 1))
    expect(Object.keys(all.items[0] ?? {})).toEqual(['_id', '编号', '区', '名称', '公办'])
    const sorted = ok(
      await ds.rows('schools', {
        rowNumber: '_id',
        sort: [{ column: '编号', direction: 'asc' }],
        limit: 3,
        offset: 2,
      })
    )
    // 编号 ascending is source order reversed: rows 28, 27, 26.
    expect(sorted.items.map((r) => [r._id, r.编号])).toEqual([
      [28, 73],
      [27, 74],
      [26, 75],
    ])
    const byId = ok(
      await ds.rows('schools', {
        rowNumber: '_id',
        filters: { _id: { gte: 29 } },
        sort: [{ column: '_id', direction: 'desc' }],
      })
    )
    expect(byId.items.map((r) => r._id)).toEqual([30, 29])
  })

  it('pages by cursor with the row number as a sort key', async () => {
    const seen: unknown[] = []
    let cursor: string | undefined
    do {
      const r = ok(
        await ds.rows('schools', {
          rowNumber: '_id',
          sort: [{ column: '区' }, { column: '_id', direction: 'desc' }],
          limit: 7,
          cursor,
        })
      )
      seen.push(...r.items.map((x) => x._id))
      cursor = r.next ?? undefined
    } while (cursor)
    expect(seen).toHaveLength(30)
    expect(new Set(seen).size).toBe(30)
  })

  it('returns only the listed fields, in their order', async () => {
    const r = ok(await ds.rows('schools', { rowNumber: '_id', fields: ['名称', '_id'], limit: 1 }))
    expect(r.items).toEqual([{ 名称: '第0号实验小学', _id: 1 }])
  })

  it('answers distinct rows of the fields, counted as distinct', async () => {
    const r = ok(
      await ds.rows('schools', {
        fields: ['区', '公办'],
        distinct: true,
        sort: [{ column: '区', direction: 'desc' }],
      })
    )
    // 30 rows, 3 districts × 2 (k%3, k%2 cycle through all 6 pairs).
    expect(r.total).toBe(6)
    expect(r.items).toHaveLength(6)
    expect(new Set(r.items.map((x) => JSON.stringify(x))).size).toBe(6)
    expect(r.items.map((x) => x.区)).toEqual([...r.items.map((x) => x.区)].sort().reverse())
    expect(r.next).toBeNull()
    const refused = await ds.rows('schools', {
      fields: ['区'],
      distinct: true,
      sort: [{ column: '名称' }],
    })
    expect(refused).toMatchObject({ ok: false, errors: [{ parameter: 'sort[0].column' }] })
  })

  it('filters on any of a list of values, cast to the column type', async () => {
    const r = ok(await ds.rows('schools', { filters: { 编号: ['100', 99, 5] }, limit: 100 }))
    expect(r.items.map((x) => x.编号)).toEqual([100, 99])
    const none = ok(await ds.rows('schools', { filters: { 区: [] } }))
    expect(none.total).toBe(0)
    const bad = await ds.rows('schools', { filters: { 编号: [1, 'x'] } })
    expect(bad).toMatchObject({ ok: false, errors: [{ parameter: 'filters.编号[1]' }] })
  })

  it('searches one column at a time with an object q', async () => {
    const r = ok(await ds.rows('schools', { q: { 名称: '实验小学', 区: '长宁' }, limit: 100 }))
    // k % 5 === 0 and k % 3 === 0: k = 0, 15.
    expect(r.items.map((x) => x.编号)).toEqual([100, 85])
    const numeric = ok(await ds.rows('schools', { q: { 编号: '10' }, limit: 100 }))
    expect(numeric.items.map((x) => x.编号)).toEqual([100])
    const bad = await ds.rows('schools', { q: { 颜色: '红' } })
    expect(bad).toMatchObject({ ok: false, errors: [{ parameter: 'q.颜色' }] })
  })

  it('skips the count when the total is not wanted', async () => {
    const r = ok(await ds.rows('schools', { includeTotal: false, limit: 1 }))
    expect(r.total).toBeNull()
    expect(r.items).toHaveLength(1)
  })

  it('keeps a declared column of the row number name', async () => {
    const dir = tempDir('od-rq2-')
    const d2 = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
      filesDir: join(dir, 'files'),
    })
    await d2.publish({
      descriptor: {
        id: 'own',
        title: '自有键',
        description: '测试',
        publisher: { id: 'p', name: 'P' },
        license: 'https://creativecommons.org/licenses/by/4.0/',
        openness: 'unconditional',
      },
      schema: { fields: [{ name: '_id', type: 'string' }], primaryKey: '_id' },
      source: { rows: [{ _id: 'a-7' }, { _id: 'b-9' }] },
    })
    const r = ok(await d2.rows('own', { rowNumber: '_id' }))
    expect(r.items).toEqual([{ _id: 'a-7' }, { _id: 'b-9' }])
  })
})
