import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import { deepEqual } from './deep-equal.js'

/** One changed value: JSON pointer relative to the entry (or catalogue), before and after. */
export interface FieldChange {
  path: string
  /** Absent (undefined) when the value was added. */
  before: unknown
  /** Absent (undefined) when the value was removed. */
  after: unknown
}

/** Differences between two versions of a catalogue, keyed by entry id. */
export interface CatalogueDiff {
  /** Entries only in `b`, in `b` order. */
  added: CatalogueEntry[]
  /** Entries only in `a`, in `a` order. */
  removed: CatalogueEntry[]
  /** Entries in both that differ, in `b` order, with field-level changes. */
  changed: { id: string; changes: FieldChange[] }[]
  /** Number of entries equal in both. */
  unchanged: number
  /** Changes of the catalogue's own fields (title, version, guideline …), entries excluded. */
  catalogue: FieldChange[]
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1')
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Field-level changes between two JSON values, deepest differing paths, deterministic order. */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (deepEqual(before, after)) return []
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => diffValues(before[k], after[k], `${path}/${esc(k)}`))
  }
  // Arrays of equal length (e.g. channels with one flag changed) diff element by element;
  // otherwise the whole list changed, which reads better than a cascade of shifted items.
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length)
    return before.flatMap((v, i) => diffValues(v, after[i], `${path}/${i}`))
  return [{ path: path || '/', before, after }]
}

/**
 * Entries added, removed and changed between two versions of a catalogue, keyed by entry id.
 * @example diff(v2020, v2021).changed[0] // { id: 'admission.scope', changes: [{ path: '/timeLimit/amount', before: 20, after: 10 }] }
 */
export function diff(a: Catalogue, b: Catalogue): CatalogueDiff {
  const inA = new Map(a.entries.map((e) => [e.id, e]))
  const inB = new Map(b.entries.map((e) => [e.id, e]))
  const out: CatalogueDiff = { added: [], removed: [], changed: [], unchanged: 0, catalogue: [] }
  for (const e of b.entries) {
    const old = inA.get(e.id)
    if (!old) {
      out.added.push(e)
      continue
    }
    const changes = diffValues(old, e)
    if (changes.length === 0) out.unchanged++
    else out.changed.push({ id: e.id, changes })
  }
  for (const e of a.entries) if (!inB.has(e.id)) out.removed.push(e)
  const { entries: _a, ...metaA } = a
  const { entries: _b, ...metaB } = b
  out.catalogue = diffValues(metaA, metaB)
  return out
}
