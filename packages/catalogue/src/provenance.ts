import type { Catalogue, EntrySource, SourceCopy } from '@gongkai/schema'
import type { CatalogueError, CatalogueResult } from './catalogue-error.js'
import {
  type LayerResolution,
  type ResolveOptions,
  resolveCatalogues,
} from './resolve-catalogue.js'

/** Source status markers, in the order they are counted. */
export type SourceStatus = EntrySource['status']

/** Where one resolved entry comes from. */
export interface EntryProvenance {
  id: string
  /** Status of the entry's own source. */
  status: SourceStatus
  /** Id of the catalogue or layer that added the entry. */
  layer: string
  copies: SourceCopy[]
  note?: string
  /** Properties replaced by layers above the one that added it, with the status of each source. */
  overrides?: { property: string; layer: string; status: SourceStatus }[]
}

/** Provenance of one resolved catalogue. */
export interface CatalogueProvenance {
  id: string
  /** The catalogue this one extends, or null for a catalogue that is not a layer. */
  extends: { id: string; version: string } | null
  entries: EntryProvenance[]
}

/** Entries per source status. */
export type StatusTotals = Record<SourceStatus, number>

/** The provenance of catalogues and the status totals of each field's top layer. */
export interface Provenance {
  catalogues: CatalogueProvenance[]
  /** By field code (by catalogue id for catalogues without a field): counts in the top layer. */
  totals: Record<string, StatusTotals>
}

/** Options of `provenance`. */
export interface ProvenanceOptions extends ResolveOptions {
  /** Only these catalogues (and their totals); default every catalogue given. */
  ids?: readonly string[]
  /**
   * The layers whose counts stand for their field; default the catalogues no other one extends.
   * When several stand for one field, later ones are keyed by their own id.
   */
  tops?: readonly string[]
}

const zero = (): StatusTotals => ({ N: 0, SH: 0, L: 0, '?': 0 })

/** The provenance of one resolution. */
export function provenanceOf(r: LayerResolution): CatalogueProvenance {
  const c = r.catalogue
  return {
    id: c.id,
    extends: c.extends ? { id: c.extends.id, version: c.extends.version } : null,
    entries: c.entries.map((e): EntryProvenance => {
      const trace = r.entries.get(e.id)
      const out: EntryProvenance = {
        id: e.id,
        status: e.source.status,
        layer: trace?.layer ?? c.id,
        copies: e.source.copies ?? [],
      }
      if (e.source.note) out.note = e.source.note
      if (trace?.overrides.length)
        out.overrides = trace.overrides.map((o) => ({
          property: o.property,
          layer: o.layer,
          status: o.source.status,
        }))
      return out
    }),
  }
}

/** Status counts of a catalogue's entries. */
export function statusTotals(catalogue: Catalogue): StatusTotals {
  const t = zero()
  for (const e of catalogue.entries) t[e.source.status]++
  return t
}

/**
 * Where every entry of the given catalogues comes from (status, adding layer, copies, note), and
 * per field the status totals of its top layer.
 * @example provenance(layers, { ids: ['social_assistance.changning-2021'] }).value.totals.social_assistance // { N: 0, SH: 0, L: 12, '?': 3 }
 */
export function provenance(
  catalogues: Iterable<Catalogue>,
  options: ProvenanceOptions = {}
): CatalogueResult<Provenance> {
  const list = [...catalogues]
  const all = resolveCatalogues(list, options)
  const errors: CatalogueError[] = [...all.errors]
  const ids = options.ids ?? list.map((c) => c.id)
  const picked: LayerResolution[] = []
  for (const id of ids) {
    const r = all.resolutions.get(id)
    if (r) picked.push(r)
    else if (!list.some((c) => c.id === id))
      errors.push({
        pointer: '',
        catalogue: id,
        keyword: 'reference',
        message: `没有 id 为 "${id}" 的目录`,
      })
  }
  if (errors.length) return { ok: false, errors }
  const extended = new Set(list.flatMap((c) => (c.extends ? [c.extends.id] : [])))
  const tops =
    options.tops ?? (options.ids ? ids : list.map((c) => c.id).filter((id) => !extended.has(id)))
  const totals: Record<string, StatusTotals> = {}
  for (const id of tops) {
    const r = all.resolutions.get(id)
    if (!r) continue
    const field = r.catalogue.field ?? r.catalogue.id
    totals[field in totals ? r.catalogue.id : field] = statusTotals(r.catalogue)
  }
  return { ok: true, value: { catalogues: picked.map(provenanceOf), totals } }
}
