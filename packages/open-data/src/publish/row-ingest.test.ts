import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { type Datastore, openDatastore } from '../datastore/datastore.js'
import { tempDir, writeTemp } from '../ingest/test-files.js'

const descriptor: Dataset = {
  id: 'schools',
  title: '学校名录',
  description: '长宁区中小学名录',
  publisher: { id: 'changning-edu', name: '长宁区教育局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
}

const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '名称', type: 'string' },
  ],
}

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r as Extract<T, { ok: true }>
}

async function publishText(text: string): Promise<{ ds: Datastore; dir: string }> {
  const dir = tempDir('od-row-ids-')
  const ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
    filesDir: join(dir, 'files'),
  })
  ok(
    await ds.publish({
      descriptor,
      schema,
      source: writeTemp(dir, 'data.csv', text),
      skipBadRows: true,
    })
  )
  return { ds, dir }
}

/** `[_id, 编号]` of every row, in source order. */
async function ids(ds: Datastore): Promise<unknown[][]> {
  const r = ok(await ds.rows('schools', { rowNumber: '_id', limit: 100 }))
  return r.items.map((x) => [x._id, x.编号])
}

describe('row ids: each row keeps its source row number', () => {
  // Data row 3 (file line 4) is not an integer: skipped. Later rows keep their own numbers.
  const csv = '编号,名称\n1,甲小学\n2,乙小学\nthree,丙小学\n4,丁小学\n5,戊小学\n'

  it('a skipped row leaves a gap: row 4 is _id 4, not 3', async () => {
    const { ds } = await publishText(csv)
    expect(await ids(ds)).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
      [5, 5],
    ])
    expect((await ds.versions('schools'))[0]).toMatchObject({ rowCount: 4, skippedCount: 1 })
  })

  it('filters, sorts, searches and pages by cursor on _id across the gap', async () => {
    const { ds } = await publishText(csv)
    const eq = ok(await ds.rows('schools', { rowNumber: '_id', filters: { _id: 4 } }))
    expect(eq.items).toEqual([{ _id: 4, 编号: 4, 名称: '丁小学' }])
    expect(ok(await ds.rows('schools', { rowNumber: '_id', filters: { _id: 3 } })).total).toBe(0)
    const desc = ok(
      await ds.rows('schools', { rowNumber: '_id', sort: [{ column: '_id', direction: 'desc' }] })
    )
    expect(desc.items.map((x) => x._id)).toEqual([5, 4, 2, 1])
    // The full-text index is keyed on the same rowid: a match answers the row's own _id.
    const q = ok(await ds.rows('schools', { rowNumber: '_id', q: '丁小学' }))
    expect(q.items.map((x) => x._id)).toEqual([4])
    const seen: unknown[] = []
    let cursor: string | undefined
    do {
      const page = ok(await ds.rows('schools', { rowNumber: '_id', limit: 1, cursor }))
      seen.push(...page.items.map((x) => x._id))
      cursor = page.next ?? undefined
    } while (cursor)
    expect(seen).toEqual([1, 2, 4, 5])
  })

  it('the published CSV and the CSV export hold the kept rows in source order', async () => {
    const { ds, dir } = await publishText(csv)
    const kept = '编号,名称\r\n1,甲小学\r\n2,乙小学\r\n4,丁小学\r\n5,戊小学\r\n'
    expect(readFileSync(ds.filePath('schools', 1, 'csv'), 'utf8')).toBe(kept)
    const out = join(dir, 'export.csv')
    expect(await ds.exportCsv('schools', out)).toMatchObject({ rows: 4 })
    expect(readFileSync(out, 'utf8')).toBe(kept)
  })

  it('counts records after the header: blank lines count, a multi-line record counts once', async () => {
    // A blank line before the header is not data; the blank line after 乙 is data row 3 (nothing
    // stored); 丙's quoted value spans two lines and is data row 4.
    const text = '\n编号,名称\n1,甲小学\n2,乙小学\n\n3,"丙\n小学"\n4,丁小学\n'
    const { ds } = await publishText(text)
    expect(await ids(ds)).toEqual([
      [1, 1],
      [2, 2],
      [4, 3],
      [5, 4],
    ])
  })

  it('rows handed over in memory: element n is _id n', async () => {
    const dir = tempDir('od-row-ids-')
    const ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
      filesDir: join(dir, 'files'),
    })
    ok(
      await ds.publish({
        descriptor,
        schema,
        source: { rows: [{ 编号: 1 }, { 编号: 'two' }, { 编号: 3 }] },
        skipBadRows: true,
      })
    )
    expect(await ids(ds)).toEqual([
      [1, 1],
      [3, 3],
    ])
  })
})
