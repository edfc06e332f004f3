import type { TableSchema } from '@gongkai/schema'
import type { Queryable, SqlValue } from '@gongkai/store'
import { findVersion } from './dataset-records.js'
import { cursorVersion, planRowsQuery, type RowsQuery, type RowsResult } from './rows-query.js'

const refused = (parameter: string, message: string): RowsResult => ({
  ok: false,
  errors: [{ parameter, message }],
})

/**
 * One page of a version's rows (`Datastore.rows`): the version is the cursor's, else the one
 * asked for, else the current one; withdrawn versions are refused by name.
 */
export async function queryRows(
  store: Queryable,
  id: string,
  query: RowsQuery = {}
): Promise<RowsResult> {
  const c = cursorVersion(query.cursor)
  if (c.error) return { ok: false, errors: [c.error] }
  if (c.state && query.version !== undefined && query.version !== c.state.v)
    return refused('version', 'the cursor belongs to another version')
  const { row, message } = await findVersion(store, id, c.state?.v ?? query.version)
  if (!row) return refused(query.version !== undefined ? 'version' : 'id', message ?? 'not found')
  if (row.status === 'withdrawn')
    return refused('version', `version ${row.version} was withdrawn: ${row.withdrawn_reason ?? ''}`)
  const schema = JSON.parse(row.table_schema) as TableSchema
  const planned = planRowsQuery(row.table_name, row.version, schema, query, c.state)
  if (!planned.ok) return planned
  const p = planned.plan
  const raw = await store.all<Record<string, SqlValue>>(p.select, p.selectParams)
  const more = raw.length > p.limit
  const page = more ? raw.slice(0, p.limit) : raw
  const total =
    p.count === undefined
      ? null
      : ((await store.get<{ n: number }>(p.count, p.countParams))?.n ?? 0)
  const last = page[page.length - 1]
  return {
    ok: true,
    items: page.map(p.toItem),
    total,
    next: more && last && p.keyset ? p.cursorFor(last) : null,
    version: row.version,
  }
}
