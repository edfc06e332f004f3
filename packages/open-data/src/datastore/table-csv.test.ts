import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TableSchema } from '@gongkai/schema'
import { openSqliteStore, type SqlValue, type Store } from '@gongkai/store'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { writeCsv } from '../export/csv-writer.js'
import { tempDir } from '../ingest/test-files.js'
import { openDatastore } from './datastore.js'
import { typedRow, writeTableCsv } from './table-csv.js'
import { createTableSql, insertSql } from './version-table.js'

const dir = tempDir('od-table-csv-')
const store: Store = openSqliteStore(join(dir, 'store.db'))
afterAll(() => store.close())
let tables = 0

async function makeTable(schema: TableSchema, rows: SqlValue[][]): Promise<string> {
  const table = `t${++tables}`
  await store.exec(createTableSql(table, schema))
  // Row ids as a publish stores them: the data-row number, first.
  await store.runMany(
    insertSql(table, schema),
    rows.map((r, k) => [k + 1, ...r])
  )
  return table
}

/** The reference: writeCsv over the typed rows, as `iterateArrays` yields them. */
async function reference(table: string, schema: TableSchema, bom = false): Promise<Buffer> {
  const bools = schema.fields.map((f) => f.type === 'boolean')
  const rows: unknown[][] = []
  const sql = `SELECT ${schema.fields.map((_, k) => `c${k}`).join(', ')} FROM "${table}" ORDER BY rowid`
  for await (const raw of store.iterate(sql, undefined, { raw: true }))
    rows.push(typedRow(raw, bools))
  const file = join(dir, `${table}.ref.csv`)
  await writeCsv(
    rows,
    schema.fields.map((f) => f.name),
    file,
    { bom }
  )
  return readFileSync(file)
}

async function fast(table: string, schema: TableSchema, bom = false): Promise<Buffer> {
  const file = join(dir, `${table}.fast.csv`)
  const r = await writeTableCsv(store, table, schema, file, { bom })
  const bytes = readFileSync(file)
  expect(r.bytes).toBe(bytes.length)
  return bytes
}

const schema: TableSchema = {
  fields: [
    { name: 'id', type: 'integer' },
    { name: '名称', type: 'string' },
    { name: '金额', type: 'number' },
    { name: '公办', type: 'boolean' },
    { name: '日期', type: 'date' },
    { name: '备注 "x"', type: 'string' },
  ],
}

// Text with every byte that matters to CSV, separators-lookalikes and non-BMP characters.
const text = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', ' ', '\t', '"', ',', '\r', '\n', '\x1f', '\x00', 'ÿ', '招', '😀'),
  }),
  fc.string()
)
const number = fc.oneof(
  fc.double(),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.integer().map((n) => n / 100),
  fc.constantFrom(
    0,
    -0,
    1e-4,
    9.99e-5,
    1e15,
    1e15 + 0.5,
    9e15,
    2 ** 53,
    1e21,
    0.1 + 0.2,
    Number.MAX_VALUE
  )
)
const integer = fc.oneof(
  fc.integer(),
  fc.constantFrom(2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 60, -(2 ** 62))
)
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { freq: 8, nil: null })
const row = fc.tuple(
  nullable(integer),
  nullable(text),
  nullable(number),
  nullable(fc.constantFrom(0, 1)),
  nullable(fc.constantFrom('2024-01-31', '1999-12-01')),
  nullable(text)
)

