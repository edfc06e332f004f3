import type {
  Catalogue,
  CatalogueEntry,
  EntrySource,
  LayerOperation,
  RemovedEntry,
} from '@gongkai/schema'
import { validateCatalogue } from '@gongkai/schema'
import type { CatalogueError, CatalogueResult } from './catalogue-error.js'
import { loadCatalogue } from './load-catalogue.js'
import { CATALOGUE_KEY_ORDER, ordered } from './table-codec.js'

/** Where the catalogues a layer extends are found: a list, a map by id, or a lookup. */
export type CatalogueSource =
  | Iterable<Catalogue>
  | ReadonlyMap<string, Catalogue>
  | ((id: string) => Catalogue | undefined)

/** Options of `resolveCatalogue` and `resolveLayers`. */
export interface ResolveOptions {
  /** File name of a catalogue id, put on errors; default none (errors carry the catalogue id). */
  fileOf?: (id: string) => string | undefined
  /** Validate every layer and the result against the catalogue schema; default true. */
  validate?: boolean
}

/** One override applied to a resolved entry. */
export interface OverrideTrace {
  /** Id of the layer holding the operation. */
  layer: string
  /** Pointer of the operation in that layer, e.g. `/operations/2`. */
  pointer: string
  property: string
  source: EntrySource
}

/** Where one resolved entry comes from. */
export interface EntryTrace {
  /** Id of the catalogue (base or layer) that added the entry. */
  layer: string
  /** Pointer of the entry there: `/entries/3` in a base, `/operations/2/entry` in a layer. */
  pointer: string
  /** Overrides applied to it, in the order applied. */
  overrides: OverrideTrace[]
}

/** A resolved layer with the trace of every entry. */
export interface LayerResolution {
  /** The resolved catalogue: entries inherited and changed, no operations, removed ids listed. */
  catalogue: Catalogue
  /** Ids from the bottom catalogue up to this one. */
  chain: string[]
  /** The raw catalogues of the chain, bottom first. */
  layers: Catalogue[]
  /** Trace of every resolved entry, by entry id. */
  entries: ReadonlyMap<string, EntryTrace>
}

/** Catalogue properties a layer keeps to itself rather than inheriting from its base. */
const OWN = new Set([
  'id',
  'title',
  'version',
  'source',
  'extends',
  'operations',
  'entries',
  'removed',
])
/** Properties a layer must share with the catalogue it extends. */
const SAME = ['kind', 'field', 'sector'] as const

/** A lookup function over any catalogue source. */
export function catalogueLookup(source: CatalogueSource): (id: string) => Catalogue | undefined {
  if (typeof source === 'function') return source
  if (source instanceof Map) return (id) => source.get(id)
  const byId = new Map<string, Catalogue>()
  for (const c of source as Iterable<Catalogue>) if (!byId.has(c.id)) byId.set(c.id, c)
  return (id) => byId.get(id)
}

/** True for a layer still to resolve: it has operations (a resolved catalogue has none). */
export const isLayer = (c: Catalogue): boolean =>
  c.extends !== undefined && c.operations !== undefined

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1')
const unesc = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~')

/**
 * The ids of a layer's chain, bottom first, without resolving or validating it; an error when a
 * base is missing, the version differs or the chain loops.
 */
export function layerChain(
  id: string,
  source: CatalogueSource,
  options: Pick<ResolveOptions, 'fileOf'> = {}
): CatalogueResult<Catalogue[]> {
  const get = catalogueLookup(source)
  const fail = (catalogue: string, e: Omit<CatalogueError, 'catalogue'>) => {
    const file = options.fileOf?.(catalogue)
    return { ok: false as const, errors: [{ ...(file ? { file } : {}), catalogue, ...e }] }
  }
  let current = get(id)
  if (!current)
    return fail(id, {
      pointer: '',
      keyword: 'reference',
      message: `没有 id 为 "${id}" 的目录`,
      expected: 'a catalogue id',
      actual: JSON.stringify(id),
    })
  const chain: Catalogue[] = [current]
  while (isLayer(current)) {
    const ext = current.extends as { id: string; version: string }
    if (chain.some((c) => c.id === ext.id))
      return fail(current.id, {
        pointer: '/extends/id',
        keyword: 'cycle',
        message: `目录层级成环：${[...chain.map((c) => c.id)].reverse().join(' → ')} → ${ext.id}`,
        expected: 'a chain of layers that ends in a catalogue without extends',
        actual: JSON.stringify(ext.id),
      })
    const base = get(ext.id)
    if (!base)
      return fail(current.id, {
        pointer: '/extends/id',
        keyword: 'reference',
        message: `所扩展的目录 "${ext.id}" 不存在`,
        expected: 'the id of a catalogue',
        actual: JSON.stringify(ext.id),
      })
    if (base.version !== ext.version)
      return fail(current.id, {
        pointer: '/extends/version',
        keyword: 'version',
        message: `所扩展的目录 "${ext.id}" 版本为 "${base.version}"，本层写的是 "${ext.version}"（版本须完全一致）`,
        expected: JSON.stringify(base.version),
        actual: JSON.stringify(ext.version),
      })
    chain.unshift(base)
    current = base
  }
  return { ok: true, value: chain }
}

