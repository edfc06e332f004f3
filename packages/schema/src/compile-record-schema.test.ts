import { describe, expect, it } from 'vitest'
import { compileRecordSchema } from './compile-record-schema.js'

// A quarterly 居委会工作经费 statement: income and expense lines must add up to their totals.
const statementSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['quarter', 'income', 'incomeTotal', 'expense', 'expenseTotal'],
  additionalProperties: false,
  properties: {
    quarter: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' },
    income: { type: 'array', items: { $ref: '#/$defs/line' } },
    incomeTotal: { type: 'number' },
    expense: { type: 'array', items: { $ref: '#/$defs/line' } },
    expenseTotal: { type: 'number' },
    periodStart: { type: 'string', format: 'date' },
    periodEnd: { type: 'string', format: 'date' },
  },
  gkSum: [
    { items: '/income', value: '/amount', total: '/incomeTotal' },
    { items: '/expense', value: '/amount', total: '/expenseTotal', tolerance: 0.01 },
  ],
  gkOrder: { before: '/periodStart', after: '/periodEnd' },
  $defs: {
    line: {
      type: 'object',
      required: ['item', 'amount'],
      additionalProperties: false,
      properties: {
        item: { type: 'string', minLength: 1 },
        amount: { type: 'number', minimum: 0 },
      },
    },
  },
}

const statement = () => ({
  quarter: '2021-Q2',
  income: [
    { item: '区财政拨款', amount: 30000 },
    { item: '街道补贴', amount: 5000.5 },
  ],
  incomeTotal: 35000.5,
  expense: [
    { item: '办公用品', amount: 1200.1 },
    { item: '活动经费', amount: 800.2 },
  ],
  expenseTotal: 2000.3,
  periodStart: '2021-04-01',
  periodEnd: '2021-06-30',
})

describe('compileRecordSchema', () => {
  const compiled = compileRecordSchema(statementSchema)
  if (!compiled.ok) throw new Error('the statement schema should compile')

  it('passes a balanced statement (float sums within tolerance)', () => {
    expect(compiled.validate(statement())).toEqual({ ok: true, value: statement() })
  })

  it('fails an unbalanced statement at the total, with the computed sum', () => {
    const doc = { ...statement(), expenseTotal: 2100 }
    const result = compiled.validate(doc)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([
      {
        pointer: '/expenseTotal',
        keyword: 'gkSum',
        message: '合计应为 2000.3（"expense" 各项之和），实际填写 2100',
        expected: '2000.3',
        actual: '2100',
      },
    ])
    const en = compiled.validate(doc, { locale: 'en' })
    expect(en.ok ? '' : en.errors[0]?.message).toBe(
      'total should be 2000.3 (the sum of "expense"), got 2100'
    )
  })

  it('reports line errors, order errors and sum errors together', () => {
    const doc = {
      ...statement(),
      income: [{ item: '', amount: -5 }],
      periodEnd: '2021-03-31',
    }
    const result = compiled.validate(doc)
    expect(result.ok ? [] : result.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/income/0/item', 'minLength'],
      ['/income/0/amount', 'minimum'],
      ['/incomeTotal', 'gkSum'],
      ['/periodEnd', 'gkOrder'],
    ])
  })

  it('caches by schema identity', () => {
    expect(compileRecordSchema(statementSchema)).toBe(compiled)
    expect(compileRecordSchema(structuredClone(statementSchema))).not.toBe(compiled)
  })

  it('returns errors, not throws, for broken schemas', () => {
    const cases: [unknown, string, string][] = [
      [{ type: 'strin' }, '/type', 'enum'],
      [{ type: 'object', requird: ['a'] }, '', 'schema'],
      [{ type: 'object', gkSum: { items: '/a' } }, '', 'schema'],
      [{ type: 'string', format: 'phone' }, '', 'schema'],
      [{ $ref: '#/$defs/missing' }, '', 'schema'],
      ['not a schema', '', 'type'],
      [null, '', 'type'],
    ]
    for (const [schema, pointer, keyword] of cases) {
      const result = compileRecordSchema(schema)
      expect(result.ok, JSON.stringify(schema)).toBe(false)
      if (result.ok) continue
      expect(result.errors[0], JSON.stringify(schema)).toMatchObject({ pointer, keyword })
      for (const e of result.errors) expect(e.message).not.toMatch(/^must /)
    }
    const unknown = compileRecordSchema({ type: 'object', requird: ['a'] }, { locale: 'en' })
    expect(unknown.ok ? '' : unknown.errors[0]?.message).toBe(
      'the record schema uses an unknown keyword "requird"'
    )
  })

  it('accepts boolean schemas', () => {
    const result = compileRecordSchema(true)
    expect(result.ok && result.validate(42).ok).toBe(true)
  })
})

describe('gkSum with add/subtract terms', () => {
  const balance = {
    type: 'object',
    properties: {
      opening: { type: 'number' },
      income: { type: 'number' },
      spent: { type: 'number' },
      closing: { type: 'number' },
    },
    gkSum: { add: ['/opening', '/income'], subtract: ['/spent'], total: '/closing' },
  }

  it('accepts a balanced statement and names the total when it is not', () => {
    const c = compileRecordSchema(balance)
    expect(c.ok).toBe(true)
    if (!c.ok) return
    expect(c.validate({ opening: 100.1, income: 50.2, spent: 30.3, closing: 120 }).ok).toBe(true)
    const r = c.validate({ opening: 100, income: 50, spent: 30, closing: 200 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual([
      expect.objectContaining({
        pointer: '/closing',
        keyword: 'gkSum',
        expected: '120',
        actual: '200',
      }),
    ])
    expect(r.errors[0]?.message).toContain('"opening" + "income" − "spent"')
  })

  it('skips the rule while an operand is missing (required reports that)', () => {
    const c = compileRecordSchema(balance)
    if (!c.ok) throw new Error('compile')
    expect(c.validate({ opening: 100, spent: 30, closing: 200 }).ok).toBe(true)
  })

  it('refuses a rule with neither items nor add', () => {
    expect(compileRecordSchema({ type: 'object', gkSum: { total: '/x' } }).ok).toBe(false)
  })
})

describe('gkSum formula', () => {
  it('words the message with the formula the schema gives', () => {
    const c = compileRecordSchema({
      type: 'object',
      gkSum: { add: ['/a'], subtract: ['/b'], total: '/c', formula: '期末结余 = 期初结余 − 支出' },
    })
    if (!c.ok) throw new Error('compile')
    const r = c.validate({ a: 10, b: 3, c: 8 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]?.message).toBe('期末结余 = 期初结余 − 支出：应为 7，实际填写 8')
  })
})

describe('compileRecordSchema: the privacy keyword', () => {
  it('accepts privacy declarations on properties and refuses malformed ones', () => {
    const ok = compileRecordSchema({
      type: 'object',
      properties: {
        end: { type: 'string' },
        head: {
          type: 'string',
          privacy: { allow: ['name'], reason: '社会救助暂行办法第六十一条', until: '/end' },
        },
      },
    })
    expect(ok.ok).toBe(true)
    if (ok.ok) expect(ok.validate({ head: '张三', end: '2024-01-01' }).ok).toBe(true)
    const bad = compileRecordSchema({
      type: 'object',
      properties: { head: { type: 'string', privacy: { allow: ['nickname'] } } },
    })
    expect(bad.ok).toBe(false)
  })
})
