import type { Params, Queryable } from '@gongkai/store'

/**
 * Default largest estimated cost of a rows query (see {@link estimateCost}): 50 million row checks,
 * about 5–10 s of SQLite on one core; every equality or range filter on an unindexed column of a
 * 1M-row dataset (1 to a few million checks) stays well under it.
 */
export const DEFAULT_MAX_QUERY_COST = 50_000_000

/** What a query is estimated to cost, and why. */
export interface QueryCost {
  /** Rows the plan reads: all of them for a scan, a tenth for an index search (no statistics). */
  rowsRead: number
  /** Checks per row read: predicates no index serves, plus one for a sort without an index. */
  perRow: number
  /** `rowsRead × perRow`. */
  cost: number
  /** The plan lines of the statements (SQLite's EXPLAIN QUERY PLAN), for the error details. */
  plan: string[]
}

/**
 * Estimates the work of the statements of one rows query from SQLite's query plan, before running
 * them: a full scan of the version table reads `rowCount` rows, an index search about a tenth;
 * each row read costs the predicates the index does not serve (`predicates` minus those in the
 * index search), plus one when a temporary B-tree sorts the rows. The most expensive statement counts.
 */
export async function estimateCost(
  store: Queryable,
  statements: readonly { sql: string; params: Params; predicates: number }[],
  table: string,
  rowCount: number
): Promise<QueryCost> {
  let worst: QueryCost = { rowsRead: 0, perRow: 0, cost: 0, plan: [] }
  const plan: string[] = []
  for (const s of statements) {
    const lines = (
      await store.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${s.sql}`, s.params)
    ).map((r) => r.detail)
    plan.push(...lines)
    let rowsRead = 0
    let served = 0
    let sort = 0
    for (const line of lines) {
      // The version table itself (not its FTS index, which answers MATCH from its own index).
      const onTable = line.includes(` ${table} `) || line.endsWith(` ${table}`)
      if (onTable && line.startsWith('SCAN ')) rowsRead = Math.max(rowsRead, rowCount)
      else if (onTable && line.startsWith('SEARCH ')) {
        rowsRead = Math.max(rowsRead, Math.ceil(rowCount / 10))
        // `USING INDEX x (c1=? AND c4>?)`: the columns the index serves.
        const m = /\(([^)]*)\)\s*$/.exec(line)
        served = Math.max(served, m?.[1] ? m[1].split(' AND ').length : 0)
      }
      if (line.startsWith('USE TEMP B-TREE')) sort = 1
    }
    const perRow = Math.max(1, s.predicates - served + sort)
    const cost = rowsRead * perRow
    if (cost >= worst.cost) worst = { rowsRead, perRow, cost, plan: [] }
  }
  return { ...worst, plan }
}