/**
 * Resolves a layer: the entries of the catalogue it extends (itself resolved first), changed by its
 * operations in order, with a trace of where each entry comes from. Deterministic: inherited
 * entries keep their order, added ones follow in the order added. Refuses, with pointers, cycles,
 * missing bases, version mismatches, operations on ids that do not exist (or were removed: removed
 * ids stay reserved), layers of another kind or field, and results the schema refuses (the pointer
 * then names the operation that set the value). A catalogue that is not a layer resolves to itself.
 */
export function resolveLayers(
  id: string,
  source: CatalogueSource,
  options: ResolveOptions = {}
): CatalogueResult<LayerResolution> {
  return resolveWith(id, source, options, new WeakMap())
}

function resolveWith(
  id: string,
  source: CatalogueSource,
  options: ResolveOptions,
  // Schema errors per raw layer, so resolving every layer validates each file once.
  checked: WeakMap<Catalogue, CatalogueError[]>
): CatalogueResult<LayerResolution> {
  const chainResult = layerChain(id, source, options)
  if (!chainResult.ok) return chainResult
  const layers = chainResult.value
  const errors: CatalogueError[] = []
  const error = (catalogue: string, e: Omit<CatalogueError, 'catalogue'>) => {
    const file = options.fileOf?.(catalogue)
    errors.push({ ...(file ? { file } : {}), catalogue, ...e })
  }
  if (options.validate !== false)
    for (const layer of layers) {
      let found = checked.get(layer)
      if (!found) {
        const r = loadCatalogue(layer)
        found = r.ok ? [] : r.errors
        checked.set(layer, found)
      }
      for (const e of found) error(layer.id, e)
    }
  if (errors.length) return { ok: false, errors }

  const bottom = layers[0] as Catalogue
  const entries = new Map<string, CatalogueEntry>()
  const traces = new Map<string, EntryTrace>()
  bottom.entries.forEach((e, i) => {
    entries.set(e.id, e)
    traces.set(e.id, { layer: bottom.id, pointer: `/entries/${i}`, overrides: [] })
  })
  const removed = new Map<string, RemovedEntry>((bottom.removed ?? []).map((r) => [r.id, r]))
  let meta: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(bottom)) if (!OWN.has(k)) meta[k] = v

  for (let l = 1; l < layers.length; l++) {
    const layer = layers[l] as Catalogue
    const base = layers[l - 1] as Catalogue
    for (const key of SAME)
      if (layer[key] !== base[key])
        error(layer.id, {
          pointer: `/${key}`,
          keyword: 'layer',
          message: `层的 ${key} 须与所扩展的目录 "${base.id}" 相同（${JSON.stringify(base[key])}）`,
          expected: JSON.stringify(base[key]),
          actual: JSON.stringify(layer[key]),
        })
    const missing = (pointer: string, entryId: string) => {
      const gone = removed.get(entryId)
      error(layer.id, {
        pointer,
        keyword: 'reference',
        message: gone
          ? `条目 "${entryId}" 已被 ${gone.layer} 删除（删除的 id 保留，不能再用）`
          : `继承的条目中没有 id 为 "${entryId}" 的条目`,
        expected: 'the id of an inherited entry',
        actual: JSON.stringify(entryId),
      })
    }
    ;(layer.operations ?? []).forEach((op: LayerOperation, i) => {
      const p = `/operations/${i}`
      if (op.op === 'add') {
        const entryId = op.entry.id
        const gone = removed.get(entryId)
        if (entries.has(entryId) || gone)
          error(layer.id, {
            pointer: `${p}/entry/id`,
            keyword: gone ? 'reserved' : 'unique',
            message: gone
              ? `条目 id "${entryId}" 已被 ${gone.layer} 删除，删除的 id 保留，不能再用`
              : `条目 id "${entryId}" 已存在（来自 ${traces.get(entryId)?.layer}）`,
            expected: 'an unused entry id',
            actual: JSON.stringify(entryId),
          })
        else {
          entries.set(entryId, op.entry)
          traces.set(entryId, { layer: layer.id, pointer: `${p}/entry`, overrides: [] })
        }
      } else if (op.op === 'remove') {
        if (!entries.has(op.entryId)) missing(`${p}/entryId`, op.entryId)
        else {
          entries.delete(op.entryId)
          traces.delete(op.entryId)
          removed.set(op.entryId, {
            id: op.entryId,
            reason: op.reason,
            layer: layer.id,
            source: op.source,
          })
        }
      } else if (op.op === 'override') {
        const entry = entries.get(op.entryId)
        if (!entry) missing(`${p}/entryId`, op.entryId)
        else {
          // Map.set on an existing key keeps its place, so the order stays the inherited one.
          entries.set(op.entryId, { ...entry, [op.property]: op.value })
          traces.get(op.entryId)?.overrides.push({
            layer: layer.id,
            pointer: p,
            property: op.property,
            source: op.source,
          })
        }
      } else
        error(layer.id, {
          pointer: `${p}/op`,
          keyword: 'enum',
          message: `未知的操作 ${JSON.stringify((op as { op?: unknown }).op)}`,
          expected: 'add, remove or override',
          actual: JSON.stringify((op as { op?: unknown }).op),
        })
    })
    const next: Record<string, unknown> = { ...meta }
    for (const [k, v] of Object.entries(layer)) if (!OWN.has(k)) next[k] = v
    meta = next
  }
  if (errors.length) return { ok: false, errors }

  const top = layers[layers.length - 1] as Catalogue
  const chain = layers.map((c) => c.id)
  if (layers.length === 1)
    return { ok: true, value: { catalogue: top, chain, layers, entries: traces } }
  const resolvedEntries = [...entries.values()]
  const catalogue = ordered(
    {
      ...meta,
      id: top.id,
      title: top.title,
      version: top.version,
      ...(top.source ? { source: top.source } : {}),
      extends: top.extends,
      entries: resolvedEntries,
      ...(removed.size ? { removed: [...removed.values()] } : {}),
    },
    CATALOGUE_KEY_ORDER
  ) as unknown as Catalogue

  // Every inherited and added entry was validated in its own file (an add operation's entry is a
  // schema entry), and so was every catalogue property: only an override puts an unchecked value
  // into the result, so only then does the result need its own pass.
  const overrides = layers.some((l) => l.operations?.some((op) => op.op === 'override'))
  if (options.validate !== false && overrides) {
    const r = validateCatalogue(catalogue)
    if (!r.ok)
      for (const e of r.errors) {
        const where = pointerInLayers(e.pointer, resolvedEntries, traces, top.id)
        error(where.catalogue, { ...e, pointer: where.pointer })
      }
    if (errors.length) return { ok: false, errors }
  }
  return { ok: true, value: { catalogue, chain, layers, entries: traces } }
}

