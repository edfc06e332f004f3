import { hostname } from 'node:os'
import type { Dataset, TableSchema } from '@gongkai/schema'
import type { Queryable, SqlValue } from '@gongkai/store'
import { createTableSql, ftsName, ftsSql, versionTableName } from '../datastore/version-table.js'
import { faultPoint } from './fault-point.js'

/**
 * What a publish expects of the dataset when it stages its version: `new` (no dataset holds the
 * id) or `{ publisher }` (the dataset exists and that organisation publishes it).
 */
export type PublishExpectation = 'new' | { publisher: string }

/** Thrown inside the staging transaction when the dataset is not as the publish expected. */
export class ExpectationFailed extends Error {
  constructor(
    readonly expected: PublishExpectation,
    message: string
  ) {
    super(message)
    this.name = 'ExpectationFailed'
  }
}

/** Thrown when another publish of the same dataset is staging (its heartbeat is fresh). */
export class PublishInProgress extends Error {
  constructor(
    readonly datasetId: string,
    readonly version: number
  ) {
    super(
      `dataset "${datasetId}" is being published (version ${version} is staging); try again when it is done`
    )
    this.name = 'PublishInProgress'
  }
}

/** A running publish beats its staging version's heartbeat this often. */
export const HEARTBEAT_MS = 5_000

/**
 * A staging version whose heartbeat is older than this is a crashed publish's leftover (kill -9,
 * power loss) and is removed; a live publish beats every {@link HEARTBEAT_MS}.
 */
const STALE_STAGING_MS = 60_000

/** A staging version removed as a leftover: its files (if any were written) must go too. */
export interface DroppedStaging {
  datasetId: string
  version: number
}

/** This process, as recorded in the `owner` of the versions it stages. */
const OWNER = `${hostname()}:${process.pid}`

