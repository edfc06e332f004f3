import type { Catalogue, EntrySource } from '@gongkai/schema'
import { validateCatalogue } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { formatCatalogueError } from './catalogue-error.js'
import { instantiate } from './instantiate.js'
import {
  layerChain,
  resolveCatalogue,
  resolveCatalogues,
  resolveLayers,
} from './resolve-catalogue.js'
import { committeeTemplate, education, entry } from './test-fixtures.js'

const sh: EntrySource = { title: '《上海市某条例》', status: 'SH', copies: [] }
const local: EntrySource = { title: '《2021年某区政务公开工作要点》', status: 'L', copies: [] }

/** A layer over `base` with these operations. */
function layer(id: string, base: Catalogue, operations: Catalogue['operations']): Catalogue {
  return {
    id,
    title: `${base.title}（${id}）`,
    kind: base.kind,
    field: base.field,
    version: '2021.1',
    extends: { id: base.id, version: base.version },
    operations,
    entries: [],
  } as Catalogue
}

const national = education()
const shanghai = layer('edu_test.sh', national, [
  { op: 'add', entry: entry({ id: 'sh.extra', seq: 5, source: sh }) },
  {
    op: 'override',
    entryId: 'admission.scope',
    property: 'responsibleBodies',
    value: ['区教育局'],
    source: sh,
  },
])
const district = layer('edu_test.district', shanghai, [
  { op: 'remove', entryId: 'teachers.titles', reason: '本区由市级统一公开', source: local },
  { op: 'override', entryId: 'sh.extra', property: 'seq', value: 4, source: local },
])
const all = [national, shanghai, district]
const errorsOf = (r: { ok: boolean; errors?: unknown }) =>
  r.ok ? [] : (r.errors as Parameters<typeof formatCatalogueError>[0][]).map(formatCatalogueError)

