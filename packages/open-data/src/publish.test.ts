import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { residentIdCheckDigit } from '@gongkai/privacy'
import type { Dataset, TableSchema } from '@gongkai/schema'
import { openSqliteStore } from '@gongkai/store'
import { parseCsv } from '@gongkai/text'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { openDatastore } from './datastore/datastore.js'
import { tempDir, writeTemp } from './ingest/test-files.js'

const descriptor = (over: Partial<Dataset> = {}): Dataset => ({
  id: 'schools',
  title: '学校名录',
  description: '长宁区中小学名录',
  publisher: { id: 'changning-edu', name: '长宁区教育局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'unconditional',
  ...over,
})

const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '名称', type: 'string', constraints: { required: true } },
    { name: '招生范围', type: 'string' },
    { name: '成立日期', type: 'date' },
    { name: '公办', type: 'boolean' },
  ],
  primaryKey: '编号',
}

function setup() {
  const dir = tempDir('od-publish-')
  const store = openSqliteStore(join(dir, 'store.db'))
  const ds = openDatastore(store, {
    filesDir: join(dir, 'files'),
    baseUrl: 'https://data.example.gov.cn',
  })
  return { dir, store, ds }
}

const HEADER = '编号,名称,招生范围,成立日期,公办'
const validId = (first17: string) => first17 + residentIdCheckDigit(first17)

