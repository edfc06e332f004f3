import { describe, expect, it } from 'vitest'
import { formatError } from './errors.js'
import { schemas } from './schemas.js'
import { catalogue, contentItem, dataset, entry } from './test-fixtures.js'
import type { ValidationError, ValidationResult } from './validation-result.js'
import {
  validateBinding,
  validateBindingRules,
  validateCatalogue,
  validateCatalogueEntry,
  validateContentItem,
  validateDataset,
  validateTableSchema,
  validateTimeLimit,
  validateVocabulary,
} from './validators.js'

function errorsOf(result: ValidationResult<unknown>): ValidationError[] {
  if (result.ok) throw new Error('expected the document to be invalid')
  return result.errors
}
const where = (errors: ValidationError[]) => errors.map((e) => [e.pointer, e.keyword])

describe('validateCatalogue', () => {
  it('accepts a valid standard catalogue and returns it typed', () => {
    const doc = catalogue()
    const result = validateCatalogue(doc)
    expect(result).toEqual({ ok: true, value: doc })
  })

  it('reports a missing field of an entry at the missing property', () => {
    const doc = catalogue()
    const timeLimit = doc.entries[1]?.timeLimit as unknown as Record<string, unknown>
    delete timeLimit.trigger
    expect(where(errorsOf(validateCatalogue(doc)))).toEqual([
      ['/entries/1/timeLimit/trigger', 'required'],
    ])
  })

  it('kind standard needs field', () => {
    const { field: _field, ...doc } = catalogue()
    const errors = errorsOf(validateCatalogue(doc))
    expect(where(errors)).toEqual([['/field', 'required']])
    expect(errors[0]?.message).toBe('缺少必填字段 "field"')
  })

  it('kind public_institution needs sector, sectorRule, supervisor and complaintChannel', () => {
    const { field: _field, ...rest } = catalogue()
    const errors = errorsOf(validateCatalogue({ ...rest, kind: 'public_institution' }))
    expect(where(errors)).toEqual([
      ['/sector', 'required'],
      ['/sectorRule', 'required'],
      ['/supervisor', 'required'],
      ['/complaintChannel', 'required'],
    ])
    const ok = validateCatalogue({
      ...rest,
      kind: 'public_institution',
      sector: 'gas',
      sectorRule: { title: '供气企业信息公开规定', status: 'N' },
      supervisor: '区住房和城乡建设管理委员会',
      complaintChannel: '12345',
    })
    expect(ok.ok).toBe(true)
  })

  it('a source lists its copies; a ? source needs a note saying what to verify', () => {
    const copies = [{ url: 'https://www.tonghai.gov.cn/a.html', title: '通海县 标准目录' }]
    const unsure = entry({ source: { title: '某指引', status: '?', copies } })
    expect(where(errorsOf(validateCatalogue(catalogue({ entries: [unsure] }))))).toEqual([
      ['/entries/0/source/note', 'required'],
    ])
    const noted = entry({
      source: { title: '某指引', status: '?', copies, note: '核对第二份政府网站副本' },
    })
    expect(validateCatalogue(catalogue({ entries: [noted] })).ok).toBe(true)
    const oldUrl = entry({
      source: { title: '某指引', status: 'L', url: 'https://a.gov.cn/' } as never,
    })
    expect(where(errorsOf(validateCatalogue(catalogue({ entries: [oldUrl] }))))).toEqual([
      ['/entries/0/source/copies', 'required'],
      ['/entries/0/source/url', 'additionalProperties'],
    ])
  })

  it('a layer extends a catalogue with operations and keeps its own entries empty', () => {
    const sh = { title: '《上海市社会救助条例》', status: 'SH' as const, copies: [] }
    const layer = catalogue({
      id: 'compulsory-education.sh',
      extends: { id: 'compulsory-education', version: '2021.1' },
      entries: [],
      operations: [
        { op: 'add', entry: entry({ id: 'sh-extra', source: sh }) },
        { op: 'remove', entryId: 'enrolment-result', reason: '本市不适用', source: sh },
        {
          op: 'override',
          entryId: 'enrolment-policy',
          property: 'modes',
          value: ['proactive'],
          source: sh,
        },
      ],
    })
    expect(validateCatalogue(layer).ok).toBe(true)
    const { extends: _e, ...orphan } = layer
    expect(where(errorsOf(validateCatalogue({ ...orphan, entries: [entry()] })))).toEqual([
      ['/extends', 'required'],
      ['/entries', 'maxItems'],
    ])
    const bad = catalogue({
      extends: { id: 'x', version: '1' },
      entries: [],
      operations: [
        { op: 'override', entryId: 'a', property: 'id', value: 'b', source: sh } as never,
        { op: 'remove', entryId: 'a', source: sh } as never,
      ],
    })
    expect(where(errorsOf(validateCatalogue(bad)))).toEqual([
      ['/operations/0/property', 'enum'],
      ['/operations/1/reason', 'required'],
    ])
  })

  it('reports wrong type, bad enum, bad pattern, bad format and additional properties together', () => {
    const doc = {
      ...catalogue(),
      id: 'Bad Id',
      title: 42,
      kind: 'national',
      effectiveFrom: '2021-02-30',
      colour: 'red',
    }
    const errors = errorsOf(validateCatalogue(doc))
    expect(where(errors)).toEqual(
      expect.arrayContaining([
        ['/id', 'pattern'],
        ['/title', 'type'],
        ['/kind', 'enum'],
        ['/effectiveFrom', 'format'],
        ['/colour', 'additionalProperties'],
      ])
    )
    const title = errors.find((e) => e.pointer === '/title')
    expect(title).toMatchObject({
      expected: 'string',
      actual: '42',
      message: '应为文本，实际为整数',
    })
  })

  it('never throws, whatever the input', () => {
    for (const input of [null, undefined, 0, 'x', [], [1], true, Number.NaN, {}]) {
      const result = validateCatalogue(input)
      expect(result.ok).toBe(false)
      expect(errorsOf(result).length).toBeGreaterThan(0)
    }
    const hostile = {}
    Object.defineProperty(hostile, 'id', {
      enumerable: true,
      get: () => {
        throw new Error('boom')
      },
    })
    expect(where(errorsOf(validateCatalogue(hostile)))).toEqual([['', 'unreadable']])
  })

  it('puts the root pointer as the empty string', () => {
    const errors = errorsOf(validateCatalogue([]))
    expect(errors).toEqual([
      {
        pointer: '',
        keyword: 'type',
        message: '应为对象，实际为数组（列表）',
        expected: 'object',
        actual: '[]',
      },
    ])
    expect(formatError(errors[0] as ValidationError)).toBe(': 应为对象，实际为数组（列表）')
  })
})

