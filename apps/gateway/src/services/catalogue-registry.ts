import { formatCatalogueError, isLayer, resolveCatalogues } from '@gongkai/catalogue'
import { type LayerLevel, topLayersAt } from '@gongkai/catalogues'
import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import type { Queryable } from '@gongkai/store'

/** What `GET /api/v1/catalogues` lists for each catalogue. */
export interface CatalogueSummary {
  id: string
  title: string
  kind: Catalogue['kind']
  field: string | null
  sector: string | null
  template: boolean
  organisation: string | null
  version: string
  entryCount: number
  /** The catalogue this layer builds on (its entries are served resolved), or null. */
  extends: { id: string; version: string } | null
  /** True for the layer the workspace works on (its field's layer at the configured level). */
  top: boolean
}

/** A catalogue prepared for the hot path: entries by id, each already serialised. */
export interface PreparedCatalogue {
  catalogue: Catalogue
  summary: CatalogueSummary
  /** `JSON.stringify(catalogue)`, computed once. */
  json: string
  entries: Map<string, { entry: CatalogueEntry; json: string }>
  /**
   * The organisation that owns it: that of an instantiated (stored) catalogue; null for a bundled
   * one, which belongs to the workspace's organisation.
   */
  org: string | null
  /**
   * Ids of the catalogues that share its bottom catalogue, itself first: an entry keeps its id
   * across layers, so content bound to it in one layer is content of the same row in the others.
   */
  family: readonly string[]
}

/** Catalogue lookup shared by the API and the portal pages. */
export interface CatalogueRegistry {
  /** Every catalogue (bundled first, then the instantiated ones in the store), by id. */
  list(): Promise<PreparedCatalogue[]>
  get(id: string): Promise<PreparedCatalogue | undefined>
  /** Stores an instantiated catalogue (committee) of organisation `org` so every process serves it. */
  add(
    db: Queryable,
    catalogue: Catalogue,
    meta: { name: string; at: string; tokenId: string | null; org: string }
  ): Promise<PreparedCatalogue>
}

/** Prepares one catalogue: summary, serialised JSON, entry map. */
function prepareCatalogue(
  catalogue: Catalogue,
  org: string | null = null,
  layer: { top: boolean; family: readonly string[] } = { top: true, family: [catalogue.id] }
): PreparedCatalogue {
  const entries = new Map<string, { entry: CatalogueEntry; json: string }>()
  for (const entry of catalogue.entries)
    entries.set(entry.id, { entry, json: JSON.stringify(entry) })
  return {
    catalogue,
    summary: {
      id: catalogue.id,
      title: catalogue.title,
      kind: catalogue.kind,
      field: catalogue.field ?? null,
      sector: catalogue.sector ?? null,
      template: catalogue.template === true,
      organisation: catalogue.organisation ?? null,
      version: catalogue.version,
      entryCount: catalogue.entries.length,
      extends: catalogue.extends
        ? { id: catalogue.extends.id, version: catalogue.extends.version }
        : null,
      top: layer.top,
    },
    json: JSON.stringify(catalogue),
    entries,
    org,
    family: layer.family,
  }
}

/**
 * The catalogues resolved: a layer still written as operations gets its inherited entries, so
 * entries are always served resolved. Throws, naming each problem, when a layer does not resolve.
 */
function resolvedOf(base: readonly Catalogue[]): readonly Catalogue[] {
  if (!base.some(isLayer)) return base
  const r = resolveCatalogues(base, { validate: false })
  if (r.errors.length)
    throw new Error(
      `the catalogues to serve do not resolve: ${r.errors.map(formatCatalogueError).join('; ')}`
    )
  return r.catalogues
}

/** Per catalogue, the ids of those with the same bottom catalogue (itself first). */
function familiesOf(list: readonly Catalogue[]): Map<string, string[]> {
  const byId = new Map(list.map((c) => [c.id, c]))
  const bottomOf = (c: Catalogue) => {
    const seen = new Set<string>()
    let at = c
    while (at.extends && !seen.has(at.id)) {
      seen.add(at.id)
      const next = byId.get(at.extends.id)
      if (!next) break
      at = next
    }
    return at.id
  }
  const groups = new Map<string, string[]>()
  for (const c of list) {
    const b = bottomOf(c)
    groups.set(b, [...(groups.get(b) ?? []), c.id])
  }
  const out = new Map<string, string[]>()
  for (const ids of groups.values())
    for (const id of ids) out.set(id, [id, ...ids.filter((x) => x !== id)])
  return out
}

/**
 * Opens the registry: `base` catalogues are resolved and prepared once, each marked as the
 * workspace's top layer or not at `level`; instantiated ones are read from the store on a miss
 * (another process may have created them) and then kept, since a stored catalogue never changes.
 */
export function openCatalogueRegistry(
  db: Queryable,
  base: readonly Catalogue[],
  level?: LayerLevel
): CatalogueRegistry {
  const list = [...resolvedOf(base)].sort((a, b) => a.id.localeCompare(b.id))
  const top = new Set(topLayersAt(list, level).map((c) => c.id))
  const families = familiesOf(list)
  const prepared = new Map<string, PreparedCatalogue>()
  for (const c of list)
    prepared.set(
      c.id,
      prepareCatalogue(c, null, { top: top.has(c.id), family: families.get(c.id) ?? [c.id] })
    )
  const baseIds = new Set(prepared.keys())
  const stored = new Map<string, PreparedCatalogue>()

  const load = async (id: string): Promise<PreparedCatalogue | undefined> => {
    const row = await db.get<{ json: string; org: string | null }>(
      'SELECT json, org FROM gateway_catalogues WHERE id = ?',
      [id]
    )
    if (!row) return undefined
    const p = prepareCatalogue(JSON.parse(row.json) as Catalogue, row.org)
    stored.set(id, p)
    return p
  }

  return {
    async list() {
      const ids = await db.all<{ id: string }>(
        'SELECT id FROM gateway_catalogues ORDER BY created_at, id'
      )
      const out = [...prepared.values()]
      for (const { id } of ids) {
        if (baseIds.has(id)) continue
        const p = stored.get(id) ?? (await load(id))
        if (p) out.push(p)
      }
      return out
    },
    async get(id) {
      return prepared.get(id) ?? stored.get(id) ?? (await load(id))
    },
    async add(tx, catalogue, meta) {
      await tx.run(
        'INSERT INTO gateway_catalogues (id, kind, name, json, created_at, token_id, org) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          catalogue.id,
          catalogue.kind,
          meta.name,
          JSON.stringify(catalogue),
          meta.at,
          meta.tokenId,
          meta.org,
        ]
      )
      const p = prepareCatalogue(catalogue, meta.org)
      stored.set(catalogue.id, p)
      return p
    },
  }
}
