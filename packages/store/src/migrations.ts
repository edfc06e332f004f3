import { createHash } from 'node:crypto'
import { StoreError } from './store-error.js'
import type { Dialect, Migration } from './types.js'

const ID = /^[a-z][a-z0-9-]*\/\d{3}-[a-z0-9-]+$/

/** A migration resolved for one dialect, with its checksum. */
export interface PlannedMigration {
  id: string
  sql: string
  checksum: string
}

/**
 * Checks ids and orders migrations: by package, then by number. Duplicate ids or numbers within a
 * package are refused, because two processes could otherwise apply them in different orders.
 */
export function planMigrations(
  migrations: readonly Migration[],
  dialect: Dialect
): PlannedMigration[] {
  const seen = new Map<string, string>()
  const planned: PlannedMigration[] = []
  for (const m of migrations) {
    if (!ID.test(m.id)) {
      throw new StoreError(
        'invalid_migration',
        `migration id "${m.id}" must look like "<package>/<NNN>-<name>", e.g. "linker/001-content-items"`
      )
    }
    const [pkg, rest] = m.id.split('/') as [string, string]
    const key = `${pkg}/${rest.slice(0, 3)}`
    const other = seen.get(key)
    if (other !== undefined) {
      throw new StoreError(
        'invalid_migration',
        `migrations "${other}" and "${m.id}" share a number`
      )
    }
    seen.set(key, m.id)
    const sql = typeof m.sql === 'function' ? m.sql(dialect) : m.sql
    planned.push({ id: m.id, sql, checksum: checksum(sql) })
  }
  return planned.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** SHA-256 of the SQL with line endings normalised, so a checkout on Windows does not look edited. */
export function checksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n').trim()).digest('hex').slice(0, 16)
}