describe('validateCatalogueEntry', () => {
  it('accepts a valid entry', () => {
    expect(validateCatalogueEntry(entry()).ok).toBe(true)
  })

  it('lists vocabulary labels in enum messages, in both locales', () => {
    const doc = entry({ channels: [{ code: 'website' as never, required: true }] })
    const [zh] = errorsOf(validateCatalogueEntry(doc))
    expect(zh?.pointer).toBe('/channels/0/code')
    expect(zh?.message).toMatch(
      /^"website" 不是允许的值，应为：gov_website（政府网站）、gov_gazette（政府公报）/
    )
    const [en] = errorsOf(validateCatalogueEntry(doc, { locale: 'en' }))
    expect(en?.message).toMatch(
      /^"website" is not an allowed value; expected one of: gov_website \(政府网站\), /
    )
  })

  it('reports minItems, uniqueItems (at the duplicate) and minimum', () => {
    const doc = entry({ seq: 0, contentElements: [], modes: ['proactive', 'proactive'] })
    expect(where(errorsOf(validateCatalogueEntry(doc)))).toEqual([
      ['/seq', 'minimum'],
      ['/contentElements', 'minItems'],
      ['/modes/1', 'uniqueItems'],
    ])
  })

  it('truncates long actual values to about 80 characters', () => {
    const doc = { ...entry(), seq: 'x'.repeat(500) }
    const [e] = errorsOf(validateCatalogueEntry(doc))
    expect(e?.actual.length).toBeLessThanOrEqual(80)
    expect(e?.actual.endsWith('…')).toBe(true)
  })
})

