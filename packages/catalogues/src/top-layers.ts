import type { Catalogue } from '@gongkai/schema'
import { defaultLayerLevel, getLayer, type LayerLevel, layerLevels, layers } from './catalogues.js'

/** What the selection needs of a catalogue: its id and the catalogue it extends. */
type Chained = Pick<Catalogue, 'id' | 'extends'>

// Bundled layers above the national tables by level: `social_assistance.sh` → `sh`.
const bundledLevel = new Map<string, LayerLevel>()
for (const c of layers) {
  if (c.extends) continue
  for (const level of layerLevels.slice(1)) {
    const id = `${c.id}.${level}`
    if (getLayer(id)?.extends) bundledLevel.set(id, level)
  }
}

/** Ids of the catalogues `c` builds on, nearest first, looked up in `byId` (stops at a loop). */
function basesOf(c: Chained, byId: ReadonlyMap<string, Chained>): string[] {
  const out: string[] = []
  let next = c.extends?.id
  while (next !== undefined && next !== c.id && !out.includes(next)) {
    out.push(next)
    next = byId.get(next)?.extends?.id
  }
  return out
}

/**
 * The catalogues a workspace at `level` works on, out of every catalogue it has (bundled and its
 * own, resolved or not): the bundled layers above the level are left out, then those that another
 * builds on (directly or through layers). What remains is each field's layer at the level, every
 * standalone catalogue, template and instance, and the workspace's own layers (which win over
 * the level: the officer chose to build on them).
 * @example topLayersAt(catalogues, 'sh').map((c) => c.id) // […, 'social_assistance.sh', …, 'market_regulation', …]
 */
export function topLayersAt<T extends Chained>(
  all: readonly T[],
  level: LayerLevel = defaultLayerLevel
): T[] {
  const rank = layerLevels.indexOf(level)
  const byId = new Map<string, Chained>(all.map((c) => [c.id, c]))
  const kept = all.filter((c) => {
    const l = bundledLevel.get(c.id)
    return l === undefined || layerLevels.indexOf(l) <= rank
  })
  const below = new Set(kept.flatMap((c) => basesOf(c, byId)))
  return kept.filter((c) => !below.has(c.id))
}

/**
 * For each catalogue that extends none and lies below exactly one of the workspace's top layers
 * (`topLayersAt`), that top layer's id: a national id (`social_assistance`) in bindings.json or the
 * config stands for the field's catalogue as the workspace has it. Entries keep their ids across
 * layers, so `{ catalogue, entry }` references stay valid when the catalogue is replaced.
 * @example bottomToTop(catalogues).get('social_assistance') // 'social_assistance.changning-2021'
 */
export function bottomToTop(
  all: readonly Chained[],
  level: LayerLevel = defaultLayerLevel
): Map<string, string> {
  const byId = new Map<string, Chained>(all.map((c) => [c.id, c]))
  const tops = new Map<string, string[]>()
  for (const top of topLayersAt(all, level)) {
    const chain = basesOf(top, byId)
    const bottom = chain.length ? chain[chain.length - 1] : top.id
    if (bottom !== undefined && !byId.get(bottom)?.extends)
      tops.set(bottom, [...(tops.get(bottom) ?? []), top.id])
  }
  const out = new Map<string, string>()
  for (const [bottom, ids] of tops) if (ids.length === 1 && ids[0]) out.set(bottom, ids[0])
  return out
}
