import { resolve } from 'node:path'
import { isValidDate } from '@gongkai/calendar'
import type { Options } from './command.js'
import { UsageError } from './command.js'

/** Flags every command takes, wherever they stand on the line (before, between or after words). */
export const globalOptions = {
  workspace: { type: 'string', short: 'w' },
  store: { type: 'string' },
  json: { type: 'boolean' },
  'as-of': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options

/** The store `--store` names. Only SQLite for now; PostgreSQL comes with its store. */
export interface StoreOption {
  dialect: 'sqlite'
  /** Absolute path of the SQLite file. */
  path: string
}

/**
 * Reads `--store`: `sqlite:<path>` or a plain path (relative to `cwd`). A `postgres://` URL is a
 * usage error until the PostgreSQL store exists, rather than a file named like a URL.
 */
export function parseStoreOption(value: string, cwd: string): StoreOption {
  if (/^postgres(ql)?:\/\//i.test(value))
    throw new UsageError(
      '--store postgres://… is not supported yet; give an SQLite file (sqlite:<path> or a path)'
    )
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    throw new UsageError(`--store expects sqlite:<path> or a path, got "${value}"`)
  const path = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value
  if (!path)
    throw new UsageError('--store sqlite: needs a file path, e.g. sqlite:.gongkai/store.db')
  return { dialect: 'sqlite', path: resolve(cwd, path) }
}

/** Reads `--as-of`: a real calendar date written YYYY-MM-DD. */
export function parseAsOf(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValidDate(value))
    throw new UsageError(`--as-of expects a date YYYY-MM-DD, got "${value}"`)
  return value
}
