import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import { deepEqual } from './deep-equal.js'
import { formatCell, normCell, parseCells } from './table-cells.js'
import { type Column, type ColumnRole, resolveColumns } from './table-columns.js'

/** Entry key each printed column role carries. */
export const ROLE_KEY: Partial<Record<ColumnRole, keyof CatalogueEntry>> = {
  seq: 'seq',
  category: 'category',
  code: 'code',
  level1: 'item',
  level2: 'item',
  level3: 'item',
  content: 'contentElements',
  basis: 'legalBasis',
  timeLimit: 'timeLimit',
  bodies: 'responsibleBodies',
  channels: 'channels',
  general: 'audience',
  specific: 'audience',
  audience: 'audience',
  proactive: 'modes',
  on_request: 'modes',
  modes: 'modes',
  level: 'levels',
  levels: 'levels',
  duration: 'duration',
  scope: 'scope',
  fiveOpenness: 'fiveOpenness',
  contactPhone: 'contactPhone',
  contentCategory: 'contentCategory',
}

/** Schema order of entry keys, so imported entries read like hand-written ones. */
export const ENTRY_KEY_ORDER = [
  'id',
  'seq',
  'code',
  'category',
  'item',
  'contentElements',
  'legalBasis',
  'timeLimit',
  'duration',
  'scope',
  'responsibleBodies',
  'channels',
  'audience',
  'modes',
  'levels',
  'fiveOpenness',
  'contactPhone',
  'privacy',
  'contentCategory',
  'recordSchema',
  'source',
]

/** Schema order of catalogue keys. */
export const CATALOGUE_KEY_ORDER = [
  '$schema',
  'id',
  'title',
  'description',
  'kind',
  'template',
  'placeholders',
  'instanceOf',
  'field',
  'sector',
  'organisation',
  'guideline',
  'sectorRule',
  'supervisor',
  'complaintChannel',
  'compiler',
  'version',
  'effectiveFrom',
  'extraColumns',
  'source',
  'extends',
  'operations',
  'entries',
  'removed',
]

/** Copy of an object with keys in the given order (unknown keys last). */
export function ordered<T extends object>(value: T, order: readonly string[]): T {
  const src = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const k of order) if (src[k] !== undefined) out[k] = src[k]
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k]
  return out as T
}

/**
 * The printed cells of an entry and the overlay of what they cannot carry losslessly: every
 * unprinted field, and every printed field that would not read back equal (null = "absent").
 */
export function encodeEntry(
  entry: CatalogueEntry,
  columns: readonly Column[]
): { cells: string[]; overlay: Record<string, unknown> } {
  const cells = columns.map((c) =>
    c.role === '_id' || c.role === '_gongkai' ? '' : formatCell(entry, c)
  )
  const printed = new Set(columns.map((c) => ROLE_KEY[c.role]).filter(Boolean))
  // Read back with the columns an importer resolves from the header text alone.
  const { fields } = parseCells(cells.map(normCell), readColumns(columns))
  const back = fields as Record<string, unknown>
  const src = entry as unknown as Record<string, unknown>
  const overlay: Record<string, unknown> = {}
  for (const key of Object.keys(src)) {
    if (key === 'id') continue
    if (!printed.has(key as keyof CatalogueEntry) || !deepEqual(back[key], src[key]))
      overlay[key] = src[key]
  }
  for (const key of Object.keys(back)) if (!(key in src)) overlay[key] = null
  return { cells, overlay }
}

const resolved = new WeakMap<readonly Column[], (Column | undefined)[]>()

/** The columns `importTable` finds from the printed header rows of these columns. */
function readColumns(columns: readonly Column[]): (Column | undefined)[] {
  let out = resolved.get(columns)
  if (!out) {
    const top = columns.map((c, i) =>
      c.sub !== undefined && columns[i - 1]?.sub !== undefined && columns[i - 1]?.top === c.top
        ? ''
        : c.top
    )
    out = resolveColumns(
      top,
      columns.map((c) => c.sub ?? '')
    ).columns
    resolved.set(columns, out)
  }
  return out
}

/** Applies an overlay: values replace, null removes. */
export function applyOverlay(target: Record<string, unknown>, overlay: Record<string, unknown>) {
  for (const [k, v] of Object.entries(overlay)) {
    if (v === null) delete target[k]
    else target[k] = v
  }
}

/** Catalogue fields the table does not print (all but title and entries), plus title if lossy. */
export function catalogueOverlay(catalogue: Catalogue): Record<string, unknown> {
  const { entries: _entries, title, ...meta } = catalogue
  return normCell(title) === title && !title.includes('\n') ? meta : { ...meta, title }
}
