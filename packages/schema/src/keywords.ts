import type * as AjvModule from 'ajv'
import type { KeywordCxt, KeywordDefinition } from 'ajv'

/**
 * One `gkSum` rule: the sum of `value` over the array at `items`, plus the numbers at `add`, minus
 * those at `subtract`, must equal the number at `total` — e.g. lines add up to a total, or
 * 期末结余 = 期初结余 + 收入合计 − 支出合计.
 */
export interface GkSumRule {
  items?: string
  value?: string
  add?: string[]
  subtract?: string[]
  total: string
  /** How the rule reads to a person, e.g. "期末结余 = 期初结余 + 收入合计 − 支出合计"; used in messages. */
  formula?: string
  /** Allowed absolute difference; default 0.005 (half a fen). */
  tolerance?: number
}

/** One `gkOrder` rule: the value at `after` must not be earlier than the value at `before`. */
export interface GkOrderRule {
  before: string
  after: string
  /** When true, equal values are an error too; default false. */
  strict?: boolean
}

/** One `gkUnique` rule: the value at `key` must differ between all elements of the array at `items`. */
interface GkUniqueRule {
  items: string
  key: string
}

/** One `gkRefs` rule: the string (or each string of the array) at `from` must be a `key` of an element at `to`. */
interface GkRefsRule {
  from: string
  to: string
  key: string
}

/** A `gkMonthDay` rule: the day at `day` must exist in the month at `month` (29 February allowed). */
interface GkMonthDayRule {
  month: string
  day: string
}

/** The codegen helpers the keywords need; passed in so this file never loads ajv by itself. */
export type Codegen = Pick<typeof AjvModule, '_'>

const pointer = { type: 'string', pattern: '^(/([^~]|~[01])*)*$' }

const sumRule = {
  type: 'object',
  required: ['total'],
  anyOf: [{ required: ['items', 'value'] }, { required: ['add'] }],
  dependentRequired: { items: ['value'], value: ['items'] },
  additionalProperties: false,
  properties: {
    items: pointer,
    value: pointer,
    add: { type: 'array', minItems: 1, items: pointer },
    subtract: { type: 'array', items: pointer },
    total: pointer,
    formula: { type: 'string', minLength: 1 },
    tolerance: { type: 'number', minimum: 0 },
  },
}

const uniqueRule = {
  type: 'object',
  required: ['items', 'key'],
  additionalProperties: false,
  properties: { items: pointer, key: pointer },
}

const refsRule = {
  type: 'object',
  required: ['from', 'to', 'key'],
  additionalProperties: false,
  properties: { from: pointer, to: pointer, key: pointer },
}

const monthDayRule = {
  type: 'object',
  required: ['month', 'day'],
  additionalProperties: false,
  properties: { month: pointer, day: pointer },
}

const orderRule = {
  type: 'object',
  required: ['before', 'after'],
  additionalProperties: false,
  properties: { before: pointer, after: pointer, strict: { type: 'boolean' } },
}

