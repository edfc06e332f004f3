import type { TableSchema } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatastore } from './datastore.js'
import { QueryTooExpensive } from './query-too-expensive.js'
import { publishUnits } from './test-units.js'

const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '区', type: 'string' },
    { name: '名称', type: 'string' },
    { name: '金额', type: 'integer' },
  ],
  primaryKey: '编号',
  filterColumns: ['区'],
}
const ROWS = 20_000

describe('rows query limits', () => {
  let store: Store
  let filesDir: string
  beforeAll(async () => {
    ;({ store, filesDir } = await publishUnits(
      'od-limits-',
      schema,
      Array.from({ length: ROWS }, (_, i) => ({
        编号: i + 1,
        区: i % 2 ? '长宁区' : '徐汇区',
        名称: `示例单位${i + 1}号`,
        金额: i % 1000,
      }))
    ))
  })
  afterAll(() => store.close())

  const withLimits = (limits: { maxQueryCost?: number; queryBudgetMs?: number }) =>
    openDatastore(store, { filesDir, ...limits })

  it('answers an unindexed filter off the request thread, with the exact total', async () => {
    const ds = await withLimits({})
    const r = await ds.rows('units', { filters: { 金额: 7 }, limit: 2 })
    expect(r).toMatchObject({ ok: true, total: ROWS / 1000, items: [{ 编号: 8 }, { 编号: 1008 }] })
  })

  it('refuses before running a query whose estimate is over the limit, with the estimate', async () => {
    const ds = await withLimits({ maxQueryCost: ROWS })
    // Two unindexed range checks on every row: 2 × ROWS.
    const err = await ds
      .rows('units', { filters: { 金额: { gte: 10, lt: 20 } } })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(QueryTooExpensive)
    expect(err).toMatchObject({
      phase: 'refused',
      details: { estimate: 2 * ROWS, limit: ROWS, rows: ROWS, perRow: 2 },
    })
  })

  it('counts a filter an index serves at a fraction of the rows', async () => {
    const ds = await withLimits({ maxQueryCost: ROWS })
    const r = await ds.rows('units', { filters: { 区: '长宁区' }, limit: 1 })
    expect(r).toMatchObject({ ok: true, total: ROWS / 2 })
  })

  it('a short search LIKEs every text column: one check per column per row', async () => {
    const ds = await withLimits({ maxQueryCost: 2 * ROWS - 1 })
    await expect(ds.rows('units', { q: '单位' })).rejects.toMatchObject({
      phase: 'refused',
      details: { perRow: 2 },
    })
  })

  it('cuts a query past its time budget', async () => {
    const ds = await withLimits({ queryBudgetMs: 1 })
    await expect(ds.rows('units', { q: '单位', sort: [{ column: '名称' }] })).rejects.toMatchObject(
      { code: 'query_too_expensive', phase: 'cut' }
    )
    // The pool keeps serving afterwards.
    const after = await (await withLimits({})).rows('units', { filters: { 金额: 3 }, limit: 1 })
    expect(after).toMatchObject({ ok: true, total: ROWS / 1000 })
  })
})
