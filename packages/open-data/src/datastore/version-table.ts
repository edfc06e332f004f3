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

/** DDL of a version table: a STRICT table, rowid = order of the source rows. */
export function createTableSql(table: string, schema: TableSchema): string {
  const cols = schema.fields.map((f, k) => `${col(k)} ${sqlTypeOf(f.type)}`).join(', ')
  return `CREATE TABLE "${table}" (${cols}) STRICT`
}

/** DDL of the indexes (primary key, filter columns) and the trigram FTS5 index, run after the bulk insert. */
export function indexSql(
  table: string,
  schema: TableSchema,
  primaryKey: number[],
  filters: number[]
): string[] {
  const out: string[] = []
  if (primaryKey.length > 0) {
    out.push(`CREATE UNIQUE INDEX "${table}_pk" ON "${table}" (${primaryKey.map(col).join(', ')})`)
  }
  for (const k of new Set(filters)) {
    if (primaryKey.length === 1 && primaryKey[0] === k) continue
    out.push(`CREATE INDEX "${table}_f${k}" ON "${table}" (${col(k)})`)
  }
  const text = textColumns(schema)
  if (text.length > 0) {
    // External content: the index holds trigrams only; `rebuild` fills it in one pass in C.
    out.push(
      `CREATE VIRTUAL TABLE "${ftsName(table)}" USING fts5(${text.map(col).join(', ')}, content='${table}', content_rowid='rowid', tokenize='trigram')`,
      `INSERT INTO "${ftsName(table)}" ("${ftsName(table)}") VALUES ('rebuild')`
    )
  }
  return out
}

/** Placeholder list for an insert of every field. */
export function insertSql(table: string, schema: TableSchema): string {
  const n = schema.fields.length
  return `INSERT INTO "${table}" (${schema.fields.map((_, k) => col(k)).join(', ')}) VALUES (${Array.from({ length: n }, () => '?').join(', ')})`
}