/** Splits a JSON pointer into unescaped segments ('' -> []). */
function pointerSegments(ptr: string): string[] {
  if (ptr === '') return []
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/**
 * The custom keyword definitions (`gkSum`, `gkOrder`, `gkUnique`, `gkRefs`, `gkMonthDay`) for an
 * Ajv instance of your own, e.g. to compile the gongkai schemas yourself. They generate code (no
 * run-time closures), so they work in ajv standalone output as well as in a live Ajv instance.
 * @example
 * import * as ajvModule from 'ajv'
 * for (const def of createKeywords(ajvModule)) ajv.addKeyword(def)
 */
export function createKeywords({ _ }: Codegen): KeywordDefinition[] {
  // Resolves a relative pointer with guards: a missing step yields undefined, never a throw.
  const access = (cxt: KeywordCxt, base: AjvModule.Name, ptr: string): AjvModule.Name => {
    const { gen } = cxt
    const v = gen.let('gkv', base)
    for (const seg of pointerSegments(ptr)) {
      gen.assign(v, _`${v} !== null && typeof ${v} == "object" ? ${v}[${seg}] : undefined`)
    }
    return v
  }
  const rulesOf = <T>(schema: T | T[]): T[] => (Array.isArray(schema) ? schema : [schema])

  const gkSum: KeywordDefinition = {
    keyword: 'gkSum',
    type: 'object',
    schemaType: ['object', 'array'],
    metaSchema: { anyOf: [sumRule, { type: 'array', minItems: 1, items: sumRule }] },
    error: {
      message: 'gkSum',
      params: ({ params }) =>
        _`{at: ${params.at}, items: ${params.items}, terms: ${params.terms}, formula: ${params.formula}, sum: ${params.sum}, total: ${params.total}}`,
    },
    code(cxt) {
      const { gen, data } = cxt
      for (const rule of rulesOf<GkSumRule>(cxt.schema)) {
        const tolerance = rule.tolerance ?? 0.005
        gen.block(() => {
          const total = access(cxt, data, rule.total)
          const terms = [
            ...(rule.add ?? []).map((p) => ({ v: access(cxt, data, p), sign: 1 })),
            ...(rule.subtract ?? []).map((p) => ({ v: access(cxt, data, p), sign: -1 })),
          ]
          const items = rule.items === undefined ? undefined : access(cxt, data, rule.items)
          // Checked only when every operand is there with the right type; other keywords report
          // a missing or mistyped operand.
          let ready = _`typeof ${total} == "number"`
          if (items) ready = _`${ready} && Array.isArray(${items})`
          for (const t of terms) ready = _`${ready} && typeof ${t.v} == "number"`
          gen.if(ready, () => {
            const sum = gen.let('gksum', 0)
            if (items && rule.value !== undefined) {
              const value = rule.value
              gen.forOf('gkel', items, (el) => {
                const v = access(cxt, el, value)
                gen.if(_`typeof ${v} == "number"`, () => gen.assign(sum, _`${sum} + ${v}`))
              })
            }
            for (const t of terms) {
              gen.assign(sum, t.sign > 0 ? _`${sum} + ${t.v}` : _`${sum} - ${t.v}`)
            }
            gen.if(_`!(Math.abs(${sum} - ${total}) <= ${tolerance})`, () =>
              cxt.error(false, {
                at: rule.total,
                items: rule.items ?? '',
                terms: [
                  ...(rule.add ?? []).map((p) => `+${p}`),
                  ...(rule.subtract ?? []).map((p) => `-${p}`),
                ].join(' '),
                formula: rule.formula ?? '',
                sum,
                total,
              })
            )
          })
        })
      }
    },
  }

  const gkOrder: KeywordDefinition = {
    keyword: 'gkOrder',
    type: 'object',
    schemaType: ['object', 'array'],
    metaSchema: { anyOf: [orderRule, { type: 'array', minItems: 1, items: orderRule }] },
    error: {
      message: 'gkOrder',
      params: ({ params }) =>
        _`{at: ${params.at}, beforeAt: ${params.beforeAt}, before: ${params.before}, after: ${params.after}, strict: ${params.strict}}`,
    },
    code(cxt) {
      const { gen, data } = cxt
      for (const rule of rulesOf<GkOrderRule>(cxt.schema)) {
        const strict = rule.strict === true
        gen.block(() => {
          const before = access(cxt, data, rule.before)
          const after = access(cxt, data, rule.after)
          const sameType = _`((typeof ${before} == "string" && typeof ${after} == "string") || (typeof ${before} == "number" && typeof ${after} == "number"))`
          const wrong = strict ? _`${after} <= ${before}` : _`${after} < ${before}`
          gen.if(_`${sameType} && ${wrong}`, () =>
            cxt.error(false, {
              at: rule.after,
              beforeAt: rule.before,
              before,
              after,
              strict: strict ? _`true` : _`false`,
            })
          )
        })
      }
    },
  }

  const gkUnique: KeywordDefinition = {
    keyword: 'gkUnique',
    type: 'object',
    schemaType: ['object', 'array'],
    metaSchema: { anyOf: [uniqueRule, { type: 'array', minItems: 1, items: uniqueRule }] },
    error: {
      message: 'gkUnique',
      params: ({ params }) => _`{at: ${params.at}, value: ${params.value}, first: ${params.first}}`,
    },
    code(cxt) {
      const { gen, data } = cxt
      for (const rule of rulesOf<GkUniqueRule>(cxt.schema)) {
        gen.block(() => {
          const items = access(cxt, data, rule.items)
          gen.if(_`Array.isArray(${items})`, () => {
            const seen = gen.const('gkseen', _`new Map()`)
            gen.forRange('gki', 0, _`${items}.length`, (i) => {
              const v = access(cxt, _`${items}[${i}]` as unknown as AjvModule.Name, rule.key)
              gen.if(_`typeof ${v} == "string" || typeof ${v} == "number"`, () => {
                gen.if(
                  _`${seen}.has(${v})`,
                  () =>
                    cxt.error(false, {
                      at: _`${rule.items} + "/" + ${i} + ${rule.key}`,
                      value: v,
                      first: _`${seen}.get(${v})`,
                    }),
                  () => gen.code(_`${seen}.set(${v}, ${i})`)
                )
              })
            })
          })
        })
      }
    },
  }

  const gkRefs: KeywordDefinition = {
    keyword: 'gkRefs',
    type: 'object',
    schemaType: ['object', 'array'],
    metaSchema: { anyOf: [refsRule, { type: 'array', minItems: 1, items: refsRule }] },
    error: {
      message: 'gkRefs',
      params: ({ params }) => _`{at: ${params.at}, value: ${params.value}, to: ${params.to}}`,
    },
    code(cxt) {
      const { gen, data } = cxt
      for (const rule of rulesOf<GkRefsRule>(cxt.schema)) {
        gen.block(() => {
          const from = access(cxt, data, rule.from)
          const to = access(cxt, data, rule.to)
          gen.if(_`Array.isArray(${to})`, () => {
            const keys = gen.const('gkkeys', _`new Set()`)
            gen.forOf('gkel', to, (el) => {
              const k = access(cxt, el, rule.key)
              gen.code(_`${keys}.add(${k})`)
            })
            gen.if(_`typeof ${from} == "string" && !${keys}.has(${from})`, () =>
              cxt.error(false, { at: rule.from, value: from, to: rule.to })
            )
            gen.if(_`Array.isArray(${from})`, () => {
              gen.forRange('gkj', 0, _`${from}.length`, (j) => {
                gen.if(_`typeof ${from}[${j}] == "string" && !${keys}.has(${from}[${j}])`, () =>
                  cxt.error(false, {
                    at: _`${rule.from} + "/" + ${j}`,
                    value: _`${from}[${j}]`,
                    to: rule.to,
                  })
                )
              })
            })
          })
        })
      }
    },
  }

  const gkMonthDay: KeywordDefinition = {
    keyword: 'gkMonthDay',
    type: 'object',
    schemaType: 'object',
    metaSchema: monthDayRule,
    error: {
      message: 'gkMonthDay',
      params: ({ params }) =>
        _`{at: ${params.at}, month: ${params.month}, day: ${params.day}, max: ${params.max}}`,
    },
    code(cxt) {
      const { gen, data } = cxt
      const rule = cxt.schema as GkMonthDayRule
      const month = access(cxt, data, rule.month)
      const day = access(cxt, data, rule.day)
      gen.if(
        _`Number.isInteger(${month}) && ${month} >= 1 && ${month} <= 12 && Number.isInteger(${day})`,
        () => {
          // Days per month in a leap year, so 29 February is accepted (it means the month's end).
          const max = gen.const(
            'gkmax',
            _`[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][${month} - 1]`
          )
          gen.if(_`${day} > ${max}`, () => cxt.error(false, { at: rule.day, month, day, max }))
        }
      )
    },
  }

  return [gkSum, gkOrder, gkUnique, gkRefs, gkMonthDay]
}
