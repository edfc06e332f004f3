import type { TableSchema } from '@gongkai/schema'
import type { Queryable, SqlValue, Store } from '@gongkai/store'
import { findVersion } from './dataset-records.js'
import { DEFAULT_MAX_QUERY_COST, estimateCost } from './query-cost.js'
import { QueryTooExpensive } from './query-too-expensive.js'
import { cursorVersion, planRowsQuery, type RowsQuery, type RowsResult } from './rows-query.js'

const refused = (parameter: string, message: string): RowsResult => ({
  ok: false,
  errors: [{ parameter, message }],
})

/** Limits on the work of one rows query. */
export interface QueryLimits {
  /** Time budget in ms (the store's default, 10 s, when absent). */
  budgetMs?: number
  /** Largest estimated cost (default {@link DEFAULT_MAX_QUERY_COST}); 0 or Infinity turns the check off. */
  maxCost?: number
  /** Filtered totals above this are estimated; absent or 0: exact. */
  totalEstimationThreshold?: number
}

/**
 * The threshold in force: the datastore's, lowered (never lifted) by the query's; 0 when totals
 * are exact.
 */
function estimationThreshold(configured: number | undefined, asked: number | undefined): number {
  const t = [configured, asked].filter((v): v is number => v !== undefined && v > 0)
  return t.length === 0 ? 0 : Math.min(...t)
}

/**
 * One page of a version's rows (`Datastore.rows`): the version is the cursor's, else the one
 * asked for, else the current one; withdrawn versions are refused by name. The page and its total
 * are read with {@link Store.readHeavy} (off the request thread, under the time budget) after a
 * cost estimate from the query plan; both limits throw {@link QueryTooExpensive}.
 */
export async function queryRows(
  store: Queryable & Partial<Pick<Store, 'readHeavy'>>,
  id: string,
  query: RowsQuery = {},
  limits: QueryLimits = {}
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
  const maxCost = limits.maxCost ?? DEFAULT_MAX_QUERY_COST
  if (maxCost > 0 && Number.isFinite(maxCost)) {
    const estimate = await estimateCost(
      store,
      [
        { sql: p.select, params: p.selectParams, predicates: p.selectChecks },
        ...(p.count === undefined
          ? []
          : [{ sql: p.count, params: p.countParams, predicates: p.countChecks }]),
      ],
      row.table_name,
      row.row_count
    )
    if (estimate.cost > maxCost)
      throw new QueryTooExpensive(
        'refused',
        `the query would check about ${estimate.cost.toLocaleString('en')} row values (${estimate.rowsRead.toLocaleString('en')} rows × ${estimate.perRow}), more than the limit of ${maxCost.toLocaleString('en')}: add a filter on an indexed column (filterColumns) or narrow the search`,
        {
          estimate: estimate.cost,
          limit: maxCost,
          rows: estimate.rowsRead,
          perRow: estimate.perRow,
        }
      )
  }
  // Above the threshold the exact count is the dear part of a search (every matching row is
  // visited): the capped count stops after threshold + 1 matches in rowid order, and the share of
  // the table it had to scan for them extrapolates to the whole (CKAN estimates from the planner).
  const threshold = estimationThreshold(
    limits.totalEstimationThreshold,
    query.totalEstimationThreshold
  )
  const capped = threshold > 0 && p.cappedCount !== undefined
  const [raw, counted] = await readPage(
    store,
    capped ? { ...p, count: p.cappedCount, countParams: [...p.countParams, threshold + 1] } : p,
    limits.budgetMs
  )
  const more = raw.length > p.limit
  const page = more ? raw.slice(0, p.limit) : raw
  const n = counted?.n ?? 0
  const estimated = capped && n > threshold
  const total =
    p.count === undefined
      ? null
      : estimated
        ? Math.max(n, Math.round((n / Math.max(1, counted?.last ?? 1)) * row.row_count))
        : n
  const last = page[page.length - 1]
  return {
    ok: true,
    items: page.map(p.toItem),
    total,
    totalEstimated: estimated,
    next: more && last && p.keyset ? p.cursorFor(last) : null,
    version: row.version,
  }
}

type Page = [Record<string, SqlValue>[], { n: number; last?: number | null } | undefined]

/** The page and its total (when wanted) in one snapshot, off the request thread when the store can. */
async function readPage(
  store: Queryable & Partial<Pick<Store, 'readHeavy'>>,
  p: {
    select: string
    selectParams: SqlValue[]
    count: string | undefined
    countParams: SqlValue[]
  },
  budgetMs: number | undefined
): Promise<Page> {
  if (!store.readHeavy) {
    // A store without heavy reads (a transaction's handle): read here.
    return [
      await store.all(p.select, p.selectParams),
      p.count === undefined ? undefined : await store.get(p.count, p.countParams),
    ]
  }
  try {
    return (await store.readHeavy(
      [
        { sql: p.select, params: p.selectParams, op: 'all' },
        ...(p.count === undefined
          ? []
          : [{ sql: p.count, params: p.countParams, op: 'get' as const }]),
      ],
      budgetMs === undefined ? {} : { budgetMs }
    )) as Page
  } catch (err) {
    const code = (err as { code?: unknown })?.code
    if (code === 'query_timeout')
      throw new QueryTooExpensive('cut', (err as Error).message, { budgetMs: budgetMs ?? null })
    if (code === 'query_queue_full')
      throw new QueryTooExpensive('busy', (err as Error).message, null)
    throw err
  }
}
