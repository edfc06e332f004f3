import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore, type Store } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { openStoreStamp } from './store-stamp.js'

describe('store stamp', () => {
  it('moves on our own writes and on commits of another connection, not on reads', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gk-stamp-')), 'store.db')
    const a = openSqliteStore(file)
    const b = openSqliteStore(file)
    await a.exec('CREATE TABLE t (x INTEGER)')
    const stamp = openStoreStamp(a)
    const s0 = await stamp()
    expect(s0).toMatch(/^\d+:\d+$/)
    await a.all('SELECT * FROM t')
    await b.all('SELECT * FROM t')
    expect(await stamp()).toBe(s0)
    await a.run('INSERT INTO t VALUES (1)')
    const s1 = await stamp()
    expect(s1).not.toBe(s0)
    await b.run('INSERT INTO t VALUES (2)')
    const s2 = await stamp()
    expect(s2).not.toBe(s1)
    await b.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (3)')
    })
    expect(await stamp()).not.toBe(s2)
    await a.close()
    await b.close()
  })

  it('shares one read among concurrent callers, read after all of them asked', async () => {
    const store = openSqliteStore(':memory:')
    await store.exec('CREATE TABLE t (x INTEGER)')
    const stamp = openStoreStamp(store)
    const first = stamp()
    // A write made after the first request but before the shared read is seen by both.
    await store.run('INSERT INTO t VALUES (1)')
    const second = stamp()
    expect(second).toBe(first)
    const before = await first
    await store.run('INSERT INTO t VALUES (2)')
    expect(await stamp()).not.toBe(before)
    await store.close()
  })

  it('gives no stamp (so no caching) on stores that are not SQLite', async () => {
    const fake = { dialect: 'postgres' } as unknown as Store
    expect(await openStoreStamp(fake)()).toBeUndefined()
  })
})