/** True when `owner` (host:pid) names a process of this host that no longer runs. */
function deadOwner(owner: string | null): boolean {
  if (!owner) return false
  const at = owner.lastIndexOf(':')
  const host = owner.slice(0, at)
  const pid = Number(owner.slice(at + 1))
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (err) {
    // EPERM: the process exists (another user's); only ESRCH says it is gone.
    return (err as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/**
 * Removes every leftover staging version (of any dataset): its heartbeat stopped
 * ({@link STALE_STAGING_MS}), or its owner is a process of this host that died (kill -9), which
 * is known at once. Drops their tables, FTS indexes and rows; returns them so the caller removes
 * their files.
 */
export async function dropStaleStaging(tx: Queryable, now: Date): Promise<DroppedStaging[]> {
  const staging = await tx.all<{
    dataset_id: string
    version: number
    table_name: string
    heartbeat: string
    owner: string | null
  }>(
    "SELECT dataset_id, version, table_name, coalesce(heartbeat_at, created_at) AS heartbeat, owner FROM od_versions WHERE status = 'staging'"
  )
  const before = new Date(now.getTime() - STALE_STAGING_MS).toISOString()
  const stale = staging.filter((v) => v.heartbeat < before || deadOwner(v.owner))
  for (const v of stale) await dropVersion(tx, v.dataset_id, v.version, v.table_name)
  return stale.map((v) => ({ datasetId: v.dataset_id, version: v.version }))
}

/** Marks a staging version as alive (a publish calls it every {@link HEARTBEAT_MS}). */
export async function beat(tx: Queryable, id: string, version: number, now: Date): Promise<void> {
  await tx.run(
    "UPDATE od_versions SET heartbeat_at = ? WHERE dataset_id = ? AND version = ? AND status = 'staging'",
    [now.toISOString(), id, version]
  )
}

/**
 * Opens a new staging version of a dataset inside `tx`: removes stale leftovers of crashed
 * publishes (returned in `dropped`), refuses with {@link PublishInProgress} while another publish
 * of the dataset is staging, numbers the version, records it as `staging` with a heartbeat and
 * creates its empty table and FTS index. Nothing of it is visible until the version is made current.
 */
export async function stageVersion(
  tx: Queryable,
  input: {
    descriptor: Dataset
    schema: TableSchema
    source: unknown
    now: Date
    expect?: PublishExpectation
  }
): Promise<{ version: number; tableName: string; dropped: DroppedStaging[] }> {
  const { descriptor, schema } = input
  const id = descriptor.id
  const now = input.now.toISOString()
  if (input.expect !== undefined) await checkExpectation(tx, id, input.expect)
  // Leftovers of publishes that crashed (their heartbeat stopped), of any dataset.
  const dropped = await dropStaleStaging(tx, input.now)
  const live = await tx.get<{ version: number }>(
    "SELECT version FROM od_versions WHERE dataset_id = ? AND status = 'staging'",
    [id]
  )
  if (live) throw new PublishInProgress(id, live.version)
  const max = await tx.get<{ v: number | null }>(
    'SELECT max(version) AS v FROM od_versions WHERE dataset_id = ?',
    [id]
  )
  const version = (max?.v ?? 0) + 1
  const tableName = versionTableName(id, version)
  await tx.exec(`DROP TABLE IF EXISTS "${ftsName(tableName)}"; DROP TABLE IF EXISTS "${tableName}"`)
  await tx.run(
    `INSERT INTO od_datasets (id, title, openness, descriptor, current_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [id, descriptor.title, descriptor.openness, JSON.stringify(descriptor), now, now]
  )
  await tx.run(
    `INSERT INTO od_versions (dataset_id, version, status, table_name, descriptor, table_schema, source, created_at, heartbeat_at, owner)
     VALUES (?, ?, 'staging', ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      version,
      tableName,
      JSON.stringify(descriptor),
      JSON.stringify(schema),
      JSON.stringify(input.source),
      now,
      now,
      OWNER,
    ]
  )
  await tx.exec(createTableSql(tableName, schema))
  for (const sql of ftsSql(tableName, schema)) await tx.exec(sql)
  return { version, tableName, dropped }
}

/**
 * Checks `expect` inside the staging transaction, which the store serialises: of two publishes
 * that both found an id free (or a dataset theirs) just before, only one can stage.
 */
async function checkExpectation(tx: Queryable, id: string, expect: PublishExpectation) {
  const row = await tx.get<{ descriptor: string }>(
    'SELECT descriptor FROM od_datasets WHERE id = ?',
    [id]
  )
  if (expect === 'new') {
    if (row) throw new ExpectationFailed(expect, `dataset id "${id}" is taken`)
    return
  }
  const publisher = row
    ? (JSON.parse(row.descriptor) as { publisher?: { id?: string } }).publisher?.id
    : undefined
  if (publisher !== expect.publisher)
    throw new ExpectationFailed(expect, `dataset "${id}" is not published by "${expect.publisher}"`)
}

/** Removes a staging version: its table, FTS index and row, and its dataset's row if it has no other version. */
export async function dropVersion(
  tx: { exec(sql: string): Promise<void>; run(sql: string, p?: SqlValue[]): Promise<unknown> },
  id: string,
  version: number,
  table: string
): Promise<void> {
  await tx.exec(`DROP TABLE IF EXISTS "${ftsName(table)}"; DROP TABLE IF EXISTS "${table}"`)
  await tx.run(
    "DELETE FROM od_versions WHERE dataset_id = ? AND version = ? AND status = 'staging'",
    [id, version]
  )
  // A dataset the dropped version was creating goes with it (its id is free again).
  await tx.run(
    'DELETE FROM od_datasets WHERE id = ? AND NOT EXISTS (SELECT 1 FROM od_versions WHERE dataset_id = ?)',
    [id, id]
  )
}

/** The flip: one short transaction makes a staged version current, with its files recorded. */
export async function makeCurrent(
  store: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  input: { descriptor: Dataset; version: number; files: unknown; now: () => Date }
): Promise<void> {
  const { descriptor, version } = input
  await store.transaction(async (tx) => {
    await tx.run(
      "UPDATE od_versions SET status = 'published', published_at = ?, files = ? WHERE dataset_id = ? AND version = ? AND status = 'staging'",
      [input.now().toISOString(), JSON.stringify(input.files), descriptor.id, version]
    )
    await tx.run(
      'UPDATE od_datasets SET current_version = ?, title = ?, openness = ?, descriptor = ?, updated_at = ? WHERE id = ?',
      [
        version,
        descriptor.title,
        descriptor.openness,
        JSON.stringify(descriptor),
        input.now().toISOString(),
        descriptor.id,
      ]
    )
    // Both updates made, the commit not yet: a kill here must leave the previous version current.
    faultPoint('publish:flip')
  })
}
