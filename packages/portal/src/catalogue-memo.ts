import type { Catalogue } from '@gongkai/schema'
import { type EntryOrigin, entryOrigins, layerFamilies } from './catalogue-layers.js'

/** What a catalogue page derives from the list of catalogues alone (not from its own catalogue). */
export interface CatalogueFrame {
  /** Ids of the top layers: those the site works on. */
  top: ReadonlySet<string>
  /** The field switcher: each field's top layer. */
  fields: { code: string; catalogueId: string }[]
  /** Per catalogue id, the layers of its field, bottom first. */
  families: ReadonlyMap<string, Catalogue[]>
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Per-process memos of what catalogue pages derive from the catalogues. A catalogue is immutable
 * (a new version is a new object), and the source hands out the same objects while nothing
 * changes, so identity is the invalidation: a list with any other element, or a chain with any
 * other layer, is derived afresh. Checking costs one pointer comparison per catalogue.
 */
export function catalogueMemo() {
  let frame:
    | { all: readonly Catalogue[]; top: readonly string[]; value: CatalogueFrame }
    | undefined
  const origins = new WeakMap<
    Catalogue,
    { chain: readonly Catalogue[]; value: Map<string, EntryOrigin> }
  >()
  return {
    /** The page's frame for the list `all` and the top layers' ids `top`. */
    frame(all: readonly Catalogue[], top: readonly string[]): CatalogueFrame {
      if (frame && sameItems(frame.all, all) && sameItems(frame.top, top)) return frame.value
      const topSet = new Set(top)
      const value: CatalogueFrame = {
        top: topSet,
        fields: all
          .filter((x) => x.kind === 'standard' && x.field && !x.template && topSet.has(x.id))
          .map((x) => ({ code: x.field as string, catalogueId: x.id })),
        families: layerFamilies(all),
      }
      frame = { all, top, value }
      return value
    },
    /** {@link entryOrigins} of a chain (bottom first), kept per top catalogue while its chain stands. */
    origins(chain: readonly Catalogue[]): Map<string, EntryOrigin> {
      const top = chain[chain.length - 1]
      if (!top) return new Map()
      const hit = origins.get(top)
      if (hit && sameItems(hit.chain, chain)) return hit.value
      const value = entryOrigins(chain)
      origins.set(top, { chain, value })
      return value
    },
  }
}
