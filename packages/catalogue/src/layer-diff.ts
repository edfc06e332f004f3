import type { Catalogue, CatalogueEntry, EntrySource } from '@gongkai/schema'
import type { CatalogueResult } from './catalogue-error.js'
import {
  type CatalogueSource,
  catalogueLookup,
  type ResolveOptions,
  resolveLayers,
} from './resolve-catalogue.js'

/** What a layer changed from a catalogue below it: the officer's "what did we change". */
export interface LayerDiff {
  /** Entries the layers above the base added (and did not remove), in resolved order. */
  added: CatalogueEntry[]
  /** Entries of the base that the layers removed, with the reason and source of the removal. */
  removed: { id: string; reason: string; source: EntrySource }[]
  /**
   * Properties of base entries the layers replaced: value in the base, value in the layer, and the
   * source of the last override. Several overrides of one property collapse into one change.
   */
  overridden: { id: string; property: string; from: unknown; to: unknown; source: EntrySource }[]
}

/**
 * The changes from `baseId` to `layerId` when the layer extends the base (directly or through
 * other layers), both resolved; `undefined` when it does not (use `diff` then).
 * @example diffLayers('social_assistance', 'social_assistance.changning-2021', layers)
 */
export function diffLayers(
  baseId: string,
  layerId: string,
  source: CatalogueSource,
  options: ResolveOptions = {}
): CatalogueResult<LayerDiff | undefined> {
  const get = catalogueLookup(source)
  const top = resolveLayers(layerId, get, options)
  if (!top.ok) return top
  const at = top.value.chain.indexOf(baseId)
  if (at < 0 || baseId === layerId) return { ok: true, value: undefined }
  const base = resolveLayers(baseId, get, options)
  if (!base.ok) return base
  const above = new Set(top.value.chain.slice(at + 1))
  const inBase = new Map(base.value.catalogue.entries.map((e) => [e.id, e]))
  const inTop = new Set(top.value.catalogue.entries.map((e) => e.id))
  const out: LayerDiff = { added: [], removed: [], overridden: [] }
  for (const entry of top.value.catalogue.entries) {
    const before = inBase.get(entry.id)
    if (!before) {
      out.added.push(entry)
      continue
    }
    const changes = new Map<string, EntrySource>()
    for (const o of top.value.entries.get(entry.id)?.overrides ?? [])
      if (above.has(o.layer)) changes.set(o.property, o.source)
    for (const [property, src] of changes) {
      const key = property as keyof CatalogueEntry
      out.overridden.push({
        id: entry.id,
        property,
        from: before[key],
        to: entry[key],
        source: src,
      })
    }
  }
  const removals = new Map((top.value.catalogue.removed ?? []).map((r) => [r.id, r]))
  for (const entry of base.value.catalogue.entries) {
    if (inTop.has(entry.id)) continue
    const r = removals.get(entry.id)
    if (r) out.removed.push({ id: r.id, reason: r.reason, source: r.source })
  }
  return { ok: true, value: out }
}

/** Applies a layer diff to the resolved base: the entries of the resolved layer. */
export function applyLayerDiff(base: Catalogue, changes: LayerDiff): CatalogueEntry[] {
  const gone = new Set(changes.removed.map((r) => r.id))
  const entries = new Map(
    base.entries.filter((e) => !gone.has(e.id)).map((e) => [e.id, { ...e }] as const)
  )
  for (const o of changes.overridden) {
    const e = entries.get(o.id) as Record<string, unknown> | undefined
    if (!e) continue
    if (o.to === undefined) delete e[o.property]
    else e[o.property] = o.to
  }
  return [...entries.values(), ...changes.added]
}
