import { join } from 'node:path'
import type { TableSchema } from '@gongkai/schema'
import { openSqliteStore, type Store } from '@gongkai/store'
import { tempDir } from '../ingest/test-files.js'
import { openDatastore } from './datastore.js'

/**
 * A fresh store holding dataset `units` (单位名录) published from `rows`, for tests that query one
 * table under different datastore options: they reopen the datastore on the returned store.
 */
export async function publishUnits(
  prefix: string,
  schema: TableSchema,
  rows: Record<string, unknown>[]
): Promise<{ store: Store; filesDir: string }> {
  const dir = tempDir(prefix)
  const filesDir = join(dir, 'files')
  const store = openSqliteStore(join(dir, 'store.db'))
  const ds = await openDatastore(store, { filesDir })
  const r = await ds.publish({
    descriptor: {
      id: 'units',
      title: '单位名录',
      description: '测试',
      publisher: { id: 'changning', name: '长宁区' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness: 'unconditional',
    },
    schema,
    source: { rows },
  })
  if (!r.ok) throw new Error(`the test table was not published: ${JSON.stringify(r)}`)
  return { store, filesDir }
}
