import { describe, expect, it } from 'vitest'
import { inferSchema } from './infer-schema.js'
import { tempDir, writeTemp } from './test-files.js'

const dir = tempDir('od-infer-')

describe('inferSchema', () => {
  it('looks at the whole file: a column turning non-integer at row 1,900 is number or string', async () => {
    const lines = ['序号,金额,代码']
    for (let i = 2; i <= 2000; i++) {
      lines.push(`${i},${i === 1900 ? '3.5' : i},${i === 1900 ? 'abc' : i}`)
    }
    const r = await inferSchema(writeTemp(dir, 'late.csv', lines.join('\n')))
    if (!r.ok) throw new Error('infer failed')
    expect(r.rowCount).toBe(1999)
    expect(r.schema.fields.map((f) => [f.name, f.type])).toEqual([
      ['序号', 'integer'],
      ['金额', 'number'],
      ['代码', 'string'],
    ])
  })

  it('proposes date formats, booleans, keeps leading-zero codes as text and masks personal columns', async () => {
    const text = [
      '日期,登记日,公办,邮编,身份证号,姓名,手机',
      '2021-04-14,2021/4/14,是,200050,11010519491231002X,张三,13812345678',
      '2021-05-01,2021/12/01,否,010010,110105194912310021,李四,13912345678',
    ].join('\n')
    const r = await inferSchema(writeTemp(dir, 'kinds.csv', text))
    if (!r.ok) throw new Error('infer failed')
    expect(r.schema.fields).toEqual([
      { name: '日期', type: 'date', constraints: { required: true } },
      { name: '登记日', type: 'date', format: '%Y/%m/%d', constraints: { required: true } },
      { name: '公办', type: 'boolean', constraints: { required: true } },
      { name: '邮编', type: 'string', constraints: { required: true } },
      {
        name: '身份证号',
        type: 'string',
        constraints: { required: true },
        mask: { type: 'id_number' },
      },
      { name: '姓名', type: 'string', constraints: { required: true }, mask: { type: 'name' } },
      { name: '手机', type: 'string', constraints: { required: true }, mask: { type: 'mobile' } },
    ])
  })

  it('names empty and duplicate headers, counts missing cells, proposes enums on request', async () => {
    const text = 'a,,a\n1,x,\n2,y,\n3,x,4\n'
    const r = await inferSchema(writeTemp(dir, 'names.csv', text), { enumMax: 2 })
    if (!r.ok) throw new Error('infer failed')
    expect(r.schema.fields.map((f) => f.name)).toEqual(['a', 'column_2', 'a_2'])
    expect(r.columns[2]?.missing).toBe(2)
    expect(r.schema.fields[1]?.constraints?.enum).toEqual(['x', 'y'])
  })

  it('refuses ragged rows as publishing does, or leaves them out with skipBadRows', async () => {
    const file = writeTemp(dir, 'ragged.csv', 'a,b\n1,x\n2\n3,x\n')
    const r = await inferSchema(file)
    expect(r).toMatchObject({ ok: false, errorCount: 1 })
    if (r.ok) return
    expect(r.errors.map((e) => [e.row, e.rule])).toEqual([[3, 'ragged']])
    const s = await inferSchema(file, { skipBadRows: true })
    if (!s.ok) throw new Error('infer failed')
    expect(s.warnings.map((w) => [w.row, w.rule])).toEqual([[3, 'ragged']])
    expect(s.rows).toMatchObject({ read: 3, kept: 2, skipped: { count: 1, rows: [3] } })
    expect(s.columns[1]?.missing).toBe(0)
  })

  it('infers from NDJSON keys across all rows', async () => {
    const r = await inferSchema(writeTemp(dir, 'x.ndjson', '{"a":1}\n{"a":2.5,"b":"x"}\n'))
    if (!r.ok) throw new Error('infer failed')
    expect(r.schema.fields).toEqual([
      { name: 'a', type: 'number', constraints: { required: true } },
      { name: 'b', type: 'string' },
    ])
  })

  it('does not mask a free-text column for one ID-like cell: the cell is a finding instead', async () => {
    const text = [
      '编号,备注,联系',
      '1,,138 0013 8000',
      '2,身份证 11010519491231002X 待核,13912345678',
      '3,无,+86 137-1234-5678',
      '4,11010519491231002X,无',
    ].join('\n')
    const r = await inferSchema(writeTemp(dir, 'remarks.csv', text))
    if (!r.ok) throw new Error('infer failed')
    // 联系: three of four cells are each one mobile number, so it is a mobile column (kept as text).
    expect(r.schema.fields.map((f) => [f.name, f.type, f.mask?.type])).toEqual([
      ['编号', 'integer', undefined],
      ['备注', 'string', undefined],
      ['联系', 'string', 'mobile'],
    ])
    expect(r.findings).toEqual([
      {
        pointer: '/rows/1/备注',
        rule: 'id_number',
        value: '110***********002X',
        override: '/fields/1/privacy/allow',
        row: 3,
        column: '备注',
      },
      {
        pointer: '/rows/3/备注',
        rule: 'id_number',
        value: '110***********002X',
        override: '/fields/1/privacy/allow',
        row: 5,
        column: '备注',
      },
    ])
    // The declaration each column would need to be published as it is.
    expect(r.columns.map((c) => c.suggestedAllow)).toEqual([undefined, ['id_number'], ['mobile']])
    expect(r.findingCount).toBe(2)
    expect(JSON.stringify(r)).not.toContain('11010519491231002X')
  })

  it('with masks: false proposes types only and lists every personal title and cell', async () => {
    const text = ['姓名,身份证号,备注', '张三,11010519491231002X,', '李四,,电话13812345678'].join(
      '\n'
    )
    const r = await inferSchema(writeTemp(dir, 'people.csv', text), { masks: false })
    if (!r.ok) throw new Error('infer failed')
    expect(r.schema.fields.some((f) => f.mask)).toBe(false)
    // The proposal is still known per column, for the officer to review.
    expect(r.columns.map((c) => c.suggestedMask)).toEqual(['name', 'id_number', undefined])
    expect(r.findings.map((f) => [f.pointer, f.row, f.column, f.rule])).toEqual([
      ['/columns/姓名', 2, '姓名', 'name'],
      ['/rows/0/身份证号', 2, '身份证号', 'id_number'],
      ['/rows/1/备注', 3, '备注', 'mobile'],
    ])
    const masked = await inferSchema(writeTemp(dir, 'people.csv', text))
    if (!masked.ok) throw new Error('infer failed')
    expect(masked.findings.map((f) => [f.row, f.column, f.rule])).toEqual([[3, '备注', 'mobile']])
  })
})
