import type { TableSchema } from '@gongkai/schema'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { formatRowError } from './row-error.js'
import { tempDir, writeTemp } from './test-files.js'
import { validateRows } from './validate-rows.js'

const dir = tempDir('od-val-')

const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '姓名', type: 'string', constraints: { required: true, maxLength: 4 } },
    { name: '区', type: 'string', constraints: { enum: ['长宁区', '徐汇区'] } },
    { name: '金额', type: 'number', constraints: { minimum: 0, maximum: 1000 } },
    { name: '邮编', type: 'string', constraints: { pattern: '\\d{6}' } },
    { name: '日期', type: 'date' },
  ],
  primaryKey: '编号',
  missingValues: ['', '-'],
}

describe('validateRows', () => {
  it('reports every error of the file by row and column, not just the first', async () => {
    const text = [
      '编号,姓名,区,金额,邮编,日期',
      '1,张三,长宁区,10.5,200050,2021-04-14',
      '2,,静安区,-1,20005,2021-02-30',
      '1,李四,徐汇区,2000,200030,-',
      'x,王五五五五,长宁区,5,200000,2021-01-01',
      '',
      '5,赵六,长宁区',
      '6,钱七,-,-,-,-',
    ].join('\r\n')
    const r = await validateRows(writeTemp(dir, 'bad.csv', text), schema)
    expect(r.valid).toBe(false)
    expect(r.rowCount).toBe(6)
    expect(r.validRowCount).toBe(2)
    const got = r.errors.map((e) => [e.row, e.column, e.rule])
    expect(got).toEqual([
      [3, '姓名', 'required'],
      [3, '区', 'enum'],
      [3, '金额', 'minimum'],
      [3, '邮编', 'pattern'],
      [3, '日期', 'type'],
      [4, '金额', 'maximum'],
      // Row 4 also reuses 编号 1 of row 2: reported even though the row is bad for another reason.
      [4, '编号', 'primary-key'],
      [5, '编号', 'type'],
      [5, '姓名', 'maxLength'],
      [7, undefined, 'ragged'],
    ])
    expect(r.errorCount).toBe(10)
    expect(formatRowError(r.errors[4] as never)).toMatch(
      /bad\.csv, row 3, column 日期 \[type\]: expected a date YYYY-MM-DD \(got "2021-02-30"\)/
    )
  })

  it('catches a duplicate primary key only among valid rows, naming the first row', async () => {
    const text =
      '编号,姓名,区,金额,邮编,日期\n1,张三,长宁区,1,200050,2021-04-14\n1,李四,长宁区,1,200050,2021-04-14\n'
    const r = await validateRows(writeTemp(dir, 'dup.csv', text), schema)
    expect(r.errors).toMatchObject([
      { row: 3, column: '编号', rule: 'primary-key', message: expect.stringContaining('row 2') },
    ])
  })

  it('checks composite primary keys and unique columns', async () => {
    const s: TableSchema = {
      fields: [
        { name: 'a', type: 'string' },
        { name: 'b', type: 'integer' },
        { name: 'c', type: 'string', constraints: { unique: true } },
      ],
      primaryKey: ['a', 'b'],
    }
    const text = 'a,b,c\nx,1,p\nx,2,q\nx,1,r\ny,1,q\n'
    const r = await validateRows(writeTemp(dir, 'pk.csv', text), s)
    expect(r.errors.map((e) => [e.row, e.rule])).toEqual([
      [4, 'primary-key'],
      [5, 'unique'],
    ])
  })

  it('reads GBK, semicolons, BOM and quoted newlines', async () => {
    const s: TableSchema = {
      fields: [
        { name: '名称', type: 'string' },
        { name: '说明', type: 'string' },
      ],
    }
    const gbk = writeTemp(
      dir,
      'gbk.csv',
      iconv.encode('名称;说明\r\n长宁;"第一行\r\n第二行"\r\n', 'gbk')
    )
    const r = await validateRows(gbk, s)
    expect(r).toMatchObject({ valid: true, encoding: 'gb18030', delimiter: ';', rowCount: 1 })
    const bom = writeTemp(dir, 'bom.csv', `\uFEFF名称\t说明\n"a ""b"""\tc\n`)
    const seen: unknown[] = []
    const r2 = await validateRows(bom, s, { onRow: (v) => seen.push(v) })
    expect(r2).toMatchObject({ valid: true, encoding: 'utf-8-bom', delimiter: '\t' })
    expect(seen).toEqual([['a "b"', 'c']])
  })

  it('reports header problems and unreadable sources without throwing', async () => {
    const r = await validateRows(
      writeTemp(dir, 'hdr.csv', '编号,名字,区,金额,邮编,日期,多余\n'),
      schema
    )
    expect(r.errors.map((e) => [e.row, e.rule, e.column])).toEqual([
      [1, 'missing-label', '姓名'],
      [1, 'extra-label', '名字'],
      [1, 'extra-label', '多余'],
    ])
    const missing = await validateRows('/nonexistent/file.csv', schema)
    expect(missing.errors).toMatchObject([{ rule: 'source', message: 'file not found' }])
    const badSchema = await validateRows('/x.csv', {
      fields: [{ name: 'a', type: 'money' }],
    } as never)
    expect(badSchema.errors[0]?.pointer).toBe('/fields/0/type')
  })

  it('validates NDJSON and JSON arrays with 1-based element rows', async () => {
    const s: TableSchema = {
      fields: [
        { name: 'n', type: 'integer' },
        { name: 'ok', type: 'boolean' },
      ],
    }
    const nd = writeTemp(
      dir,
      'rows.ndjson',
      '{"n":1,"ok":true}\n\n{"n":"x","ok":false}\nnot json\n{"n":3,"extra":1}\n'
    )
    const r = await validateRows(nd, s)
    expect(r.errors.map((e) => [e.row, e.rule, e.column])).toEqual([
      [3, 'type', 'n'],
      [4, 'json', undefined],
      [5, 'extra-label', 'extra'],
    ])
    const arr = writeTemp(dir, 'rows.json', '[{"n":1},{"n":2.5}]')
    const r2 = await validateRows(arr, s)
    expect(r2.errors.map((e) => [e.row, e.rule])).toEqual([[2, 'type']])
  })
})

