import type { Catalogue, EntrySource, LayerOperation } from '@gongkai/schema'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyLayerDiff, diffLayers } from './layer-diff.js'
import { resolveCatalogue } from './resolve-catalogue.js'
import { education, entry } from './test-fixtures.js'

const sh: EntrySource = { title: '《上海市某条例》', status: 'SH', copies: [] }
const local: EntrySource = { title: '《某区工作要点》', status: 'L', copies: [] }

function layer(id: string, base: Catalogue, operations: LayerOperation[]): Catalogue {
  return {
    id,
    title: id,
    kind: base.kind,
    field: base.field,
    version: `${id}.v`,
    extends: { id: base.id, version: base.version },
    operations,
    entries: [],
  } as Catalogue
}

describe('diffLayers', () => {
  const national = education()
  const shanghai = layer('edu.sh', national, [
    { op: 'add', entry: entry({ id: 'sh.extra', seq: 5, source: sh }) },
    { op: 'override', entryId: 'admission.scope', property: 'scope', value: '全市', source: sh },
  ])
  const district = layer('edu.cn', shanghai, [
    { op: 'remove', entryId: 'teachers.titles', reason: '由市级公开', source: local },
    { op: 'override', entryId: 'admission.scope', property: 'scope', value: '本区', source: local },
    { op: 'override', entryId: 'sh.extra', property: 'seq', value: 4, source: local },
  ])
  const all = [national, shanghai, district]

  it('answers what the layers above the base changed, collapsing repeated overrides', () => {
    const r = diffLayers('edu_test', 'edu.cn', all)
    expect(r.ok && r.value).toEqual({
      added: [{ ...entry({ id: 'sh.extra', seq: 5, source: sh }), seq: 4 }],
      removed: [{ id: 'teachers.titles', reason: '由市级公开', source: local }],
      overridden: [
        { id: 'admission.scope', property: 'scope', from: undefined, to: '本区', source: local },
      ],
    })
  })

  it('from an intermediate layer, only the changes above it', () => {
    const r = diffLayers('edu.sh', 'edu.cn', all)
    expect(r.ok && r.value?.overridden.map((o) => [o.id, o.property, o.from, o.to])).toEqual([
      ['admission.scope', 'scope', '全市', '本区'],
      ['sh.extra', 'seq', 5, 4],
    ])
    expect(r.ok && r.value?.added).toEqual([])
  })

  it('is undefined when the layer does not extend the base, and an error when it does not resolve', () => {
    expect(diffLayers('edu.cn', 'edu_test', all)).toEqual({ ok: true, value: undefined })
    expect(diffLayers('edu_test', 'edu_test', all)).toEqual({ ok: true, value: undefined })
    expect(diffLayers('edu_test', 'edu.cn', [district]).ok).toBe(false)
  })
})

// Abstract operations, interpreted against the entries present when they apply.
const abstractOp = fc.oneof(
  fc.record({ op: fc.constant('add' as const), seq: fc.integer({ min: 1, max: 99 }) }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('override' as const),
    pick: fc.nat(),
    change: fc.oneof(
      fc.record({ property: fc.constant('seq' as const), value: fc.integer({ min: 1, max: 99 }) }),
      fc.record({ property: fc.constant('scope' as const), value: fc.string({ minLength: 1 }) }),
      fc.record({
        property: fc.constant('responsibleBodies' as const),
        value: fc.array(fc.constantFrom('区民政局', '街道办事处', '居委会'), { minLength: 1 }),
      }),
      fc.record({
        property: fc.constant('modes' as const),
        value: fc.constantFrom(['proactive'], ['on_request'], ['proactive', 'on_request']),
      })
    ),
  })
)

/** A base catalogue and a chain of layers built from abstract operations. */
function chainOf(layers: (typeof abstractOp extends fc.Arbitrary<infer T> ? T : never)[][]) {
  const base = education()
  const out: Catalogue[] = [base]
  const present = base.entries.map((e) => e.id)
  let added = 0
  for (const [l, ops] of layers.entries()) {
    const operations: LayerOperation[] = []
    for (const a of ops) {
      if (a.op === 'add') {
        const id = `added.${added++}`
        present.push(id)
        operations.push({ op: 'add', entry: entry({ id, seq: a.seq, source: local }) })
        continue
      }
      if (present.length === 0) continue
      const entryId = present[a.pick % present.length] as string
      if (a.op === 'remove') {
        present.splice(present.indexOf(entryId), 1)
        operations.push({ op: 'remove', entryId, reason: 'r', source: local })
      } else operations.push({ op: 'override', entryId, ...a.change, source: sh })
    }
    out.push(layer(`layer${l}`, out[out.length - 1] as Catalogue, operations))
  }
  return out
}

describe('resolve ∘ diff (property)', () => {
  it('applying diffLayers(base, layer) to the resolved base gives the resolved layer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(abstractOp, { maxLength: 8 }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.nat(),
        (spec, i, j) => {
          const chain = chainOf(spec)
          const lo = i % chain.length
          const hi = lo + 1 + (j % (chain.length - lo))
          const baseId = (chain[lo] as Catalogue).id
          const layerId = (chain[Math.min(hi, chain.length - 1)] as Catalogue).id
          const base = resolveCatalogue(baseId, chain)
          const top = resolveCatalogue(layerId, chain)
          expect(base.ok && top.ok).toBe(true)
          if (!base.ok || !top.ok) return
          const d = diffLayers(baseId, layerId, chain)
          if (baseId === layerId) {
            expect(d).toEqual({ ok: true, value: undefined })
            return
          }
          expect(d.ok && d.value !== undefined).toBe(true)
          if (!d.ok || !d.value) return
          expect(applyLayerDiff(base.value, d.value)).toEqual(top.value.entries)
          // The diff only names what changed: no entry both added and removed, no override of one.
          const added = new Set(d.value.added.map((e) => e.id))
          expect(d.value.removed.some((r) => added.has(r.id))).toBe(false)
          expect(d.value.overridden.some((o) => added.has(o.id))).toBe(false)
        }
      ),
      { numRuns: 200 }
    )
  })

  it('resolution is deterministic whatever order the layers are given in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(abstractOp, { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        (spec) => {
          const chain = chainOf(spec)
          const top = (chain[chain.length - 1] as Catalogue).id
          expect(resolveCatalogue(top, [...chain].reverse())).toEqual(resolveCatalogue(top, chain))
        }
      ),
      { numRuns: 50 }
    )
  })
})
