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
export function prepareCatalogue(
  catalogue: Catalogue,
  org: string | null = null
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
    },
    json: JSON.stringify(catalogue),
    entries,
    org,
  }
}

/**
 * Opens the registry: `base` catalogues are prepared once; instantiated ones are read from the
 * store on a miss (another process may have created them) and then kept, since a stored
 * catalogue never changes.
 */
export function openCatalogueRegistry(
  db: Queryable,
  base: readonly Catalogue[]
): CatalogueRegistry {
  const prepared = new Map<string, PreparedCatalogue>()
  for (const c of [...base].sort((a, b) => a.id.localeCompare(b.id)))
    prepared.set(c.id, prepareCatalogue(c))
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
