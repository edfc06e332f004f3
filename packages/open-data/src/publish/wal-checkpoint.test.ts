import { join } from 'node:path'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../ingest/test-files.js'
import { widenCheckpoints } from './wal-checkpoint.js'

const pages = async (store: ReturnType<typeof openSqliteStore>) =>
  (await store.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint'))?.wal_autocheckpoint

describe('widenCheckpoints', () => {
  it('widens the WAL checkpoint interval for the ingest and restores the one before', async () => {
    const store = openSqliteStore(join(tempDir('od-wal-'), 'store.db'))
    await store.exec('PRAGMA wal_autocheckpoint = 500')
    const restore = await widenCheckpoints(store)
    expect(await pages(store)).toBe(20_000)
    await restore()
    expect(await pages(store)).toBe(500)
    await store.close()
  })

  it('leaves an in-memory store alone', async () => {
    const store = openSqliteStore(':memory:')
    const before = await pages(store)
    await (await widenCheckpoints(store))()
    expect(await pages(store)).toBe(before)
    await store.close()
  })
})
