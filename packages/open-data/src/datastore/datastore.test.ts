import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../ingest/test-files.js'
import { type Datastore, openDatastore } from './datastore.js'

const descriptor = (id: string, over: Partial<Dataset> = {}): Dataset => ({
  id,
  title: `数据集 ${id}`,
  description: '测试数据集',
  publisher: { id: 'changning', name: '长宁区' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
  ...over,
})

const schema: TableSchema = {
  fields: [
    { name: 'id', type: 'integer' },
    { name: '区', type: 'string' },
    { name: '金额', type: 'number' },
    { name: '日期', type: 'date' },
    { name: '说明', type: 'string' },
    { name: '公办', type: 'boolean' },
  ],
  primaryKey: 'id',
  filterColumns: ['区'],
}

const DISTRICTS = ['长宁区', '徐汇区', '静安区']
const row = (i: number) => ({
  id: i,
  区: DISTRICTS[i % 3],
  // Repeated amounts and some nulls make sorting need the rowid tie-break.
  金额: i % 7 === 0 ? null : (i % 50) * 1.5,
  日期: `2021-${String((i % 12) + 1).padStart(2, '0')}-01`,
  说明: i % 10 === 0 ? `第${i}号 招生范围说明` : `普通说明 ${i}`,
  公办: i % 2 === 0,
})

async function setup(): Promise<Datastore> {
  const dir = tempDir('od-ds-')
  return openDatastore(openSqliteStore(join(dir, 'store.db')), { filesDir: join(dir, 'files') })
}

describe('datastore', () => {
  let ds: Datastore
  beforeAll(async () => {
    ds = await setup()
    const rows = Array.from({ length: 1000 }, (_, k) => row(k + 1))
    const r = await ds.publish({ descriptor: descriptor('big'), schema, source: { rows } })
    expect(r).toMatchObject({ ok: true, version: 1, rowCount: 1000 })
  })

  it('returns typed rows in source order, with totals', async () => {
    const r = await ds.rows('big', { limit: 2 })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.items).toEqual([row(1), row(2)])
    expect(r.total).toBe(1000)
    expect(typeof r.next).toBe('string')
  })

  it('pages with a cursor through every row exactly once, for any sort', async () => {
    const sorts = fc.constantFrom(
      [],
      [{ column: '金额', direction: 'asc' as const }],
      [{ column: '金额', direction: 'desc' as const }],
      [
        { column: '区', direction: 'desc' as const },
        { column: '金额', direction: 'asc' as const },
      ],
      [
        { column: '公办', direction: 'asc' as const },
        { column: '日期', direction: 'desc' as const },
      ]
    )
    await fc.assert(
      fc.asyncProperty(sorts, fc.integer({ min: 37, max: 400 }), async (sort, limit) => {
        const seen: number[] = []
        let cursor: string | undefined
        let previous: Record<string, unknown> | undefined
        for (;;) {
          const r = await ds.rows('big', { sort, limit, ...(cursor ? { cursor } : {}) })
          if (!r.ok) throw new Error(JSON.stringify(r.errors))
          for (const item of r.items) {
            if (previous && sort[0]) {
              const a = previous[sort[0].column] as number | string | boolean | null
              const b = item[sort[0].column] as number | string | boolean | null
              // SQLite order: NULL first ascending, last descending.
              if (a !== null && b !== null)
                expect(sort[0].direction === 'asc' ? a <= b : a >= b).toBe(true)
              else if (sort[0].direction === 'asc')
                expect(b === null ? a === null : true).toBe(true)
            }
            previous = item
            seen.push(item.id as number)
          }
          if (!r.next) break
          cursor = r.next
        }
        expect(seen.length).toBe(1000)
        expect(new Set(seen).size).toBe(1000)
      }),
      { numRuns: 8 }
    )
  })

  it('filters by equality and range with values cast to the column type', async () => {
    const r = await ds.rows('big', {
      filters: { 区: '长宁区', 金额: { gte: '30', lt: 40 } },
      limit: 1000,
    })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    const expected = Array.from({ length: 1000 }, (_, k) => row(k + 1)).filter(
      (x) => x.区 === '长宁区' && x.金额 !== null && x.金额 >= 30 && x.金额 < 40
    )
    expect(r.items).toEqual(expected)
    expect(r.total).toBe(expected.length)
    const b = await ds.rows('big', { filters: { 公办: 'true', 日期: { gte: '2021-12-01' } } })
    expect(b.ok && b.total).toBe(
      Array.from({ length: 1000 }, (_, k) => row(k + 1)).filter(
        (x) => x.公办 && x.日期 >= '2021-12-01'
      ).length
    )
  })

  it('finds 招生 inside 招生范围 (2 characters: LIKE) and 招生范围 (trigram index)', async () => {
    const two = await ds.rows('big', { q: '招生', limit: 1000 })
    const four = await ds.rows('big', { q: '招生范围', limit: 1000 })
    const expected = Array.from({ length: 100 }, (_, k) => (k + 1) * 10)
    expect(two.ok && two.items.map((x) => x.id)).toEqual(expected)
    expect(four.ok && four.items.map((x) => x.id)).toEqual(expected)
    expect(four.ok && four.total).toBe(100)
    const none = await ds.rows('big', { q: '100%' })
    expect(none.ok && none.total).toBe(0)
  })

  it('streams a version as objects or as arrays in field order', async () => {
    const objects: Record<string, unknown>[] = []
    for await (const o of ds.iterateRows('big')) objects.push(o)
    expect(objects.length).toBe(1000)
    expect(objects[9]).toEqual(row(10))
    const { header, rows } = ds.iterateArrays('big')
    const arrays: unknown[][] = []
    for await (const a of rows) arrays.push(a)
    expect(await header).toEqual(schema.fields.map((f) => f.name))
    expect(arrays[9]).toEqual(Object.values(row(10)))
    const none = ds.iterateArrays('nope')
    expect(await none.header).toEqual([])
  })

  it('supports offset as a secondary option', async () => {
    const r = await ds.rows('big', { offset: 10, limit: 3 })
    expect(r.ok && r.items.map((x) => x.id)).toEqual([11, 12, 13])
  })

  it('answers bad queries with errors that name the parameter', async () => {
    const r = await ds.rows('big', {
      filters: { 不存在: '1', 金额: 'abc' },
      sort: [{ column: 'nope' }],
      limit: 20_000,
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => e.parameter)).toEqual([
      'filters.不存在',
      'filters.金额',
      'sort[0].column',
      'limit',
    ])
    const shapes = await ds.rows('big', { filters: 'x' } as never)
    expect(!shapes.ok && shapes.errors[0]?.parameter).toBe('filters')
    const c = await ds.rows('big', { cursor: 'garbage' })
    expect(!c.ok && c.errors[0]?.parameter).toBe('cursor')
    const first = await ds.rows('big', { limit: 5 })
    const other = await ds.rows('big', {
      cursor: first.ok ? (first.next ?? '') : '',
      sort: [{ column: '金额' }],
    })
    expect(!other.ok && other.errors[0]?.message).toMatch(/different query/)
    const unknown = await ds.rows('nope')
    expect(!unknown.ok && unknown.errors[0]?.message).toMatch(/no dataset "nope"/)
  })
})

