import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { StoreError } from './store-error.js'

/**
 * The marker a workspace keeps beside its store once the store exists: deleting `store.db` (and
 * its WAL files) leaves it, so a later command can tell "never had a store" from "lost it".
 */
const storeMarker = (storePath: string) =>
  join(dirname(storePath), `.${basename(storePath)}.present`)

/** What says a store was here: its marker, or published version files beside it. */
function evidenceOfStore(storePath: string): string | undefined {
  const marker = storeMarker(storePath)
  if (existsSync(marker)) return marker
  const files = join(dirname(storePath), 'files')
  try {
    if (readdirSync(files).some((f) => !f.startsWith('.'))) return files
  } catch {
    // No files folder: nothing was published here.
  }
  return undefined
}

/**
 * Refuses to let SQLite create a fresh, empty store where the workspace already had one: a deleted
 * store file would otherwise give a split brain (a server still serving the old data from its
 * open handle, the CLI writing into a new empty file). Throws `store_missing` naming the path and
 * what shows a store was there; `create` (init, restore) skips the check.
 */
export function assertStorePresent(storePath: string, create: boolean): void {
  if (create || storePath === ':memory:' || existsSync(storePath)) return
  const evidence = evidenceOfStore(storePath)
  if (!evidence) return
  throw new StoreError(
    'store_missing',
    `${storePath} is missing, but ${evidence} shows this workspace had a store there: not creating an empty one (restore it with "gongkai restore", or remove ${evidence} to start afresh)`
  )
}

/** Leaves the marker beside a store that now exists (best effort: a read-only folder keeps none). */
export function markStorePresent(storePath: string): void {
  if (storePath === ':memory:') return
  const marker = storeMarker(storePath)
  if (existsSync(marker)) return
  try {
    writeFileSync(marker, 'a gongkai store lives beside this file; see README.md\n', { flag: 'wx' })
  } catch {
    // Read-only workspace, or a race with another process writing it: either way, fine.
  }
}
