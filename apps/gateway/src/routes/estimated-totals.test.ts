// Totals above query.totalEstimationThreshold are estimated and flagged: `totalEstimated` on the
// REST rows answer, `total_was_estimated` in CKAN's datastore_search (as CKAN 2.9+ does).
import { describe, expect, it } from 'vitest'
import { call, done, publishDataset, setup } from '../test-support.js'

const ROWS = 600
const csv = `编号,名称,区,学生数\n${Array.from(
  { length: ROWS },
  (_, i) => `${i + 1},学校${i + 1},${i % 2 ? '长宁' : '徐汇'},${i % 7 === 0 ? 1 : 500}`
).join('\n')}\n`

describe('estimated totals', () => {
  it('estimates filtered totals above the threshold on the REST rows and says so', async () => {
    const { app, store, token } = await setup({ query: { totalEstimationThreshold: 100 } })
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher, {}, csv)).status).toBe(201)
    const rows = (qs: string) => call(app, 'GET', `/api/v1/datasets/schools/rows?${qs}`)
    const many = await (
      await rows(`${encodeURIComponent('区')}=${encodeURIComponent('长宁')}&limit=1`)
    ).json()
    expect(many.totalEstimated).toBe(true)
    expect(many.total).toBeGreaterThan(100)
    const few = await (await rows(`${encodeURIComponent('学生数')}=1&limit=1`)).json()
    expect(few).toMatchObject({ total: Math.ceil(ROWS / 7), totalEstimated: false })
    const all = await (await rows('limit=1')).json()
    expect(all).toMatchObject({ total: ROWS, totalEstimated: false })
    await done(store)
  })

  it('answers total_was_estimated in datastore_search; total_estimation_threshold may lower it', async () => {
    const { app, store, token } = await setup({ query: { totalEstimationThreshold: 100 } })
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher, {}, csv)).status).toBe(201)
    const search = async (extra: Record<string, unknown>) =>
      (
        await call(app, 'POST', '/api/3/action/datastore_search', {
          json: { resource_id: 'schools', limit: 1, ...extra },
        })
      ).json()
    const many = await search({ filters: { 区: '长宁' } })
    expect(many.result.total_was_estimated).toBe(true)
    expect(many.result.total).toBeGreaterThan(100)
    const few = await search({ filters: { 学生数: 1 } })
    expect(few.result).toMatchObject({ total: Math.ceil(ROWS / 7), total_was_estimated: false })
    const lowered = await search({ filters: { 学生数: 1 }, total_estimation_threshold: 10 })
    expect(lowered.result).toMatchObject({
      total_was_estimated: true,
      total_estimation_threshold: 10,
    })
    const lifted = await search({ filters: { 区: '长宁' }, total_estimation_threshold: 100_000 })
    expect(lifted.result.total_was_estimated).toBe(true)
    await done(store)
  })
})
