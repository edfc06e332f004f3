import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { QueryPool } from './query-pool.js'
import { openSqliteStore } from './sqlite-store.js'
import type { Store } from './types.js'

const open: Store[] = []
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
})

/** A file store with `n` rows in table t. */
async function filled(n: number, options: { queryWorkers?: number } = {}): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pool-'))
  const store = openSqliteStore(join(dir, 'store.db'), options)
  open.push(store)
  await store.exec('CREATE TABLE t (a INTEGER, b TEXT)')
  await store.runMany(
    'INSERT INTO t (a, b) VALUES (?, ?)',
    Array.from({ length: n }, (_, i) => [i, `行${i}`])
  )
  return store
}

// A cross join of 3,000 × 3,000 rows: minutes of work unless the budget stops it.
const ENDLESS = 'SELECT count(*) AS n FROM t x, t y WHERE gk_budget() AND x.b || y.b LIKE ?'

describe('readHeavy', () => {
  for (const queryWorkers of [undefined, 0]) {
    const where = queryWorkers === 0 ? 'on the calling thread' : 'on worker threads'
    it(`answers reads in order, in one snapshot, ${where}`, async () => {
      const store = await filled(100, { queryWorkers })
      const [rows, total] = await store.readHeavy([
        {
          sql: 'SELECT a FROM t WHERE gk_budget() AND a >= ? ORDER BY a LIMIT 2',
          params: [90],
          op: 'all',
        },
        {
          sql: 'SELECT count(*) AS n FROM t WHERE gk_budget() AND a >= @min',
          params: { min: 90 },
          op: 'get',
        },
      ])
      expect(rows).toEqual([{ a: 90 }, { a: 91 }])
      expect(total).toEqual({ n: 10 })
    })

    it(`stops a read past its budget with query_timeout and keeps serving, ${where}`, async () => {
      const store = await filled(3000, { queryWorkers })
      await expect(
        store.readHeavy([{ sql: ENDLESS, params: ['%无%'], op: 'get' }], { budgetMs: 300 })
      ).rejects.toMatchObject({ code: 'query_timeout' })
      const [after] = await store.readHeavy([{ sql: 'SELECT count(*) AS n FROM t', op: 'get' }])
      expect(after).toEqual({ n: 3000 })
    })
  }

  it('names a failing statement with query_failed and the SQLite message', async () => {
    const store = await filled(1)
    await expect(store.readHeavy([{ sql: 'SELECT nope FROM t', op: 'all' }])).rejects.toMatchObject(
      { code: 'query_failed', message: expect.stringContaining('nope') }
    )
  })

  it('sees rows committed after the workers started', async () => {
    const store = await filled(1)
    await store.readHeavy([{ sql: 'SELECT 1', op: 'get' }])
    await store.run('INSERT INTO t (a, b) VALUES (?, ?)', [7, 'x'])
    expect(await store.readHeavy([{ sql: 'SELECT count(*) AS n FROM t', op: 'get' }])).toEqual([
      { n: 2 },
    ])
  })

  it('never writes: the workers hold read-only connections', async () => {
    const store = await filled(1)
    await expect(
      store.readHeavy([{ sql: 'DELETE FROM t RETURNING a', op: 'all' }])
    ).rejects.toMatchObject({ code: 'query_failed' })
    expect(await store.get('SELECT count(*) AS n FROM t')).toEqual({ n: 1 })
  })

  it('refuses new reads with query_queue_full when too many wait', async () => {
    const store = await filled(3000, { queryWorkers: 1 })
    const slow = () =>
      store.readHeavy([{ sql: ENDLESS, params: ['%无%'], op: 'get' }], { budgetMs: 1500 })
    // One running and 32 queued behind the single worker.
    const waiting = Promise.allSettled(Array.from({ length: 33 }, slow))
    await expect(slow()).rejects.toMatchObject({ code: 'query_queue_full' })
    await store.close()
    open.splice(open.indexOf(store), 1)
    const settled = await waiting
    expect(settled.map((s) => (s.status === 'rejected' ? s.reason.code : 'ok'))).toEqual(
      Array.from({ length: 33 }, () => 'closed')
    )
  })
})

describe('QueryPool', () => {
  it('replaces a worker whose statement never reaches a budget check', async () => {
    const store = await filled(3000)
    const pool = new QueryPool(store.location, { size: 1, graceMs: 100 })
    try {
      const unguarded = 'SELECT count(*) AS n FROM t x, t y WHERE x.b || y.b LIKE ?'
      await expect(
        pool.run([{ sql: unguarded, params: ['%无%'], op: 'get' }], 200)
      ).rejects.toMatchObject({ code: 'query_timeout' })
      // The next read does not wait for the stuck scan: a fresh worker answers it.
      expect(await pool.run([{ sql: 'SELECT count(*) AS n FROM t', op: 'get' }], 10_000)).toEqual([
        { n: 3000 },
      ])
    } finally {
      await pool.close()
    }
  })
})