describe('validateContentItem', () => {
  it('accepts a valid content item', () => {
    expect(validateContentItem(contentItem()).ok).toBe(true)
  })

  it('a withheld attribute needs a ground; no if/then noise', () => {
    const doc = contentItem({ attribute: { code: 'withheld' } })
    expect(where(errorsOf(validateContentItem(doc)))).toEqual([['/attribute/ground', 'required']])
    expect(
      validateContentItem(contentItem({ attribute: { code: 'withheld', ground: 'state_secret' } }))
        .ok
    ).toBe(true)
  })

  it('publishedAt before formedAt is a gkOrder error at publishedAt', () => {
    const doc = contentItem({ formedAt: '2021-04-14', publishedAt: '2021-04-13' })
    const errors = errorsOf(validateContentItem(doc))
    expect(errors).toEqual([
      {
        pointer: '/publishedAt',
        keyword: 'gkOrder',
        message: '"publishedAt"（2021-04-13）不能早于 "formedAt"（2021-04-14）',
        expected: '>= 2021-04-14',
        actual: '"2021-04-13"',
      },
    ])
    expect(
      validateContentItem(contentItem({ formedAt: '2021-04-14', publishedAt: '2021-04-14' })).ok
    ).toBe(true)
  })

  it('reports bad uri and bad enum', () => {
    const doc = { ...contentItem(), url: 'not a url', kind: 'memo' }
    expect(where(errorsOf(validateContentItem(doc)))).toEqual([
      ['/url', 'format'],
      ['/kind', 'enum'],
    ])
  })
})

describe('validateBinding and validateBindingRules', () => {
  const binding = {
    entry: { catalogue: 'compulsory-education', entry: 'enrolment-policy' },
    content: 'https://www.shcn.gov.cn/a.html',
    method: 'title',
    confidence: 0.9,
  }

  it('accepts a valid binding and reports range and enum errors', () => {
    expect(validateBinding(binding).ok).toBe(true)
    const bad = { ...binding, method: 'guess', confidence: 1.5, entry: { catalogue: '' } }
    expect(where(errorsOf(validateBinding(bad)))).toEqual([
      ['/entry/entry', 'required'],
      ['/entry/catalogue', 'minLength'],
      ['/method', 'enum'],
      ['/confidence', 'maximum'],
    ])
  })

  it('a rule needs one of column/titlePattern/issuer/docNoPattern: one anyOf error', () => {
    const rule = { id: 'r1', entry: binding.entry }
    const errors = errorsOf(validateBindingRules({ rules: [rule] }))
    expect(where(errors)).toEqual([['/rules/0', 'anyOf']])
    expect(errors[0]?.message).toBe(
      '至少需要填写以下字段之一："column"、"titlePattern"、"issuer"、"docNoPattern"'
    )
    expect(validateBindingRules({ rules: [{ ...rule, titlePattern: '招生' }] }).ok).toBe(true)
  })

  it('reports a bad regex and a rule whose to is before from', () => {
    const rule = {
      id: 'r1',
      entry: binding.entry,
      titlePattern: '(',
      from: '2021-05-01',
      to: '2021-01-01',
    }
    expect(where(errorsOf(validateBindingRules({ rules: [rule] })))).toEqual([
      ['/rules/0/titlePattern', 'format'],
      ['/rules/0/to', 'gkOrder'],
    ])
  })
})

describe('validateDataset and validateTableSchema', () => {
  it('accepts a valid dataset', () => {
    expect(validateDataset(dataset()).ok).toBe(true)
  })

  it('temporal end before start is a gkOrder error', () => {
    const doc = dataset({ temporal: { start: '2021-12-31', end: '2021-01-01' } })
    const errors = errorsOf(validateDataset(doc, { locale: 'en' }))
    expect(errors).toEqual([
      {
        pointer: '/temporal/end',
        keyword: 'gkOrder',
        message: '"end" (2021-01-01) is earlier than "start" (2021-12-31)',
        expected: '>= 2021-12-31',
        actual: '"2021-01-01"',
      },
    ])
  })

  it('reports missing required fields, bad email and bad openness', () => {
    const { license: _license, ...rest } = dataset()
    const doc = { ...rest, openness: 'open', contact: { name: 'x', email: 'nope' } }
    expect(where(errorsOf(validateDataset(doc)))).toEqual([
      ['/license', 'required'],
      ['/openness', 'enum'],
      ['/contact/email', 'format'],
    ])
  })

  it('primaryKey oneOf: a wrong type is one error, an empty array is a minItems error', () => {
    const fields = [{ name: 'a', type: 'string' }]
    const typeErrors = errorsOf(validateTableSchema({ fields, primaryKey: 5 }))
    expect(where(typeErrors)).toEqual([['/primaryKey', 'oneOf']])
    expect(typeErrors[0]?.message).toBe('类型不对，应为文本或数组（列表）')
    expect(where(errorsOf(validateTableSchema({ fields, primaryKey: [] })))).toEqual([
      ['/primaryKey', 'minItems'],
    ])
    expect(validateTableSchema({ fields, primaryKey: 'a' }).ok).toBe(true)
  })

  it('reports a bad field type, maxLength of mask char and an unknown property', () => {
    const doc = {
      fields: [{ name: 'id', type: 'text', mask: { type: 'name', char: '**' }, width: 3 }],
    }
    expect(where(errorsOf(validateTableSchema(doc)))).toEqual([
      ['/fields/0/width', 'additionalProperties'],
      ['/fields/0/type', 'enum'],
      ['/fields/0/mask/char', 'maxLength'],
    ])
  })
})