describe('resolveCatalogue', () => {
  it('returns a catalogue that is not a layer as it is', () => {
    const r = resolveCatalogue('edu_test', all)
    expect(r.ok && r.value).toBe(national)
  })

  it('applies each layer in order; inherited entries keep their order, added ones follow', () => {
    const r = resolveLayers('edu_test.district', all)
    expect(errorsOf(r)).toEqual([])
    if (!r.ok) return
    const c = r.value.catalogue
    expect(r.value.chain).toEqual(['edu_test', 'edu_test.sh', 'edu_test.district'])
    expect(c.entries.map((e) => e.id)).toEqual([
      'admission.policy',
      'admission.scope',
      'safety.plan',
      'sh.extra',
    ])
    expect(c.entries[1]?.responsibleBodies).toEqual(['区教育局'])
    expect(c.entries[3]?.seq).toBe(4)
    expect(c.operations).toBeUndefined()
    expect(c.extends).toEqual({ id: 'edu_test.sh', version: '2021.1' })
    expect(c.removed).toEqual([
      {
        id: 'teachers.titles',
        reason: '本区由市级统一公开',
        layer: 'edu_test.district',
        source: local,
      },
    ])
    // Inherited metadata stays (the field's kind and field); the layer's own id and title win.
    expect([c.id, c.kind, c.field]).toEqual([
      'edu_test.district',
      'standard',
      'compulsory_education',
    ])
    expect(validateCatalogue(c).ok).toBe(true)
    expect(r.value.entries.get('sh.extra')).toEqual({
      layer: 'edu_test.sh',
      pointer: '/operations/0/entry',
      overrides: [
        { layer: 'edu_test.district', pointer: '/operations/1', property: 'seq', source: local },
      ],
    })
    expect(r.value.entries.get('admission.policy')?.layer).toBe('edu_test')
    // The base objects are not touched.
    expect(national.entries[1]?.responsibleBodies).toEqual(['县级教育行政部门'])
  })

  it('is deterministic and resolving a resolved catalogue changes nothing', () => {
    const a = resolveCatalogue('edu_test.district', all)
    const b = resolveCatalogue('edu_test.district', [...all].reverse())
    expect(a).toEqual(b)
    if (!a.ok) return
    expect(resolveCatalogue(a.value.id, [a.value])).toEqual(a)
  })

  it('refuses a missing base, a version mismatch and a cycle, with pointers', () => {
    expect(errorsOf(resolveCatalogue('edu_test.sh', [shanghai]))).toEqual([
      'edu_test.sh#/extends/id: 所扩展的目录 "edu_test" 不存在',
    ])
    const stale = { ...shanghai, extends: { id: 'edu_test', version: '2018.1' } }
    expect(errorsOf(resolveCatalogue('edu_test.sh', [national, stale]))).toEqual([
      'edu_test.sh#/extends/version: 所扩展的目录 "edu_test" 版本为 "2019.1"，本层写的是 "2018.1"（版本须完全一致）',
    ])
    const a = layer('a', national, [])
    const b = layer('b', a, [])
    const loop = { ...a, extends: { id: 'b', version: '2021.1' } }
    expect(errorsOf(resolveCatalogue('b', [loop, b]))).toEqual([
      'a#/extends/id: 目录层级成环：b → a → b',
    ])
    expect(layerChain('nope', all).ok).toBe(false)
  })

  it('refuses dangling ids, duplicate adds and reuse of a removed id', () => {
    const bad = layer('edu_test.bad', district, [
      { op: 'override', entryId: 'no.such', property: 'seq', value: 1, source: local },
      { op: 'remove', entryId: 'teachers.titles', reason: 'again', source: local },
      { op: 'add', entry: entry({ id: 'teachers.titles', seq: 9, source: local }) },
      { op: 'add', entry: entry({ id: 'admission.policy', seq: 9, source: local }) },
    ])
    bad.version = '2022.1'
    const r = resolveCatalogue('edu_test.bad', [...all, bad], { fileOf: (id) => `${id}.json` })
    expect(r.ok ? [] : r.errors.map((e) => [e.file, e.pointer, e.keyword])).toEqual([
      ['edu_test.bad.json', '/operations/0/entryId', 'reference'],
      ['edu_test.bad.json', '/operations/1/entryId', 'reference'],
      ['edu_test.bad.json', '/operations/2/entry/id', 'reserved'],
      ['edu_test.bad.json', '/operations/3/entry/id', 'unique'],
    ])
    expect(errorsOf(r)[1]).toMatch(/已被 edu_test.district 删除/)
  })

  it('names the operation when the result breaks the schema', () => {
    const bad = layer('edu_test.bad', national, [
      {
        op: 'override',
        entryId: 'safety.plan',
        property: 'modes',
        value: ['sometimes'],
        source: local,
      },
      { op: 'add', entry: { ...entry({ id: 'x', seq: 1, source: local }), channels: [] } },
    ])
    expect(errorsOf(resolveCatalogue('edu_test.bad', [national, bad]))).toEqual([
      'edu_test.bad#/operations/1/entry/channels: 至少需要 1 项（当前 0 项）',
    ])
    // Schema errors of an added entry are found in the layer file itself; override values only
    // once resolved.
    const value = layer('edu_test.bad', national, [
      {
        op: 'override',
        entryId: 'safety.plan',
        property: 'modes',
        value: ['sometimes'],
        source: local,
      },
    ])
    const r = resolveCatalogue('edu_test.bad', [national, value])
    expect(r.ok ? [] : r.errors.map((e) => [e.catalogue, e.pointer, e.keyword])).toEqual([
      ['edu_test.bad', '/operations/0/value/0', 'enum'],
    ])
  })

  it('refuses a layer of another field, and an inherited value broken in the base file', () => {
    const other = { ...layer('edu_test.x', national, []), field: 'health' } as Catalogue
    expect(errorsOf(resolveCatalogue('edu_test.x', [national, other]))[0]).toMatch(
      /^edu_test.x#\/field: 层的 field 须与所扩展的目录 "edu_test" 相同/
    )
    const broken = education()
    ;(broken.entries[0] as { seq: number }).seq = 0
    const r = resolveCatalogues([broken, shanghai, district])
    expect(r.catalogues).toEqual([])
    expect(r.errors.map((e) => [e.catalogue, e.pointer])).toEqual([['edu_test', '/entries/0/seq']])
  })
})

describe('a resolved template layer', () => {
  it('instantiates like any template: placeholders filled, layer entries included', () => {
    const template = committeeTemplate()
    const shTemplate = {
      ...layer('rc_test.sh', template, [
        {
          op: 'add',
          entry: {
            ...entry({ id: 'sh.notice', seq: 2, source: sh, levels: undefined }),
            category: '综合居务',
            responsibleBodies: ['{居委会名称}'],
          },
        },
      ]),
      kind: 'residents_committee',
      field: undefined,
      template: true,
      placeholders: ['{居委会名称}', '{街道名称}'],
    } as unknown as Catalogue
    const resolved = resolveCatalogue('rc_test.sh', [template, shTemplate])
    expect(errorsOf(resolved)).toEqual([])
    if (!resolved.ok) return
    const r = instantiate(resolved.value, {
      name: '市光四村第二居委会',
      values: { 街道名称: '殷行街道' },
    })
    expect(r.ok ? [] : r.errors.map(formatCatalogueError)).toEqual([])
    if (r.ok) {
      expect(r.value.entries.map((e) => e.responsibleBodies[0])).toEqual([
        '市光四村第二居委会',
        '市光四村第二居委会',
      ])
      expect([r.value.instanceOf?.id, r.value.extends]).toEqual(['rc_test.sh', undefined])
    }
    const raw = instantiate(shTemplate, { name: 'x', values: { 街道名称: 'y' } })
    expect(raw.ok ? [] : raw.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/operations', 'layer'],
    ])
  })
})