describe('versions', () => {
  it('publishes atomically: a source that throws halfway leaves the previous version current and intact', async () => {
    const ds = await setup()
    await ds.publish({ descriptor: descriptor('v'), schema, source: { rows: [row(1), row(2)] } })
    async function* failing() {
      for (let i = 1; i <= 500; i++) yield row(i)
      throw new Error('disk unplugged')
    }
    const r = await ds.publish({
      descriptor: descriptor('v', { title: '改名' }),
      schema,
      source: { rows: failing() },
    })
    expect(r).toMatchObject({
      ok: false,
      reason: 'source',
      errors: [{ row: 501, rule: 'source', message: expect.stringContaining('disk unplugged') }],
    })
    const vs = await ds.versions('v')
    expect(vs.map((v) => [v.version, v.status, v.current])).toEqual([[1, 'published', true]])
    const d = await ds.getDataset('v')
    expect(d?.title).toBe('数据集 v')
    const rows = await ds.rows('v')
    expect(rows.ok && rows.items).toEqual([row(1), row(2)])
    expect(existsSync(ds.filePath('v', 2, 'csv'))).toBe(false)
    // The next publish takes version 2: nothing of the failed one remains.
    const again = await ds.publish({
      descriptor: descriptor('v'),
      schema,
      source: { rows: [row(3)] },
    })
    expect(again).toMatchObject({ ok: true, version: 2 })
  })

  it('cleans up after a publish that died between storing rows and writing files', async () => {
    const dir = tempDir('od-crash-')
    const store = openSqliteStore(join(dir, 'store.db'))
    // filesDir is a plain file: writing the version's files fails after the rows were stored.
    writeFileSync(join(dir, 'not-a-dir'), '')
    const broken = await openDatastore(store, { filesDir: join(dir, 'not-a-dir') })
    await expect(
      broken.publish({ descriptor: descriptor('c'), schema, source: { rows: [row(1)] } })
    ).rejects.toThrow()
    expect(await broken.versions('c')).toEqual([])
    expect(await broken.listDatasets()).toEqual([])
    const tables = await store.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE name LIKE 'od_%_v%'"
    )
    expect(tables).toEqual([])

    // A staging version left by a crashed process (older than an hour) is removed by the next publish.
    const ds = await openDatastore(store, {
      filesDir: join(dir, 'files'),
      now: () => new Date('2024-01-01T00:00:00Z'),
    })
    await store.exec(
      "INSERT OR IGNORE INTO od_datasets VALUES ('c', 'c', 'unconditional', '{}', NULL, 'x', 'x')"
    )
    await store.exec('CREATE TABLE od_leftover_v1 (c0 INTEGER)')
    await store.exec(
      "INSERT INTO od_versions (dataset_id, version, status, table_name, descriptor, table_schema, created_at) VALUES ('c', 1, 'staging', 'od_leftover_v1', '{}', '{}', '2023-12-31T00:00:00.000Z')"
    )
    const r = await ds.publish({ descriptor: descriptor('c'), schema, source: { rows: [row(1)] } })
    expect(r).toMatchObject({ ok: true, version: 1 })
    expect(
      await store.get("SELECT name FROM sqlite_master WHERE name = 'od_leftover_v1'")
    ).toBeUndefined()
  })

  it('keeps earlier versions queryable and downloadable; withdraw never deletes', async () => {
    const ds = await setup()
    await ds.publish({ descriptor: descriptor('h'), schema, source: { rows: [row(1)] } })
    const csv1 = readFileSync(ds.filePath('h', 1, 'csv'), 'utf8')
    await ds.publish({
      descriptor: descriptor('h', { title: '第二版' }),
      schema,
      source: { rows: [row(1), row(2)] },
    })
    expect((await ds.getDataset('h'))?.currentVersion).toBe(2)
    const v1 = await ds.rows('h', { version: 1 })
    expect(v1.ok && v1.items).toEqual([row(1)])
    expect(readFileSync(ds.filePath('h', 1, 'csv'), 'utf8')).toBe(csv1)
    // A cursor pins its version: a new version published mid-paging changes nothing.
    const page = await ds.rows('h', { limit: 1 })
    await ds.publish({ descriptor: descriptor('h'), schema, source: { rows: [row(9)] } })
    const rest = await ds.rows('h', { cursor: page.ok ? (page.next ?? '') : '' })
    expect(rest.ok && [rest.version, rest.items]).toEqual([2, [row(2)]])

    expect(await ds.withdraw('h', 3, ' ')).toMatchObject({ ok: false })
    expect(await ds.withdraw('h', 3, '数据有误')).toEqual({ ok: true, currentVersion: 2 })
    const vs = await ds.versions('h')
    expect(vs.map((v) => [v.version, v.status, v.current, v.withdrawnReason])).toEqual([
      [1, 'published', false, undefined],
      [2, 'published', true, undefined],
      [3, 'withdrawn', false, '数据有误'],
    ])
    expect(vs[2]?.files.map((f) => f.format)).toEqual([
      'csv',
      'excel-csv',
      'json',
      'ndjson',
      'csvw',
    ])
    expect(existsSync(ds.filePath('h', 3, 'csv'))).toBe(true)
    const w = await ds.rows('h', { version: 3 })
    expect(!w.ok && w.errors[0]?.message).toMatch(/withdrawn: 数据有误/)
    expect(await ds.withdraw('h', 3, 'again')).toMatchObject({ ok: false })
  })

  it('lists datasets and builds the catalogue input without closed ones', async () => {
    const ds = await setup()
    await ds.publish({ descriptor: descriptor('a'), schema, source: { rows: [row(1)] } })
    await ds.publish({
      descriptor: descriptor('b', { openness: 'closed' }),
      schema,
      source: { rows: [row(1)] },
    })
    await ds.publish({
      descriptor: descriptor('c', { openness: 'conditional', accessConditions: '申请' }),
      schema,
      source: { rows: [row(1)] },
    })
    expect((await ds.listDatasets()).map((d) => [d.id, d.openness, d.currentVersion])).toEqual([
      ['a', 'unconditional', 1],
      ['b', 'closed', 1],
      ['c', 'conditional', 1],
    ])
    const input = await ds.catalogInput('https://data.example.gov.cn', {
      title: '长宁区公共数据',
      description: '开放目录',
      publisher: { id: 'changning', name: '长宁区' },
    })
    expect(input.datasets.map((d) => d.descriptor.id)).toEqual(['a', 'c'])
    expect(input.datasets[0]?.versions[0]).toMatchObject({ version: 1, rowCount: 1 })
    expect(input.datasets[0]?.versions[0]?.files.map((f) => f.format)).toEqual([
      'csv',
      'json',
      'ndjson',
    ])
    expect(await ds.getDataset('zzz')).toBeUndefined()
    expect(await ds.versions('zzz')).toEqual([])
  })
})