describe('writeTableCsv', () => {
  it('writes the same bytes as writeCsv over the typed rows (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.boolean(), async (rows, bom) => {
        // NaN cannot be stored (SQLite makes it NULL); the reference sees the same stored values.
        const table = await makeTable(schema, rows as SqlValue[][])
        expect((await fast(table, schema, bom)).equals(await reference(table, schema, bom))).toBe(
          true
        )
      }),
      { numRuns: 60 }
    )
  })

  it('prints every double as String(n) would, or falls back to it (property)', async () => {
    const nums: TableSchema = { fields: [{ name: 'n', type: 'number' }] }
    await fc.assert(
      fc.asyncProperty(fc.array(number, { minLength: 1, maxLength: 400 }), async (values) => {
        const table = await makeTable(
          nums,
          values.map((v) => [v])
        )
        expect((await fast(table, nums)).equals(await reference(table, nums))).toBe(true)
      }),
      { numRuns: 25 }
    )
  })

  it('pages through many rows, gaps in rowids included, with one read connection', async () => {
    const rows: SqlValue[][] = Array.from({ length: 10_000 }, (_, i) => [
      i,
      i % 20 === 0 ? `第${i}行,"引号"` : `第${i}行`,
      i % 3 === 0 ? null : i / 8,
      i % 2,
      '2024-06-01',
      i % 97 === 0 ? 1e300 : `说明 ${i}`,
    ])
    const table = await makeTable(schema, rows)
    await store.run(`DELETE FROM "${table}" WHERE rowid BETWEEN 4000 AND 4200 OR rowid = 8192`)
    const out = await fast(table, schema)
    expect(out.equals(await reference(table, schema))).toBe(true)
    expect(out.toString('utf8').split('\r\n').length).toBe(1 + 10_000 - 202 + 1)
  })

  it('handles one-column tables, empty tables and tiny or huge numbers', async () => {
    const one: TableSchema = { fields: [{ name: 'x', type: 'string' }] }
    const t1 = await makeTable(one, [[null], [''], ['a'], [' b'], [null]])
    expect((await fast(t1, one)).toString()).toBe('x\r\n""\r\n""\r\na\r\n" b"\r\n""\r\n')
    const empty = await makeTable(schema, [])
    expect((await fast(empty, schema)).toString()).toBe('id,名称,金额,公办,日期,"备注 ""x"""\r\n')
    const nums: TableSchema = { fields: [{ name: 'n', type: 'number' }] }
    const t2 = await makeTable(nums, [[1e-7], [1e21], [2.5], [-0], [Number.POSITIVE_INFINITY]])
    expect((await fast(t2, nums)).toString()).toBe(
      'n\r\n0.0000001\r\n1000000000000000000000\r\n2.5\r\n0\r\nINF\r\n'
    )
    const t3 = await makeTable(nums, [[5], [0], [100], [1e14], [-2.5], [0.1 + 0.2], [null]])
    expect((await fast(t3, nums)).toString()).toBe(
      'n\r\n5\r\n0\r\n100\r\n100000000000000\r\n-2.5\r\n0.30000000000000004\r\n""\r\n'
    )
    const single = await makeTable(one, [[null]])
    expect((await fast(single, one)).toString()).toBe('x\r\n""\r\n')
  })

  it('takes the typed path, with the same bytes, on a store that is not SQLite', async () => {
    const rows: SqlValue[][] = Array.from({ length: 50 }, (_, i) => [
      i,
      `名称 ${i}`,
      i / 3,
      i % 2,
      null,
      i % 5 === 0 ? 'a,"b"' : 'c',
    ])
    const table = await makeTable(schema, rows)
    const other = Object.create(store, { dialect: { value: 'postgres' } }) as Store
    const file = join(dir, 'other.csv')
    expect(await writeTableCsv(other, table, schema, file)).toMatchObject({ rows: 50 })
    expect(readFileSync(file).equals(await fast(table, schema))).toBe(true)
  })

  it('is what a datastore export of a published version writes, and equals its data.csv', async () => {
    const ds = await openDatastore(openSqliteStore(join(dir, 'ds.db')), {
      filesDir: join(dir, 'files'),
    })
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: i + 1,
      名称: i % 9 === 0 ? `项目 ${i}, 分项` : `项目${i}`,
      金额: i * 1.25,
      公办: i % 2 === 0,
      日期: '2024-01-02',
      备注: i % 4 === 0 ? null : ' 说明\n第二行',
    }))
    const r = await ds.publish({
      descriptor: {
        id: 'csv',
        title: '导出',
        description: '导出测试',
        publisher: { id: 'cn', name: '长宁区' },
        license: 'https://creativecommons.org/licenses/by/4.0/',
        openness: 'unconditional',
      },
      schema: {
        fields: schema.fields.map((f) => (f.name.startsWith('备注') ? { ...f, name: '备注' } : f)),
        primaryKey: 'id',
      },
      source: { rows },
    })
    expect(r.ok ? 'ok' : JSON.stringify(r.errors)).toBe('ok')
    const out = join(dir, 'export.csv')
    expect(await ds.exportCsv('csv', out)).toMatchObject({ rows: 300 })
    expect(readFileSync(out).equals(readFileSync(ds.filePath('csv', 1, 'csv')))).toBe(true)
    expect(await ds.exportCsv('csv', out, { version: 2 })).toBeUndefined()
    expect(await ds.exportCsv('nope', out)).toBeUndefined()
  })
})