describe('validateVocabulary', () => {
  it('accepts a vocabulary and reports a bad code pattern and scope', () => {
    const vocab = { id: 'x', title: 'X', items: [{ code: 'a_b', label: '甲', scope: 'national' }] }
    expect(validateVocabulary(vocab).ok).toBe(true)
    const bad = { ...vocab, items: [{ code: 'A-b', label: '甲', scope: 'world' }] }
    expect(where(errorsOf(validateVocabulary(bad)))).toEqual([
      ['/items/0/code', 'pattern'],
      ['/items/0/scope', 'enum'],
    ])
  })
})

describe('validateTimeLimit', () => {
  it('only the chosen branch of the discriminated union reports errors', () => {
    const recurrences = (
      schemas['time-limit'].$defs as {
        recurring: { properties: { recurrence: { enum: string[] } } }
      }
    ).recurring.properties.recurrence.enum
    expect(recurrences).toContain('quarterly')
    const doc = { type: 'recurring', text: '每两周', recurrence: 'fortnightly' }
    expect(errorsOf(validateTimeLimit(doc))).toEqual([
      {
        pointer: '/recurrence',
        keyword: 'enum',
        message: `"fortnightly" 不是允许的值，应为：${recurrences.join('、')}`,
        expected: recurrences.map((r) => `"${r}"`).join(' | '),
        actual: '"fortnightly"',
      },
    ])
  })

  it('an unknown type names the allowed types', () => {
    const [e] = errorsOf(validateTimeLimit({ type: 'weekly', text: 'x' }))
    expect(e).toMatchObject({ pointer: '/type', keyword: 'discriminator', actual: '"weekly"' })
    expect(e?.message).toBe(
      '"weekly" 不是允许的类型，应为：after_event、recurring、fixed_date、before_event、qualitative、composite'
    )
  })

  it('a missing type is one required error', () => {
    expect(where(errorsOf(validateTimeLimit({ text: 'x' })))).toEqual([['/type', 'required']])
  })
})

describe('cross-field rules of table schemas and fixed dates', () => {
  it('refuses duplicate field names and keys that name no field', () => {
    const r = validateTableSchema({
      fields: [
        { name: 'a', type: 'string' },
        { name: 'b', type: 'integer' },
        { name: 'a', type: 'string' },
      ],
      primaryKey: ['b', 'zz'],
      filterColumns: ['nope'],
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => [e.pointer, e.keyword])).toEqual(
      expect.arrayContaining([
        ['/fields/2/name', 'gkUnique'],
        ['/primaryKey/1', 'gkRefs'],
        ['/filterColumns/0', 'gkRefs'],
      ])
    )
    expect(r.errors.find((e) => e.keyword === 'gkUnique')?.message).toContain('第 1 项')
    const single = validateTableSchema({ fields: [{ name: 'a', type: 'string' }], primaryKey: 'x' })
    expect(!single.ok && single.errors[0]?.pointer).toBe('/primaryKey')
    expect(
      validateTableSchema({ fields: [{ name: 'a', type: 'string' }], primaryKey: 'a' }).ok
    ).toBe(true)
  })

  it('refuses a fixed date that does not exist, accepting 29 February', () => {
    const bad = validateTimeLimit({ type: 'fixed_date', text: '每年2月31日前', month: 2, day: 31 })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.errors[0]).toMatchObject({ pointer: '/day', keyword: 'gkMonthDay' })
      expect(bad.errors[0]?.message).toBe('2 月没有 31 日（最多 29 日）')
    }
    expect(validateTimeLimit({ type: 'fixed_date', text: '2月29日前', month: 2, day: 29 }).ok).toBe(
      true
    )
    expect(validateTimeLimit({ type: 'fixed_date', text: '4月30日前', month: 4, day: 30 }).ok).toBe(
      true
    )
  })
})
