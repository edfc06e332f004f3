// Totals above a threshold are estimated (CKAN's total_estimation_threshold): the count stops
// after threshold + 1 matches and extrapolates from how far into the table the scan got.
import type { TableSchema } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatastore } from './datastore.js'
import { publishUnits } from './test-units.js'

const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '类别', type: 'string' },
    { name: '名称', type: 'string' },
  ],
  primaryKey: '编号',
}
const ROWS = 5_000

describe('estimated totals', () => {
  let store: Store
  let filesDir: string
  beforeAll(async () => {
    ;({ store, filesDir } = await publishUnits(
      'od-estimate-',
      schema,
      Array.from({ length: ROWS }, (_, i) => ({
        编号: i + 1,
        类别: i % 2 ? '乙' : '甲',
        名称: i % 100 === 0 ? `稀有单位${i}` : `示例单位${i}`,
      }))
    ))
  })
  afterAll(() => store.close())

  const open = (totalEstimationThreshold?: number) =>
    openDatastore(store, { filesDir, totalEstimationThreshold })

  it('estimates a filtered total above the threshold and says so', async () => {
    const ds = await open(100)
    const r = await ds.rows('units', { filters: { 类别: '甲' }, limit: 2 })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.totalEstimated).toBe(true)
    expect(r.total).toBeGreaterThan(100)
    // Every other row matches: the estimate lands within 5 % of the 2,500 matches.
    expect(Math.abs(r.total - ROWS / 2)).toBeLessThan(ROWS / 2 / 20)
    expect(r.items).toHaveLength(2)
  })

  it('counts exactly at or below the threshold, without a filter, and with the threshold off', async () => {
    const ds = await open(100)
    const few = await ds.rows('units', { q: '稀有', limit: 1 })
    expect(few).toMatchObject({ ok: true, total: ROWS / 100, totalEstimated: false })
    const all = await ds.rows('units', { limit: 1 })
    expect(all).toMatchObject({ ok: true, total: ROWS, totalEstimated: false })
    const exact = await (await open(0)).rows('units', { filters: { 类别: '甲' }, limit: 1 })
    expect(exact).toMatchObject({ ok: true, total: ROWS / 2, totalEstimated: false })
    const unset = await (await open()).rows('units', { filters: { 类别: '甲' }, limit: 1 })
    expect(unset).toMatchObject({ ok: true, total: ROWS / 2, totalEstimated: false })
  })

  it('takes a lower threshold from the query, never a higher one', async () => {
    const ds = await open(100)
    const lower = await ds.rows('units', { q: '稀有', limit: 1, totalEstimationThreshold: 10 })
    expect(lower).toMatchObject({ ok: true, totalEstimated: true })
    const higher = await ds.rows('units', {
      filters: { 类别: '甲' },
      limit: 1,
      totalEstimationThreshold: 1_000_000,
    })
    expect(higher).toMatchObject({ ok: true, totalEstimated: true })
  })
})