describe('unique keys in rows that have other errors', () => {
  it('reports a duplicate key even when the row also breaks another rule, without registering it', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'n', type: 'integer' },
      ],
      primaryKey: 'id',
    }
    const rows = [
      { id: '1', n: '1' },
      { id: '1', n: 'x' }, // duplicate id and a bad n: both reported
      { id: '2', n: 'y' }, // bad n only; its id is not registered…
      { id: '2', n: '3' }, // …so this good row is not a duplicate
    ]
    const r = await validateRows({ rows }, schema)
    const rules = r.errors.map((e) => [e.row, e.rule])
    // In-memory rows are numbered from 1.
    expect(rules).toContainEqual([2, 'primary-key'])
    expect(rules).toContainEqual([2, 'type'])
    expect(rules).toContainEqual([3, 'type'])
    expect(rules.filter(([row]) => row === 4)).toEqual([])
  })
})

describe('a column that is both unique and the primary key', () => {
  it('reports each duplicate once, as primary-key', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'id', type: 'integer', constraints: { unique: true } },
        { name: 'code', type: 'string', constraints: { unique: true } },
      ],
      primaryKey: 'id',
    }
    const rows = [
      { id: '1', code: 'a' },
      { id: '1', code: 'b' },
      { id: '2', code: 'a' },
    ]
    const r = await validateRows({ rows }, schema)
    expect(r.errors.map((e) => [e.row, e.column, e.rule])).toEqual([
      [2, 'id', 'primary-key'],
      [3, 'code', 'unique'],
    ])
    expect(r.errorCount).toBe(2)
  })

  it('keeps reporting a unique column that is only part of a composite key', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'a', type: 'integer', constraints: { unique: true } },
        { name: 'b', type: 'integer' },
      ],
      primaryKey: ['a', 'b'],
    }
    const r = await validateRows(
      {
        rows: [
          { a: '1', b: '1' },
          { a: '1', b: '2' },
        ],
      },
      schema
    )
    expect(r.errors.map((e) => [e.row, e.column, e.rule])).toEqual([[2, 'a', 'unique']])
  })
})
