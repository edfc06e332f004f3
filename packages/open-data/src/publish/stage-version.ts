import type { Dataset, TableSchema } from '@gongkai/schema'
import type { Queryable, SqlValue } from '@gongkai/store'
import { createTableSql, ftsName, versionTableName } from '../datastore/version-table.js'

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

/** Staging versions older than this are leftovers of a crashed publish and are removed. */
const STALE_STAGING_MS = 60 * 60 * 1000

/**
 * Opens a new staging version of a dataset inside `tx`: removes stale leftovers of crashed
 * publishes, numbers the version, records it as `staging` and creates its empty table. Nothing
 * of it is visible until the version is made current.
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
): Promise<{ version: number; tableName: string }> {
  const { descriptor, schema } = input
  const id = descriptor.id
  const now = input.now.toISOString()
  if (input.expect !== undefined) await checkExpectation(tx, id, input.expect)
  // Leftovers of a publish that crashed between its two transactions.
  const stale = await tx.all<{ version: number; table_name: string }>(
    "SELECT version, table_name FROM od_versions WHERE dataset_id = ? AND status = 'staging' AND created_at < ?",
    [id, new Date(input.now.getTime() - STALE_STAGING_MS).toISOString()]
  )
  for (const v of stale) await dropVersion(tx, id, v.version, v.table_name)
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
    `INSERT INTO od_versions (dataset_id, version, status, table_name, descriptor, table_schema, source, created_at)
     VALUES (?, ?, 'staging', ?, ?, ?, ?, ?)`,
    [
      id,
      version,
      tableName,
      JSON.stringify(descriptor),
      JSON.stringify(schema),
      JSON.stringify(input.source),
      now,
    ]
  )
  await tx.exec(createTableSql(tableName, schema))
  return { version, tableName }
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

/** Removes a staging version: its table, FTS index and row. */
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
  })
}
