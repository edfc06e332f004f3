import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readSchemas, schemasDir } from '../scripts/generate.js'
import { compileRecordSchema } from './compile-record-schema.js'
import { messages } from './messages.js'
import type { ValidationError, ValidationResult } from './validation-result.js'
import {
  validateBindingRules,
  validateCatalogue,
  validateContentItem,
  validateDataset,
  validateTableSchema,
  validateTimeLimit,
} from './validators.js'

// Keywords that never fail by themselves: annotations and plain structure.
const SILENT = new Set([
  '$schema',
  '$id',
  '$defs',
  '$ref',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'properties',
  'allOf',
  'deprecated',
  'readOnly',
  'writeOnly',
  // ajv reports these under `contains`, which has its own template.
  'minContains',
  'maxContains',
])
// Where a keyword's value holds subschemas, so the walk does not mistake property names for keywords.
const SCHEMA_MAPS = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas'])
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
])

function keywordsOf(schema: unknown, out = new Set<string>()): Set<string> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return out
  for (const [k, v] of Object.entries(schema)) {
    out.add(k)
    if (SCHEMA_MAPS.has(k)) for (const s of Object.values(v as object)) keywordsOf(s, out)
    else if (SCHEMA_LISTS.has(k)) for (const s of v as unknown[]) keywordsOf(s, out)
    else if (SCHEMA_VALUES.has(k)) keywordsOf(v, out)
  }
  return out
}

describe('messages', () => {
  it('every keyword used by the schemas has a zh and an en template', () => {
    const used = new Set<string>()
    for (const schema of Object.values(readSchemas())) keywordsOf(schema, used)
    const vocabSchema = JSON.parse(readFileSync(`${schemasDir}vocabulary.schema.json`, 'utf8'))
    keywordsOf(vocabSchema, used)
    // The walk must find the keywords we know are there, or this test would prove nothing.
    expect([...used]).toEqual(
      expect.arrayContaining(['required', 'enum', 'gkOrder', 'discriminator', 'if', 'format'])
    )
    const missing = [...used].filter(
      (k) =>
        !SILENT.has(k) &&
        !(typeof messages[k]?.zh === 'function' && typeof messages[k]?.en === 'function')
    )
    expect(missing).toEqual([])
    for (const k of [
      'gkSum',
      'gkOrder',
      'anyOf',
      'oneOf',
      'const',
      'maxItems',
      'exclusiveMinimum',
      'multipleOf',
      'dependentRequired',
      'not',
    ]) {
      expect(messages[k], k).toBeDefined()
    }
  })

  const broken: [
    string,
    () => ValidationResult<unknown>,
    (locale: 'zh' | 'en') => ValidationResult<unknown>,
  ][] = [
    [
      'catalogue',
      () => validateCatalogue({}),
      (locale) =>
        validateCatalogue(
          { id: 'A', kind: 'x', title: 1, version: '', entries: [{}], extra: 1 },
          { locale }
        ),
    ],
    [
      'time limit',
      () => validateTimeLimit({}),
      (locale) =>
        validateTimeLimit({ type: 'fixed_date', text: '', month: 0, day: 'x' }, { locale }),
    ],
    [
      'content item',
      () => validateContentItem(1),
      (locale) =>
        validateContentItem(
          {
            url: 'x',
            title: '',
            attribute: { code: 'withheld' },
            formedAt: '2021-05-01',
            publishedAt: '2021-04-01',
          },
          { locale }
        ),
    ],
    [
      'bindings',
      () => validateBindingRules([]),
      (locale) =>
        validateBindingRules({ rules: [{ id: '', entry: {}, docNoPattern: '[' }] }, { locale }),
    ],
    [
      'dataset',
      () => validateDataset(null),
      (locale) =>
        validateDataset(
          { id: 'd', keywords: ['a', 'a'], temporal: { start: '2022-01-01', end: '2021-01-01' } },
          { locale }
        ),
    ],
    [
      'table schema',
      () => validateTableSchema({ fields: [] }),
      (locale) =>
        validateTableSchema({ fields: [{ name: 'a', type: 'x' }], primaryKey: {} }, { locale }),
    ],
  ]

  for (const [name, _plain, bad] of broken) {
    it(`${name}: zh and en messages differ, and no ajv default text leaks`, () => {
      const zh = bad('zh')
      const en = bad('en')
      expect(zh.ok || en.ok).toBe(false)
      const zhErrors = zh.ok ? [] : zh.errors
      const enErrors = en.ok ? [] : en.errors
      expect(zhErrors.length).toBeGreaterThan(1)
      expect(enErrors.map((e) => e.pointer)).toEqual(zhErrors.map((e) => e.pointer))
      for (const [i, e] of zhErrors.entries()) {
        expect(e.message, e.keyword).toMatch(/[\u4e00-\u9fff]/)
        expect(e.message).not.toBe(enErrors[i]?.message)
      }
      for (const e of [...zhErrors, ...enErrors]) expectReadable(e)
    })
  }

  it('record schema errors are translated too', () => {
    const compiled = compileRecordSchema({
      type: 'object',
      properties: {
        n: { type: 'integer', exclusiveMinimum: 0, multipleOf: 2 },
        list: { type: 'array', maxItems: 1, contains: { const: 'x' } },
        code: { const: 'A' },
        nope: false,
      },
      dependentRequired: { a: ['b'] },
      minProperties: 2,
      not: { required: ['forbidden'] },
    })
    if (!compiled.ok) throw new Error('should compile')
    for (const locale of ['zh', 'en'] as const) {
      const result = compiled.validate(
        { n: -3, list: [1, 2], code: 'B', nope: 1, a: 1, forbidden: 1 },
        { locale }
      )
      const errors = result.ok ? [] : result.errors
      expect(errors.map((e) => e.keyword).sort()).toEqual([
        'const',
        'contains',
        'dependentRequired',
        'exclusiveMinimum',
        'false schema',
        'maxItems',
        'multipleOf',
        'not',
      ])
      for (const e of errors) expectReadable(e)
    }
  })
})

function expectReadable(e: ValidationError) {
  expect(e.message).not.toMatch(/^must /)
  expect(e.message).not.toMatch(/must (NOT |have |be |match |pass |equal )/)
  expect(e.message).not.toContain('undefined')
  expect(e.message.length).toBeGreaterThan(2)
}
