import { createHash } from 'node:crypto'
import type { TableSchema } from '@gongkai/schema'
import { sqlTypeOf } from '../ingest/field-caster.js'

/** Name of the typed table of one dataset version: `od_<hash of id>_v<n>`. */
export function versionTableName(datasetId: string, version: number): string {
  const hash = createHash('sha256').update(datasetId).digest('hex').slice(0, 12)
  return `od_${hash}_v${version}`
}

/** Column name of field `k` (positional, so any field name, Chinese or not, is safe in SQL). */
export const col = (k: number) => `c${k}`

/** Name of the FTS5 index of a version table. */
export const ftsName = (table: string) => `${table}_fts`

/** Positions of the fields the full-text index covers (string fields). */
export function textColumns(schema: TableSchema): number[] {
  return schema.fields.flatMap((f, k) => (f.type === 'string' ? [k] : []))
}

/**
 * DDL of a version table: a STRICT table whose rowid is each row's data-row number in the source
 * (see {@link insertSql}), so source order is rowid order and a skipped row leaves a gap.
 */
export function createTableSql(table: string, schema: TableSchema): string {
  const cols = schema.fields.map((f, k) => `${col(k)} ${sqlTypeOf(f.type)}`).join(', ')
  return `CREATE TABLE "${table}" (${cols}) STRICT`
}

/**
 * DDL of the trigram FTS5 index of a version table (external content: it holds trigrams only),
 * created empty with the table; {@link ftsFillSql} fills it batch by batch. Empty without text columns.
 */
export function ftsSql(table: string, schema: TableSchema): string[] {
  const text = textColumns(schema)
  if (text.length === 0) return []
  return [
    `CREATE VIRTUAL TABLE "${ftsName(table)}" USING fts5(${text.map(col).join(', ')}, content='${table}', content_rowid='rowid', tokenize='trigram')`,
  ]
}

/** Adds the rows after rowid `?` to the FTS index (undefined without text columns). */
export function ftsFillSql(table: string, schema: TableSchema): string | undefined {
  const text = textColumns(schema)
  if (text.length === 0) return undefined
  const cols = text.map(col).join(', ')
  return `INSERT INTO "${ftsName(table)}" (rowid, ${cols}) SELECT rowid, ${cols} FROM "${table}" WHERE rowid > ? ORDER BY rowid`
}

/**
 * DDL of the indexes (primary key, filter columns), each run in its own transaction after the
 * rows; without `withPrimaryKey` when the primary key's unique index was created with the table.
 */
export function indexSql(
  table: string,
  primaryKey: number[],
  filters: number[],
  withPrimaryKey = true
): string[] {
  const out: string[] = []
  if (withPrimaryKey && primaryKey.length > 0) {
    out.push(`CREATE UNIQUE INDEX "${table}_pk" ON "${table}" (${primaryKey.map(col).join(', ')})`)
  }
  for (const k of new Set(filters)) {
    if (primaryKey.length === 1 && primaryKey[0] === k) continue
    out.push(`CREATE INDEX "${table}_f${k}" ON "${table}" (${col(k)})`)
  }
  return out
}

/**
 * Insert of one row: its rowid (the 1-based data-row number in the source, header excluded,
 * which CKAN's `datastore_search` answers as `_id`) and then every field. With `orIgnore` a row
 * breaking a unique index is not inserted (the publish checks the keys that way).
 */
export function insertSql(table: string, schema: TableSchema, orIgnore = false): string {
  const n = schema.fields.length + 1
  return `INSERT${orIgnore ? ' OR IGNORE' : ''} INTO "${table}" (rowid, ${schema.fields.map((_, k) => col(k)).join(', ')}) VALUES (${Array.from({ length: n }, () => '?').join(', ')})`
}