describe('publish', () => {
  it('publishes a GBK CSV with CRLF, quotes and embedded newlines, and writes the files once', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const text = `${HEADER}\r\n1,愚园路小学,"愚园路, 江苏路\r\n第二行",1952-09-01,是\r\n2,"复旦""附中""",招生范围：华山路,1950-01-01,否\r\n`
    const file = writeTemp(dir, 'gbk.csv', iconv.encode(text, 'gbk'))
    const progress: number[] = []
    const r = await ds.publish({
      descriptor: descriptor(),
      schema,
      source: file,
      onProgress: (n) => progress.push(n),
    })
    expect(r).toMatchObject({
      ok: true,
      version: 1,
      rowCount: 2,
      skipped: [],
      source: { encoding: 'gb18030', delimiter: ',' },
    })
    expect(progress.at(-1)).toBe(2)
    const rows = await ds.rows('schools')
    expect(rows.ok && rows.items).toEqual([
      {
        编号: 1,
        名称: '愚园路小学',
        招生范围: '愚园路, 江苏路\r\n第二行',
        成立日期: '1952-09-01',
        公办: true,
      },
      {
        编号: 2,
        名称: '复旦"附中"',
        招生范围: '招生范围：华山路',
        成立日期: '1950-01-01',
        公办: false,
      },
    ])
    const csv = readFileSync(ds.filePath('schools', 1, 'csv'), 'utf8')
    expect(parseCsv(csv)).toEqual([
      HEADER.split(','),
      ['1', '愚园路小学', '愚园路, 江苏路\r\n第二行', '1952-09-01', 'true'],
      ['2', '复旦"附中"', '招生范围：华山路', '1950-01-01', 'false'],
    ])
    const bom = readFileSync(ds.filePath('schools', 1, 'excel-csv'))
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bom.subarray(3).toString('utf8')).toBe(csv)
    expect(JSON.parse(readFileSync(ds.filePath('schools', 1, 'json'), 'utf8'))).toEqual(
      rows.ok ? rows.items : null
    )
    const nd = readFileSync(ds.filePath('schools', 1, 'ndjson'), 'utf8')
      .trim()
      .split('\n')
    expect(nd.map((l) => JSON.parse(l))).toEqual(rows.ok ? rows.items : null)
    const csvw = JSON.parse(readFileSync(ds.filePath('schools', 1, 'csvw'), 'utf8'))
    expect(csvw.url).toBe('data.csv')
    const [v] = await ds.versions('schools')
    expect(v?.files.find((f) => f.format === 'csv')?.bytes).toBe(Buffer.byteLength(csv))
  })

  it('refuses a file with errors, stores nothing, and lists every error', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const text = `${HEADER}\n1,甲,x,2021-01-01,是\n2,,x,2021-13-01,是\nabc,丙,x,2021-01-01,可能\n4,丁\n`
    const r = await ds.publish({
      descriptor: descriptor(),
      schema,
      source: writeTemp(dir, 'bad.csv', text),
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.reason).toBe('invalid_rows')
    expect(r.errors.map((e) => [e.row, e.column ?? null, e.rule])).toEqual([
      [3, '名称', 'required'],
      [3, '成立日期', 'type'],
      [4, '编号', 'type'],
      [4, '公办', 'type'],
      [5, null, 'ragged'],
    ])
    expect(r.errorCount).toBe(5)
    expect(await ds.listDatasets()).toEqual([])
    expect(await ds.versions('schools')).toEqual([])
  })

  it('with skipBadRows stores the good rows and lists the skipped ones', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const text = `${HEADER}\n1,甲,x,2021-01-01,是\n1,乙,x,2021-01-01,是\n3,丙,x,,\n"4,丁\n`
    const r = await ds.publish({
      descriptor: descriptor(),
      schema,
      source: writeTemp(dir, 'skip.csv', text),
      skipBadRows: true,
    })
    expect(r).toMatchObject({ ok: true, rowCount: 2, skippedCount: 2, skippedErrorCount: 2 })
    if (!r.ok) return
    expect(r.skipped.map((s) => [s.row, s.errors.map((e) => e.rule)])).toEqual([
      [3, ['primary-key']],
      [5, ['quote']],
    ])
    const rows = await ds.rows('schools')
    expect(rows.ok && rows.items.map((x) => x.编号)).toEqual([1, 3])
    expect((await ds.versions('schools'))[0]?.skippedCount).toBe(2)
  })

  it('with skipBadRows counts skipped rows, not errors, and lists each row with all its errors', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const text = [
      HEADER,
      '1,甲,x,2021-01-01,是',
      'x,,x,2021-13-01,也许', // four broken rules, one row
      '3,丙,x,2021-02-30,否', // one
      '1,丁,x,bad,no', // duplicate key, bad date, bad boolean: three
      '5,戊,x,2021-01-05,是',
    ].join('\n')
    const r = await ds.publish({
      descriptor: descriptor(),
      schema,
      source: writeTemp(dir, 'many-errors.csv', text),
      skipBadRows: true,
    })
    expect(r).toMatchObject({ ok: true, rowCount: 2, skippedCount: 3, skippedErrorCount: 8 })
    if (!r.ok) return
    expect(r.skipped.map((s) => [s.row, s.errors.map((e) => `${e.column}:${e.rule}`)])).toEqual([
      [3, ['编号:type', '名称:required', '成立日期:type', '公办:type']],
      [4, ['成立日期:type']],
      [5, ['成立日期:type', '公办:type', '编号:primary-key']],
    ])
    expect((await ds.versions('schools'))[0]).toMatchObject({ rowCount: 2, skippedCount: 3 })
  })

  it('refuses unmasked personal information in an unconditional dataset, with masked samples', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const good = validId('31010519800101123')
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0')
    const s: TableSchema = {
      fields: [
        { name: '编号', type: 'integer' },
        { name: '备注', type: 'string' },
        { name: '联系电话', type: 'string' },
      ],
    }
    const text = `编号,备注,联系电话\n1,证件 ${good},\n2,证件 ${wrong},\n3,无,13812345678\n`
    const r = await ds.publish({
      descriptor: descriptor(),
      schema: s,
      source: writeTemp(dir, 'pii.csv', text),
    })
    expect(r).toMatchObject({ ok: false, reason: 'privacy' })
    if (r.ok) return
    expect(r.findings).toEqual([
      {
        pointer: '/rows/0/备注',
        rule: 'id_number',
        value: `310***********${good.slice(-4)}`,
        override: '/fields/1/privacy/allow',
        row: 2,
        column: '备注',
      },
      {
        pointer: '/rows/2/联系电话',
        rule: 'mobile',
        value: '138****5678',
        override: '/fields/2/privacy/allow',
        row: 4,
        column: '联系电话',
      },
    ])
    expect(r.errors[0]?.message).toContain('(id_number, mobile)')
    expect(JSON.stringify(r)).not.toContain(good)
    expect(await ds.listDatasets()).toEqual([])

    // Conditional datasets are stored; the findings come back as warnings.
    const c = await ds.publish({
      descriptor: descriptor({ openness: 'conditional' }),
      schema: s,
      source: writeTemp(dir, 'pii.csv', text),
    })
    expect(c).toMatchObject({ ok: true, rowCount: 3 })
    expect(c.findings).toHaveLength(2)
  })

  it('migrates an old mask keep to privacy.allow and says so; scans title and description', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const old = {
      fields: [{ name: '单位电话', type: 'string', mask: { type: 'keep' } }],
    } as unknown as TableSchema
    const r = await ds.publish({
      descriptor: descriptor(),
      schema: old,
      source: writeTemp(dir, 'keep.csv', '单位电话\n13900001111\n'),
    })
    expect(r).toMatchObject({ ok: true, findings: [{ rule: 'mobile', allowed: true }] })
    if (!r.ok) return
    expect(r.migrated).toEqual([expect.stringContaining('field "单位电话" (/fields/0)')])
    const titled = await ds.publish({
      descriptor: descriptor({ description: '联系人张三，手机13812345678' }),
      schema: { fields: [{ name: 'a', type: 'string' }] },
      source: writeTemp(dir, 'plain.csv', 'a\nx\n'),
    })
    expect(titled).toMatchObject({
      ok: false,
      reason: 'privacy',
      findings: [{ pointer: '/description', rule: 'mobile', value: '138****5678', override: null }],
    })
  })

  it('masks declared columns before storage and scanning, so the dataset publishes', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const id = validId('11010519491231002')
    const s: TableSchema = {
      fields: [
        { name: '姓名', type: 'string', mask: { type: 'name' } },
        {
          name: '身份证号',
          type: 'string',
          constraints: { pattern: '\\d{17}[\\dX]' },
          mask: { type: 'id_number' },
        },
        { name: '手机', type: 'string', mask: { type: 'mobile' } },
        {
          name: '单位电话',
          type: 'string',
          privacy: { allow: ['mobile'], reason: '单位对外公布的联系电话' },
        },
      ],
    }
    const text = `姓名,身份证号,手机,单位电话\n欧阳娜娜,${id},13812345678,13900001111\n`
    const r = await ds.publish({
      descriptor: descriptor(),
      schema: s,
      source: writeTemp(dir, 'mask.csv', text),
    })
    expect(r).toMatchObject({
      ok: true,
      findings: [{ column: '单位电话', rule: 'mobile', allowed: true }],
      migrated: [],
    })
    const rows = await ds.rows('schools')
    expect(rows.ok && rows.items).toEqual([
      {
        姓名: '欧阳**',
        身份证号: '110***********002X',
        手机: '138****5678',
        单位电话: '13900001111',
      },
    ])
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      const body = readFileSync(ds.filePath('schools', 1, format), 'utf8')
      expect(body).not.toContain(id)
      expect(body).not.toContain('13812345678')
      expect(body).not.toContain('娜娜')
    }
  })

  it('answers bad descriptors, schemas and sources with errors, never a throw', async () => {
    const { dir, ds: open } = setup()
    const ds = await open
    const bad = await ds.publish({
      descriptor: { ...descriptor(), openness: 'secret' } as never,
      schema,
      source: '/nope.csv',
    })
    expect(bad).toMatchObject({
      ok: false,
      reason: 'descriptor',
      errors: [{ pointer: '/descriptor/openness', rule: 'enum' }],
    })
    const pk = await ds.publish({
      descriptor: descriptor(),
      schema: { ...schema, primaryKey: '不存在' },
      source: '/nope.csv',
    })
    expect(pk).toMatchObject({
      ok: false,
      reason: 'descriptor',
      // A string primaryKey naming no field: refused by the table schema's gkRefs rule at its pointer.
      errors: [{ pointer: '/schema/primaryKey', rule: 'gkRefs' }],
    })
    const mask = await ds.publish({
      descriptor: descriptor(),
      schema: { fields: [{ name: 'n', type: 'integer', mask: { type: 'mobile' } }] },
      source: '/nope.csv',
    })
    expect(mask).toMatchObject({
      ok: false,
      reason: 'descriptor',
      errors: [{ pointer: '/schema/fields/0/mask' }],
    })
    const missing = await ds.publish({
      descriptor: descriptor(),
      schema,
      source: join(dir, 'absent.csv'),
    })
    expect(missing).toMatchObject({
      ok: false,
      reason: 'source',
      errors: [{ message: 'file not found' }],
    })
    const empty = await ds.publish({
      descriptor: descriptor(),
      schema,
      source: writeTemp(dir, 'empty.csv', ''),
    })
    expect(empty).toMatchObject({ ok: false, reason: 'source' })
    const header = await ds.publish({
      descriptor: descriptor(),
      schema,
      source: writeTemp(dir, 'h.csv', '编号|名称\n1|a\n'),
    })
    expect(header).toMatchObject({
      ok: false,
      reason: 'invalid_rows',
      errors: [{ row: 1, rule: 'missing-label', column: '招生范围' }, { row: 1 }, { row: 1 }],
    })
  })

  it('holds an expectation under concurrent publishes: one new dataset, one publisher', async () => {
    const { store, ds } = setup()
    const d = await ds
    const rows = [{ 编号: 1, 名称: '一小', 招生范围: '全区', 成立日期: '2001-09-01', 公办: true }]
    const mine = descriptor()
    const theirs = descriptor({ publisher: { id: 'other-district', name: '另一区' } })
    // Both found the id free; only one may create the dataset, the other is refused.
    const both = await Promise.all(
      [mine, theirs].map((x) =>
        d.publish({ descriptor: x, schema, source: { rows }, expect: 'new' })
      )
    )
    expect(both.map((r) => r.ok).sort()).toEqual([false, true])
    const refused = both.find((r) => !r.ok)
    expect(refused?.ok === false && refused.reason).toBe('expectation')
    const owner = (await d.getDataset('schools'))?.descriptor.publisher.id
    const other = owner === 'changning-edu' ? 'other-district' : 'changning-edu'
    const wrong = await d.publish({
      descriptor: descriptor({ publisher: { id: other, name: 'x' } }),
      schema,
      source: { rows },
      expect: { publisher: other },
    })
    expect(wrong.ok).toBe(false)
    expect((await d.versions('schools')).length).toBe(1)
    const right = await d.publish({
      descriptor: descriptor({ publisher: { id: owner ?? '', name: 'x' } }),
      schema,
      source: { rows },
      expect: { publisher: owner ?? '' },
    })
    expect(right.ok && right.version).toBe(2)
    await store.close()
  })

  it('keeps one-column rows whose value is null (written as "")', async () => {
    const { ds: open } = setup()
    const ds = await open
    const s: TableSchema = { fields: [{ name: 'v', type: 'string' }] }
    const r = await ds.publish({
      descriptor: descriptor({ id: 'one' }),
      schema: s,
      source: { rows: [{ v: 'a' }, { v: null }, { v: 'b' }] },
    })
    expect(r).toMatchObject({ ok: true, rowCount: 3 })
    const again = await ds.publish({
      descriptor: descriptor({ id: 'one' }),
      schema: s,
      source: ds.filePath('one', 1, 'csv'),
    })
    expect(again).toMatchObject({ ok: true, version: 2, rowCount: 3 })
    const rows = await ds.rows('one')
    expect(rows.ok && rows.items).toEqual([{ v: 'a' }, { v: null }, { v: 'b' }])
  })

  it('round-trips: rows published, then data.csv parsed and cast, give the rows back', async () => {
    const { ds: open } = setup()
    const ds = await open
    const s: TableSchema = {
      fields: [
        { name: 'i', type: 'integer' },
        { name: 't', type: 'string' },
        { name: 'x', type: 'number' },
        { name: 'b', type: 'boolean' },
      ],
    }
    const text = fc.string({
      unit: fc.constantFrom('a', '招', ',', '"', '\n', '\r\n', ' ', ';', '|'),
      maxLength: 8,
    })
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            i: fc.integer(),
            t: fc.option(text, { nil: null }),
            x: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
            b: fc.boolean(),
          }),
          { maxLength: 20 }
        ),
        async (rows) => {
          // An empty string is a missing value on the way in; the CSV writes null as empty too.
          const input = rows.map((r) => ({
            ...r,
            t: r.t === '' ? null : r.t,
            x: Object.is(r.x, -0) ? 0 : r.x,
          }))
          const id = `rt-${n++}`
          const r = await ds.publish({
            descriptor: descriptor({ id }),
            schema: s,
            source: { rows: input },
          })
          expect(r.ok).toBe(true)
          const parsed = parseCsv(
            readFileSync(ds.filePath(id, 1, 'csv'), 'utf8').replace(/\r\n$/, '')
          )
          expect(parsed[0]).toEqual(['i', 't', 'x', 'b'])
          const back = parsed.slice(1).map(([i, t, x, b]) => ({
            i: Number(i),
            t: t === '' ? null : t,
            x: Number(x),
            b: b === 'true',
          }))
          expect(back).toEqual(input)
        }
      ),
      { numRuns: 15 }
    )
  })
})
