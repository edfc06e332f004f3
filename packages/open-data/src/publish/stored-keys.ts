import type { Queryable, SqlValue } from '@gongkai/store'
import { col } from '../datastore/version-table.js'
import type { CompiledTable } from '../ingest/compile-table.js'
import { type RowError, shortValue } from '../ingest/row-error.js'

/**
 * The primary key and unique columns of a publish, checked by the staging table itself instead of
 * a map of every key seen: a map grew with the file (130 MB of a 1M-row publish's 350 MB peak),
 * the table's unique indexes are on disk. The indexes exist before the first row, so a duplicate
 * is simply not inserted (`INSERT OR IGNORE`); as only valid rows that passed every key are in the
 * table, in source order, the row holding a key is the first valid row that used it: the same
 * answer, and the same message, as the map gave.
 */
export class StoredKeys {
  /** Field positions checked one by one (unique columns; not the primary key's only column). */
  private readonly uniques: number[]
  private readonly pk: number[]
  private readonly names: string

  constructor(
    private readonly table: CompiledTable,
    private readonly tableName: string,
    // Subtracted from a row number to give the stored row id.
    private readonly headerRow: number,
    private readonly file?: string
  ) {
    this.pk = table.primaryKey
    // A unique column that is also the whole primary key is checked once, as the primary key.
    const only = this.pk.length === 1 ? this.pk[0] : undefined
    this.uniques = table.fields.flatMap((f, k) => (f.unique && k !== only ? [k] : []))
    this.names = this.pk.map((i) => table.fields[i]?.field.name).join(', ')
  }

  /** True when the table has a primary key or unique column to check. */
  get any(): boolean {
    return this.pk.length > 0 || this.uniques.length > 0
  }

  /** The unique indexes, created on the empty staging table before the rows. */
  indexSql(): string[] {
    const t = this.tableName
    const out: string[] = []
    if (this.pk.length > 0)
      out.push(`CREATE UNIQUE INDEX "${t}_pk" ON "${t}" (${this.pk.map(col).join(', ')})`)
    for (const k of this.uniques) out.push(`CREATE UNIQUE INDEX "${t}_u${k}" ON "${t}" (${col(k)})`)
    return out
  }

  /** The row ids among the insert parameters `rows` (id first) that the table does not hold. */
  async missing(tx: Queryable, rows: readonly SqlValue[][]): Promise<Set<number>> {
    const ids = rows.map((r) => r[0] as number)
    const held = await tx.all<{ id: number }>(
      `SELECT rowid AS id FROM "${this.tableName}" WHERE rowid BETWEEN ? AND ?`,
      [ids[0] ?? 0, ids.at(-1) ?? 0]
    )
    const out = new Set(ids)
    for (const r of held) out.delete(r.id)
    return out
  }

  /**
   * The key errors of the row with number `row` and typed `values` (cells that failed their type
   * undefined): each unique column, then the primary key, whose value a stored
   * row before it holds. For a row the insert ignored, and for an invalid row (its duplicate key is
   * one more broken rule to report).
   */
  async conflicts(tx: Queryable, values: readonly unknown[], row: number): Promise<RowError[]> {
    const id = row - this.headerRow
    const errors: RowError[] = []
    const holder = async (cols: number[], key: unknown[]) => {
      const bound = key.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v) as SqlValue)
      const where = cols.map((k) => `${col(k)} = ?`).join(' AND ')
      const r = await tx.get<{ id: number }>(
        `SELECT rowid AS id FROM "${this.tableName}" WHERE ${where} AND rowid < ?`,
        [...bound, id]
      )
      return r === undefined ? undefined : r.id + this.headerRow
    }
    for (const k of this.uniques) {
      const v = values[k]
      if (v === null || v === undefined) continue
      const first = await holder([k], [v])
      if (first !== undefined)
        errors.push({
          row,
          column: this.table.fields[k]?.field.name,
          rule: 'unique',
          message: `the value is already used in row ${first}`,
          value: shortValue(v),
          file: this.file,
        })
    }
    const parts = this.pk.map((i) => values[i])
    if (parts.length > 0 && parts.every((p) => p !== null && p !== undefined)) {
      const first = await holder(this.pk, parts)
      if (first !== undefined)
        errors.push({
          row,
          column: this.names,
          rule: 'primary-key',
          message: `primary key (${this.names}) is already used in row ${first}`,
          value: shortValue(parts.length === 1 ? parts[0] : JSON.stringify(parts)),
          file: this.file,
        })
    }
    return errors
  }
}
