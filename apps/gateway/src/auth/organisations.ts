import type { Queryable, Store } from '@gongkai/store'
import { gatewayMigrations } from '../migrations.js'

/**
 * An organisation: a row of the store. The workspace's `organisation` is the first; an operator adds
 * more with `gongkai org add <id> --name <name>`. Its members are its tokens (no user accounts).
 */
export interface Organisation {
  id: string
  name: string
  createdAt: string
}

interface Row {
  id: string
  name: string
  created_at: string
}

const toOrganisation = (r: Row): Organisation => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
})

// The CLI calls these on a store the gateway may never have opened: migrate first.
async function ensureTables(db: Queryable): Promise<void> {
  if ('migrate' in db) await (db as Store).migrate(gatewayMigrations)
}

/**
 * Registers `org` when absent (the workspace's organisation, at every start). A row that the
 * upgrade migration named after its id only gets the configured name.
 */
export async function ensureOrganisation(
  db: Queryable,
  org: { id: string; name: string },
  now: Date = new Date()
): Promise<void> {
  await db.run(
    `INSERT INTO gateway_organisations (id, name, created_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE gateway_organisations.name = gateway_organisations.id`,
    [org.id, org.name, now.toISOString()]
  )
}

/**
 * Adds an organisation (`gongkai org add`); `taken` when the id is already registered. Migrates the
 * gateway tables first, so it works on a fresh store.
 */
export async function addOrganisation(
  store: Store,
  org: { id: string; name: string },
  now: Date = new Date()
): Promise<{ ok: true; organisation: Organisation } | { ok: false; reason: 'taken' }> {
  await ensureTables(store)
  const r = await store.run(
    'INSERT INTO gateway_organisations (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
    [org.id, org.name, now.toISOString()]
  )
  if (r.changes === 0) return { ok: false, reason: 'taken' }
  return { ok: true, organisation: { ...org, createdAt: now.toISOString() } }
}

/** Every organisation, oldest first (the workspace's own is the first). */
export async function listOrganisations(db: Queryable): Promise<Organisation[]> {
  await ensureTables(db)
  const rows = await db.all<Row>(
    'SELECT id, name, created_at FROM gateway_organisations ORDER BY created_at, id'
  )
  return rows.map(toOrganisation)
}

/** One organisation by id. */
export async function getOrganisation(
  db: Queryable,
  id: string
): Promise<Organisation | undefined> {
  const row = await db.get<Row>(
    'SELECT id, name, created_at FROM gateway_organisations WHERE id = ?',
    [id]
  )
  return row ? toOrganisation(row) : undefined
}