/** Maps a pointer in the resolved catalogue to the layer and pointer that set that value. */
function pointerInLayers(
  pointer: string,
  entries: readonly CatalogueEntry[],
  traces: ReadonlyMap<string, EntryTrace>,
  topId: string
): { catalogue: string; pointer: string } {
  const m = /^\/entries\/(\d+)(?:\/([^/]*))?(.*)$/.exec(pointer)
  const entry = m ? entries[Number(m[1])] : undefined
  const trace = entry ? traces.get(entry.id) : undefined
  if (!m || !trace) return { catalogue: topId, pointer }
  const property = m[2] === undefined ? undefined : unesc(m[2])
  const override = [...trace.overrides].reverse().find((o) => o.property === property)
  if (override) return { catalogue: override.layer, pointer: `${override.pointer}/value${m[3]}` }
  const rest = property === undefined ? '' : `/${esc(property)}${m[3]}`
  return { catalogue: trace.layer, pointer: `${trace.pointer}${rest}` }
}

/**
 * The resolved catalogue of a layer (see `resolveLayers`); a catalogue that is not a layer is
 * returned as it is.
 * @example resolveCatalogue('social_assistance.sh', bundledLayers) // { ok: true, value: { id: 'social_assistance.sh', extends, entries } }
 */
export function resolveCatalogue(
  id: string,
  source: CatalogueSource,
  options: ResolveOptions = {}
): CatalogueResult<Catalogue> {
  const r = resolveLayers(id, source, options)
  return r.ok ? { ok: true, value: r.value.catalogue } : r
}

/** Every catalogue of a collection resolved, and the errors of those that do not resolve. */
export interface ResolveAllResult {
  /** The resolved catalogues, in the order given. */
  catalogues: Catalogue[]
  /** Resolution of each, by id. */
  resolutions: Map<string, LayerResolution>
  /** Errors of the catalogues left out. */
  errors: CatalogueError[]
}

/** Resolves every catalogue of a collection (layers and plain catalogues), validating each file once. */
export function resolveCatalogues(
  catalogues: Iterable<Catalogue>,
  options: ResolveOptions = {}
): ResolveAllResult {
  const list = [...catalogues]
  const get = catalogueLookup(list)
  const checked = new WeakMap<Catalogue, CatalogueError[]>()
  const out: ResolveAllResult = { catalogues: [], resolutions: new Map(), errors: [] }
  for (const c of list) {
    const r = resolveWith(c.id, get, options, checked)
    if (r.ok) {
      out.catalogues.push(r.value.catalogue)
      out.resolutions.set(c.id, r.value)
    } else out.errors.push(...r.errors)
  }
  // A broken base is reported once, not once per layer above it.
  const seen = new Set<string>()
  out.errors = out.errors.filter((e) => {
    const key = `${e.catalogue}#${e.pointer}#${e.keyword}#${e.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return out
}
