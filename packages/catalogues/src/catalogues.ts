import { type GovernmentSite, type LayerResolution, resolveCatalogues } from '@gongkai/catalogue'
import type { Catalogue, FieldCode, VocabularyTerm } from '@gongkai/schema'
import { vocabularies } from '@gongkai/schema'
import { catalogueFiles, governmentSitesFile, recordExampleFiles } from './generated/data.js'

/** Examples of an entry's recordSchema: records that must pass, and ones that must fail. */
export interface RecordExamples {
  valid: unknown[]
  invalid: { record: unknown; pointer: string; keyword: string; why: string }[]
}

/** The layer a workspace builds on: the national table, Shanghai's, or Changning's of 2021. */
export type LayerLevel = 'national' | 'sh' | 'changning-2021'

/** The layer levels, bottom first; `changning-2021` (the plan's district) is the default top. */
export const layerLevels: readonly LayerLevel[] = ['national', 'sh', 'changning-2021']

/** The default top layer of a workspace. */
export const defaultLayerLevel: LayerLevel = 'changning-2021'

/** A field of the vocabulary with its catalogue layers (if any) and entry counts. */
export interface FieldInfo extends VocabularyTerm {
  code: FieldCode
  /** Id of the field's bottom catalogue (the national table), if one is bundled. */
  catalogueId?: string
  /** Id of the field's catalogue at each layer level that exists. */
  layerIds: Partial<Record<LayerLevel, string>>
  /** Distinct 一级事项 and entries with a 二级事项 in the resolved default top layer (0 when none). */
  counts: { level1: number; level2: number }
}

const byIdOrder = (a: Catalogue, b: Catalogue) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Every bundled catalogue file as written (layers keep their operations), sorted by id. */
export const layers: readonly Catalogue[] = Object.values(catalogueFiles)
  .map((c) => c as Catalogue)
  .sort(byIdOrder)

// The data is validated by this package's tests, not at import (start-up stays fast); resolving
// without validation only copies entry lists.
const resolved = resolveCatalogues(layers, { validate: false })
if (resolved.errors.length > 0)
  throw new Error(
    `@gongkai/catalogues: the bundled layers do not resolve: ${resolved.errors
      .map((e) => `${e.catalogue}#${e.pointer}: ${e.message}`)
      .join('; ')}`
  )

/** Every bundled catalogue resolved (a layer with its inherited entries), sorted by id. */
export const catalogues: readonly Catalogue[] = resolved.catalogues

const byId = new Map(catalogues.map((c) => [c.id, c]))
const layerById = new Map(layers.map((c) => [c.id, c]))

/** Ids of the bundled catalogues (every layer), sorted. */
export const catalogueIds: readonly string[] = catalogues.map((c) => c.id)

/** The resolved catalogue with this id, or undefined. */
export function getCatalogue(id: string): Catalogue | undefined {
  return byId.get(id)
}

/** The catalogue file with this id as written (a layer with its operations), or undefined. */
export function getLayer(id: string): Catalogue | undefined {
  return layerById.get(id)
}

/** How a bundled catalogue resolved: its chain of layers and where each entry comes from. */
export function getResolution(id: string): LayerResolution | undefined {
  return resolved.resolutions.get(id)
}

/** Template catalogues (residents' committee, public institution) to `instantiate`. */
export const templates: readonly Catalogue[] = catalogues.filter((c) => c.template === true)

/**
 * The id of a bottom catalogue's layer at a level: `social_assistance` → `social_assistance.sh`
 * for `sh`. Falls back to the nearest level below that is bundled, so a standalone catalogue
 * (e.g. `market_regulation`) answers its own id at every level.
 */
export function layerIdOf(catalogueId: string, level: LayerLevel = defaultLayerLevel): string {
  for (let i = layerLevels.indexOf(level); i > 0; i--) {
    const id = `${catalogueId}.${layerLevels[i]}`
    if (layerById.get(id)?.extends) return id
  }
  return catalogueId
}

/** Ids of the catalogues a workspace at this level uses: each bottom catalogue's layer at the level. */
export function topLayerIds(level: LayerLevel = defaultLayerLevel): string[] {
  return layers.filter((c) => !c.extends).map((c) => layerIdOf(c.id, level))
}

/** The field vocabulary, each with its layers and the 一级/二级 counts of its default top layer. */
export const fields: readonly FieldInfo[] = vocabularies.fields.items.map((term) => {
  const bottom = layers.find((x) => x.kind === 'standard' && x.field === term.code && !x.extends)
  const layerIds: Partial<Record<LayerLevel, string>> = {}
  if (bottom)
    for (const level of layerLevels) {
      const id = layerIdOf(bottom.id, level)
      if (level === 'national' || id !== bottom.id) layerIds[level] = id
    }
  const top = bottom ? byId.get(layerIdOf(bottom.id)) : undefined
  const counts = top
    ? {
        level1: new Set(top.entries.map((e) => e.item.level1)).size,
        level2: top.entries.filter((e) => e.item.level2 !== undefined).length,
      }
    : { level1: 0, level2: 0 }
  return {
    ...term,
    code: term.code as FieldCode,
    ...(bottom ? { catalogueId: bottom.id } : {}),
    layerIds,
    counts,
  }
})

/** Sites outside `.gov.cn` whose copies count as government copies (data/sites/government-sites.json). */
export const governmentSites: readonly GovernmentSite[] = (
  governmentSitesFile as { sites: GovernmentSite[] }
).sites

/** Record examples keyed `<catalogue id>.<entry id>` (the file name without `.json`). */
export const recordExamples: Readonly<Record<string, RecordExamples>> = Object.fromEntries(
  Object.entries(recordExampleFiles).map(([file, v]) => [
    file.replace(/\.json$/, ''),
    v as RecordExamples,
  ])
)

/**
 * The record examples of one entry, if any; a layer answers those of the catalogue that added
 * the entry.
 */
export function getRecordExamples(
  catalogueId: string,
  entryId: string
): RecordExamples | undefined {
  const own = recordExamples[`${catalogueId}.${entryId}`]
  if (own) return own
  const origin = resolved.resolutions.get(catalogueId)?.entries.get(entryId)?.layer
  return origin && origin !== catalogueId ? recordExamples[`${origin}.${entryId}`] : undefined
}
