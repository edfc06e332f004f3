import { schemas } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { catalogues, layerLevels, topLayerIds } from './catalogues.js'
import { bottomToTop, topLayersAt } from './top-layers.js'

const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id)

describe('topLayersAt', () => {
  it("picks each field's layer at the level, and every standalone catalogue and template", () => {
    for (const level of layerLevels) {
      const top = ids(topLayersAt(catalogues, level))
      expect(top.sort()).toEqual([...topLayerIds(level)].sort())
    }
    const top = ids(topLayersAt(catalogues))
    expect(top).toContain('social_assistance.changning-2021')
    expect(top).not.toContain('social_assistance.sh')
    expect(top).not.toContain('social_assistance')
    expect(top).toEqual(expect.arrayContaining(['market_regulation', 'residents_committee']))
    expect(ids(topLayersAt(catalogues, 'sh'))).toContain('social_assistance.sh')
    expect(ids(topLayersAt(catalogues, 'national'))).toContain('social_assistance')
  })

  it("keeps a workspace's own layer over the level it builds on, and its instances", () => {
    const own = {
      id: 'social_assistance.street-x',
      extends: { id: 'social_assistance.sh', version: '1' },
    }
    const instance = { id: 'rc-x' }
    const all = [...catalogues, own, instance]
    const sh = ids(topLayersAt(all, 'sh'))
    expect(sh).toEqual(expect.arrayContaining(['social_assistance.street-x', 'rc-x']))
    expect(sh).not.toContain('social_assistance.sh')
    // At the Changning level the bundled Changning layer and the own layer both stand.
    const cn = ids(topLayersAt(all, 'changning-2021'))
    expect(cn).toEqual(
      expect.arrayContaining(['social_assistance.street-x', 'social_assistance.changning-2021'])
    )
    // An own layer on top of the Changning layer replaces it even at a lower level.
    const onTop = { id: 'ws', extends: { id: 'health.changning-2021', version: '1' } }
    const national = ids(topLayersAt([...catalogues, onTop], 'national'))
    expect(national).toContain('ws')
    expect(national).not.toContain('health')
  })

  it('lists the same levels as the workspace config schema', () => {
    const layer = (schemas['workspace-config'].properties as Record<string, { enum?: string[] }>)
      .layer
    expect(layer?.enum).toEqual([...layerLevels])
  })
})

describe('bottomToTop', () => {
  it("maps a national id to the field's layer at the level, standalone ids to themselves", () => {
    expect(bottomToTop(catalogues).get('social_assistance')).toBe(
      'social_assistance.changning-2021'
    )
    expect(bottomToTop(catalogues, 'sh').get('health')).toBe('health.sh')
    expect(bottomToTop(catalogues, 'national').get('health')).toBe('health')
    expect(bottomToTop(catalogues).get('market_regulation')).toBe('market_regulation')
    // Only national ids: a layer named explicitly stays as named.
    expect(bottomToTop(catalogues).has('health.sh')).toBe(false)
  })

  it('leaves a national id alone when two tops build on it', () => {
    const own = { id: 'health.street-x', extends: { id: 'health.sh', version: '1' } }
    const map = bottomToTop([...catalogues, own])
    expect(map.has('health')).toBe(false)
    expect(map.get('social_assistance')).toBe('social_assistance.changning-2021')
  })
})
