import { catalogues } from '@gongkai/catalogues'
import type { Catalogue } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { entryOrigins, layerFamilies } from './catalogue-layers.js'
import { catalogueMemo } from './catalogue-memo.js'

const layered = catalogues.filter((c) => c.extends)
const chainFor = (top: Catalogue): Catalogue[] => {
  const chain = [top]
  for (let at = top; at.extends; ) {
    const base = catalogues.find((c) => c.id === at.extends?.id)
    if (!base) break
    chain.unshift(base)
    at = base
  }
  return chain
}

describe('catalogueMemo', () => {
  it('derives the frame once while the catalogues are the same objects, afresh when one changes', () => {
    const memo = catalogueMemo()
    const top = layered.slice(0, 3).map((c) => c.id)
    const first = memo.frame([...catalogues], top)
    expect(memo.frame([...catalogues], [...top])).toBe(first)
    expect(first.families).toEqual(layerFamilies(catalogues))
    expect(first.fields.map((f) => f.catalogueId)).toEqual(
      catalogues.filter((c) => top.includes(c.id) && c.field && !c.template).map((c) => c.id)
    )
    // A new version of one catalogue is a new object: the frame is derived again and shows it.
    const renamed = { ...(catalogues[0] as Catalogue), title: '新版本' }
    const again = memo.frame([renamed, ...catalogues.slice(1)], top)
    expect(again).not.toBe(first)
    expect(again.families.get(renamed.id)?.some((c) => c.title === '新版本')).toBe(true)
    expect(memo.frame([...catalogues], top.slice(1))).not.toBe(again)
  })

  it("keeps a catalogue's entry origins while its chain stands", () => {
    const memo = catalogueMemo()
    const top = layered[0] as Catalogue
    const chain = chainFor(top)
    expect(chain.length).toBeGreaterThan(1)
    const first = memo.origins(chain)
    expect(first).toEqual(entryOrigins(chain))
    expect(memo.origins([...chain])).toBe(first)
    const base = { ...(chain[0] as Catalogue), entries: [] }
    const other = memo.origins([base, ...chain.slice(1)])
    expect(other).not.toBe(first)
    expect(other).toEqual(entryOrigins([base, ...chain.slice(1)]))
  })
})
