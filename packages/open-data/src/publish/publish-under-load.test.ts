import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { openDatastore } from '../datastore/datastore.js'
import { tempDir } from '../ingest/test-files.js'

const descriptor: Dataset = {
  id: 'units',
  title: '单位名录',
  description: '测试数据集',
  publisher: { id: 'changning', name: '长宁区' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
}
const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '名称', type: 'string' },
  ],
  primaryKey: '编号',
}
const rows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({ 编号: from + i, 名称: `单位${from + i}` }))

/** A source that yields `before` rows, then waits for `release()`, then yields `after` more. */
function pausedSource(before: number, after: number) {
  let release!: () => void
  let reached!: () => void
  const gate = new Promise<void>((r) => {
    release = r
  })
  const paused = new Promise<void>((r) => {
    reached = r
  })
  async function* source() {
    for (const r of rows(before)) yield r
    reached()
    await gate
    for (const r of rows(after, before + 1)) yield r
  }
  return { source: source(), paused, release }
}

describe('publishing under load', () => {
  it('holds the write lock per batch only: other writers, readers and a second publisher meanwhile', async () => {
    const dir = tempDir('od-load-')
    const filesDir = join(dir, 'files')
    const store = openSqliteStore(join(dir, 'store.db'))
    const ds = await openDatastore(store, { filesDir })
    expect(await ds.publish({ descriptor, schema, source: { rows: rows(3) } })).toMatchObject({
      ok: true,
      version: 1,
    })
    const p = pausedSource(5000, 5000)
    const running = ds.publish({ descriptor, schema, source: { rows: p.source } })
    await p.paused

    // Another process writes with a short busy timeout: the publish holds no lock between batches.
    const other = openSqliteStore(join(dir, 'store.db'), { busyTimeoutMs: 200 })
    await other.exec('CREATE TABLE IF NOT EXISTS probe (n INTEGER)')
    await other.run('INSERT INTO probe (n) VALUES (1)')
    // Readers see the previous version only, never half of the new one.
    const otherDs = await openDatastore(other, { filesDir })
    expect((await otherDs.getDataset('units'))?.currentVersion).toBe(1)
    expect(await otherDs.rows('units', { limit: 10 })).toMatchObject({ ok: true, total: 3 })
    // A second publisher of the same dataset is refused at once, in this process and another.
    for (const d of [ds, otherDs]) {
      const second = await d.publish({ descriptor, schema, source: { rows: rows(2) } })
      expect(second).toMatchObject({ ok: false, reason: 'in_progress' })
    }
    // Another dataset publishes meanwhile.
    expect(
      await otherDs.publish({
        descriptor: { ...descriptor, id: 'other' },
        schema,
        source: { rows: rows(2) },
      })
    ).toMatchObject({ ok: true, version: 1 })

    p.release()
    expect(await running).toMatchObject({ ok: true, version: 2, rowCount: 10_000 })
    expect(await otherDs.rows('units', { q: '单位9999' })).toMatchObject({
      ok: true,
      total: 1,
      version: 2,
    })
    expect(await ds.publish({ descriptor, schema, source: { rows: rows(1) } })).toMatchObject({
      ok: true,
      version: 3,
    })
    await other.close()
    await store.close()
  })

  it('a refused file leaves nothing: no table, no staging row, no files, the id free again', async () => {
    const dir = tempDir('od-refused-')
    const filesDir = join(dir, 'files')
    const store = openSqliteStore(join(dir, 'store.db'))
    const ds = await openDatastore(store, { filesDir })
    const bad = [...rows(3000), { 编号: 'x', 名称: '坏行' }]
    const r = await ds.publish({ descriptor, schema, source: { rows: bad }, expect: 'new' })
    expect(r).toMatchObject({ ok: false, reason: 'invalid_rows' })
    const tables = await store.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'od\\_%\\_v%' ESCAPE '\\'"
    )
    expect(tables).toEqual([])
    expect(await store.all('SELECT * FROM od_versions')).toEqual([])
    mkdirSync(filesDir, { recursive: true })
    expect(existsSync(join(filesDir, 'units')) ? readdirSync(join(filesDir, 'units')) : []).toEqual(
      []
    )
    expect(
      await ds.publish({ descriptor, schema, source: { rows: rows(2) }, expect: 'new' })
    ).toMatchObject({ ok: true, version: 1 })
    await store.close()
  })
})
