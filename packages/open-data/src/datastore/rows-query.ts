import type { TableSchema } from '@gongkai/schema'
import type { SqlValue } from '@gongkai/store'
import { type CompiledField, compileTable } from '../ingest/compile-table.js'
import { INVALID } from '../ingest/field-caster.js'
import { type CursorState, decodeCursor, encodeCursor, queryFingerprint } from './cursor.js'
import { col, ftsName, textColumns } from './version-table.js'

/** A range filter; bounds are cast to the column type. */
export interface RangeFilter {
  gte?: string | number
  lte?: string | number
  gt?: string | number
  lt?: string | number
}

/** One sort key. */
export interface SortKey {
  column: string
  direction?: 'asc' | 'desc'
}

/** A scalar filter value; cast to the column type. */
export type FilterScalar = string | number | boolean

/** A filter on one column: a value, a list of values (any of them), or a range. */
export type FilterValue = FilterScalar | readonly FilterScalar[] | RangeFilter

/** A query over the rows of one dataset version. */
export interface RowsQuery {
  /** Version to read (default: the current one; a cursor pins its own). */
  version?: number
  /**
   * Equality (`{ 区: '长宁区' }`), any of a list (`{ 区: ['长宁区', '徐汇区'] }`) or range
   * (`{ 金额: { gte: 100 } }`) per column.
   */
  filters?: Record<string, FilterValue>
  /**
   * Full-text search: a string searches the text columns (trigram index; 1–2 characters fall back
   * to LIKE); an object searches each named column for its own text (`{ 名称: '小学' }`).
   */
  q?: string | Readonly<Record<string, string>>
  /**
   * Name of a pseudo-column holding each row's number: its 1-based data-row number in the source
   * (header excluded; a row skipped at publish leaves a gap, later rows keep their numbers),
   * stable for the life of the version. Usable in filters, sort and `fields`. A field of the
   * table schema with that name keeps its own column (no pseudo-column is added).
   */
  rowNumber?: string
  /** Columns to return, in this order (default: the row number when asked, then every field). */
  fields?: readonly string[]
  /** Only distinct rows of `fields` (sort keys must be among them); not with `cursor`. */
  distinct?: boolean
  /** Count the rows matching (default true); false answers `total: null` and saves a query. */
  includeTotal?: boolean
  /**
   * Estimate a filtered total above this many rows (CKAN's `total_estimation_threshold`); it can
   * only lower the datastore's own threshold, never lift it.
   */
  totalEstimationThreshold?: number
  /** Sort keys; rowid (source order) always breaks ties. Default: source order. */
  sort?: readonly SortKey[]
  /** Page size, default 100, at most 10,000. */
  limit?: number
  /** Opaque cursor from a previous page's `next` (keyset pagination). */
  cursor?: string
  /** Rows to skip; a secondary option, not combinable with `cursor`. */
  offset?: number
}

/** A problem with a query parameter. */
export interface QueryError {
  /** The parameter, e.g. `filters.金额`, `sort[0].column`, `cursor`. */
  parameter: string
  message: string
}

/**
 * Result of `rows()`: a page, or why the query cannot run. `Total` is `number`, or `number | null`
 * for a query that may set `includeTotal: false`.
 */
export type RowsResult<Total extends number | null = number | null> =
  | {
      ok: true
      /** Rows, typed (numbers as numbers, booleans as booleans), keyed by field name. */
      items: Record<string, unknown>[]
      /** Rows matching filters and q, across all pages; null when `includeTotal` was false. */
      total: Total
      /**
       * True when `total` is an estimate: more rows matched than the total estimation threshold,
       * so the count stopped there and extrapolated (see `queryRows`).
       */
      totalEstimated: boolean
      /** Cursor of the next page, or null on the last. */
      next: string | null
      /** The version read. */
      version: number
    }
  | { ok: false; errors: QueryError[] }

/** The total `rows()` answers for query `Q`: a number unless `includeTotal` may be false. */
export type TotalOf<Q> = Q extends { includeTotal: false }
  ? null
  : Q extends { includeTotal: boolean }
    ? number | null
    : number

/** Default and maximum page sizes. */
const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 10_000

/** SQL built for one page. */
export interface PlannedQuery {
  select: string
  selectParams: SqlValue[]
  /** False for distinct rows: they page by offset only, so no cursor is made. */
  keyset: boolean
  /** Undefined when the total is not wanted. */
  count: string | undefined
  countParams: SqlValue[]
  /**
   * The count as a capped scan in rowid order, `n` matches (at most the `LIMIT ?` to append to
   * `countParams`) and `last` the rowid of the last: undefined when there is nothing to estimate
   * (no filter: the count is SQLite's fast one; distinct rows are counted exactly).
   */
  cappedCount: string | undefined
  /** Checks per row the select's and the count's WHERE clauses make (for the cost estimate). */
  selectChecks: number
  countChecks: number
  /** Builds the next cursor from the last raw row. */
  cursorFor(last: Record<string, SqlValue>): string
  limit: number
  /** Converts a raw row to the typed item. */
  toItem(raw: Record<string, SqlValue>): Record<string, unknown>
}

const toSql = (v: unknown): SqlValue => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as SqlValue))

/** Turns a raw SQLite row into a typed item keyed by field name. */
export function rowConverter(
  schema: TableSchema
): (raw: Record<string, SqlValue>) => Record<string, unknown> {
  const names = schema.fields.map((f) => f.name)
  const bools = schema.fields.map((f) => f.type === 'boolean')
  return (raw) => {
    const o: Record<string, unknown> = {}
    for (let k = 0; k < names.length; k++) {
      const v = raw[`c${k}`]
      o[names[k] as string] = bools[k] && v !== null && v !== undefined ? v === 1 : (v ?? null)
    }
    return o
  }
}

/** Like {@link rowConverter}, for rows read in raw mode (values in field order). */
export function rawRowConverter(
  schema: TableSchema
): (raw: readonly SqlValue[]) => Record<string, unknown> {
  const names = schema.fields.map((f) => f.name)
  const bools = schema.fields.map((f) => f.type === 'boolean')
  return (raw) => {
    const o: Record<string, unknown> = {}
    for (let k = 0; k < names.length; k++) {
      const v = raw[k]
      o[names[k] as string] = bools[k] && v !== null && v !== undefined ? v === 1 : (v ?? null)
    }
    return o
  }
}

/**
 * Validates a query against the version's table schema and plans its SQL: unknown columns and
 * values that do not cast to the column type are errors naming the parameter.
 */
export function planRowsQuery(
  table: string,
  version: number,
  schema: TableSchema,
  query: RowsQuery,
  cursorState: CursorState | undefined
): { ok: true; plan: PlannedQuery } | { ok: false; errors: QueryError[] } {
  const errors: QueryError[] = []
  const compiled = compileTable(schema)
  if (!compiled.ok)
    return {
      ok: false,
      errors: [{ parameter: 'version', message: 'the stored table schema does not compile' }],
    }
  const byName = new Map<string, CompiledField>(compiled.table.fields.map((f) => [f.field.name, f]))
  // The row-number pseudo-column, unless a declared field already has the name.
  const rowNumber =
    query.rowNumber !== undefined && !byName.has(query.rowNumber) ? query.rowNumber : undefined
  const where: string[] = []
  const params: SqlValue[] = []
  // Checks each row costs: one per comparison, one per column a short search LIKEs.
  let checks = 0

  /** A column by name: a field of the schema or the row-number pseudo-column. */
  const resolve = (name: unknown): Column | undefined => {
    if (typeof name !== 'string') return undefined
    const f = byName.get(name)
    if (f) return { name, sql: col(f.index), field: f }
    return name === rowNumber ? { name, sql: 'rowid' } : undefined
  }
  const unknownColumn = (name: unknown) =>
    `${JSON.stringify(name)} is not a column of this dataset${rowNumber ? ` (nor ${rowNumber})` : ''}`

  const castFor = (c: Column, v: unknown, parameter: string): SqlValue | undefined => {
    const f = c.field
    if (!f) {
      // The row number: a positive integer, as a number or as digits.
      const n =
        typeof v === 'number'
          ? v
          : typeof v === 'string' && /^\d{1,15}$/.test(v)
            ? Number(v)
            : Number.NaN
      if (Number.isInteger(n) && n >= 0) return n
      errors.push({ parameter, message: `${JSON.stringify(v)} is not a row number (an integer)` })
      return undefined
    }
    const typed = f.cast(
      typeof v === 'number' &&
        f.field.type !== 'integer' &&
        f.field.type !== 'number' &&
        f.field.type !== 'year'
        ? String(v)
        : v
    )
    if (typed === INVALID || typed === null) {
      errors.push({ parameter, message: `${JSON.stringify(v)} is not ${f.expected}` })
      return undefined
    }
    return toSql(typed)
  }

  const filters = query.filters ?? {}
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
    return {
      ok: false,
      errors: [
        { parameter: 'filters', message: 'filters is an object of column → value or range' },
      ],
    }
  }
  if (query.sort !== undefined && !Array.isArray(query.sort)) {
    return {
      ok: false,
      errors: [{ parameter: 'sort', message: 'sort is a list of { column, direction }' }],
    }
  }
  if (
    query.q !== undefined &&
    typeof query.q !== 'string' &&
    (typeof query.q !== 'object' ||
      query.q === null ||
      Array.isArray(query.q) ||
      Object.values(query.q).some((v) => typeof v !== 'string'))
  ) {
    return {
      ok: false,
      errors: [{ parameter: 'q', message: 'q is text, or an object of column → text' }],
    }
  }
  if (query.fields !== undefined && !Array.isArray(query.fields)) {
    return { ok: false, errors: [{ parameter: 'fields', message: 'fields is a list of columns' }] }
  }
  for (const [name, value] of Object.entries(filters)) {
    const c = resolve(name)
    const parameter = `filters.${name}`
    if (!c) {
      errors.push({ parameter, message: unknownColumn(name) })
      continue
    }
    if (Array.isArray(value)) {
      // Any of the values; an empty list matches nothing.
      const vs: SqlValue[] = []
      value.forEach((x, i) => {
        if (x === null || typeof x === 'object') {
          errors.push({ parameter: `${parameter}[${i}]`, message: 'a list holds single values' })
          return
        }
        const v = castFor(c, x, `${parameter}[${i}]`)
        if (v !== undefined) vs.push(v)
      })
      if (vs.length === 0) where.push('0')
      else {
        where.push(`${c.sql} IN (${vs.map(() => '?').join(', ')})`)
        params.push(...vs)
      }
    } else if (value !== null && typeof value === 'object') {
      const ops = { gte: '>=', lte: '<=', gt: '>', lt: '<' } as const
      const keys = Object.keys(value)
      if (keys.length === 0 || keys.some((k) => !(k in ops))) {
        errors.push({ parameter, message: 'a range filter takes gte, lte, gt and/or lt' })
        continue
      }
      for (const [op, sqlOp] of Object.entries(ops)) {
        const bound = (value as RangeFilter)[op as keyof RangeFilter]
        if (bound === undefined) continue
        const v = castFor(c, bound, `${parameter}.${op}`)
        if (v === undefined) continue
        where.push(`${c.sql} ${sqlOp} ?`)
        params.push(v)
        checks++
      }
    } else {
      const v = castFor(c, value, parameter)
      if (v === undefined) continue
      where.push(`${c.sql} = ?`)
      params.push(v)
      checks++
    }
  }

  const qText = typeof query.q === 'string' ? query.q.trim() : undefined
  if (qText) {
    const text = textColumns(schema)
    if (text.length === 0) {
      errors.push({ parameter: 'q', message: 'this dataset has no text columns to search' })
    } else if ([...qText].length >= 3) {
      where.push(
        `rowid IN (SELECT rowid FROM "${ftsName(table)}" WHERE "${ftsName(table)}" MATCH ?)`
      )
      params.push(`"${qText.replace(/"/g, '""')}"`)
      checks++
    } else {
      // Trigrams need 3 characters: 招生 (2) is matched by a scan instead.
      const like = likePattern(qText)
      where.push(`(${text.map((k) => `${col(k)} LIKE ? ESCAPE '\\'`).join(' OR ')})`)
      for (const _ of text) params.push(like)
      checks += text.length
    }
  }
  if (query.q !== undefined && typeof query.q === 'object') {
    const text = new Set(textColumns(schema))
    for (const [name, raw] of Object.entries(query.q)) {
      const c = resolve(name)
      const v = raw.trim()
      if (!c) {
        errors.push({ parameter: `q.${name}`, message: unknownColumn(name) })
        continue
      }
      if (v === '') continue
      if (c.field && text.has(c.field.index) && [...v].length >= 3) {
        // The trigram index, restricted to the one column (FTS5 column filter).
        where.push(
          `rowid IN (SELECT rowid FROM "${ftsName(table)}" WHERE "${ftsName(table)}" MATCH ?)`
        )
        params.push(`${c.sql} : "${v.replace(/"/g, '""')}"`)
      } else {
        where.push(`CAST(${c.sql} AS TEXT) LIKE ? ESCAPE '\\'`)
        params.push(likePattern(v))
      }
      checks++
    }
  }

  const sortKeys: { c: string; desc: boolean }[] = []
  ;(query.sort ?? []).forEach((s, i) => {
    const c = s && typeof s === 'object' ? resolve(s.column) : undefined
    if (!c) {
      errors.push({ parameter: `sort[${i}].column`, message: unknownColumn(s?.column) })
      return
    }
    if (s.direction !== undefined && s.direction !== 'asc' && s.direction !== 'desc') {
      errors.push({ parameter: `sort[${i}].direction`, message: 'direction is asc or desc' })
      return
    }
    sortKeys.push({ c: c.sql, desc: s.direction === 'desc' })
  })

  const projection: Column[] = []
  const names = query.fields ?? [
    ...(rowNumber ? [rowNumber] : []),
    ...schema.fields.map((f) => f.name),
  ]
  names.forEach((name, i) => {
    const c = resolve(name)
    if (!c) errors.push({ parameter: `fields[${i}]`, message: unknownColumn(name) })
    else if (projection.some((p) => p.name === name))
      errors.push({ parameter: `fields[${i}]`, message: `${JSON.stringify(name)} is listed twice` })
    else projection.push(c)
  })
  if (query.fields !== undefined && query.fields.length === 0)
    errors.push({ parameter: 'fields', message: 'fields lists at least one column' })

  const distinct = query.distinct === true
  if (distinct) {
    if (query.cursor !== undefined)
      errors.push({ parameter: 'cursor', message: 'distinct rows are paged with offset' })
    sortKeys.forEach((k, i) => {
      if (!projection.some((p) => p.sql === k.c))
        errors.push({
          parameter: `sort[${i}].column`,
          message: 'with distinct, sort by columns listed in fields',
        })
    })
  }

  const limit = query.limit ?? DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    errors.push({ parameter: 'limit', message: `limit is an integer from 1 to ${MAX_LIMIT}` })
  }
  const offset = query.offset ?? 0
  if (!Number.isInteger(offset) || offset < 0)
    errors.push({ parameter: 'offset', message: 'offset is a non-negative integer' })
  if (query.cursor !== undefined && query.offset !== undefined) {
    errors.push({ parameter: 'offset', message: 'use either cursor or offset, not both' })
  }

  // The fingerprint keeps its old shape for plain queries, so cursors already handed out still work.
  const shape: unknown[] = [query.filters ?? {}, qText ?? '', query.sort ?? []]
  if (typeof query.q === 'object') shape.push({ q: query.q })
  if (rowNumber) shape.push({ rowNumber })
  const fingerprint = queryFingerprint(shape)
  const countWhere = [...where]
  const countParams = [...params]
  const countChecks = checks
  if (cursorState) {
    if (cursorState.h !== fingerprint || cursorState.k.length !== sortKeys.length) {
      errors.push({
        parameter: 'cursor',
        message: 'the cursor belongs to a different query (filters, q and sort must stay the same)',
      })
    } else {
      // Keyset: rows strictly after the last one in (sort keys…, rowid) order. SQLite puts NULLs
      // first ascending and last descending; the conditions follow that.
      const ors: string[] = []
      for (let i = 0; i <= sortKeys.length; i++) {
        const and: string[] = []
        for (let j = 0; j < i; j++) {
          const key = sortKeys[j] as { c: string }
          const v = cursorState.k[j]
          if (v === null) and.push(`${key.c} IS NULL`)
          else {
            and.push(`${key.c} = ?`)
            params.push(v as SqlValue)
          }
        }
        if (i === sortKeys.length) {
          and.push('rowid > ?')
          params.push(cursorState.r)
        } else {
          const key = sortKeys[i] as { c: string; desc: boolean }
          const v = cursorState.k[i]
          if (!key.desc) {
            if (v === null) and.push(`${key.c} IS NOT NULL`)
            else {
              and.push(`${key.c} > ?`)
              params.push(v as SqlValue)
            }
          } else if (v === null) and.push('0')
          else {
            and.push(`(${key.c} < ? OR ${key.c} IS NULL)`)
            params.push(v as SqlValue)
          }
        }
        ors.push(`(${and.join(' AND ')})`)
      }
      where.push(`(${ors.join(' OR ')})`)
      checks += sortKeys.length + 1
    }
  }
  if (errors.length > 0) return { ok: false, errors }

  // gk_budget() (always 1) lets the store stop a scan past the query's time budget. Only where a
  // statement may scan: a bare count(*) keeps SQLite's fast count, an unsorted page stops early.
  const guard = (terms: string[], scans: boolean) =>
    terms.length > 0 || scans ? ` WHERE ${['gk_budget()', ...terms].join(' AND ')}` : ''
  const whereSql = guard(where, sortKeys.length > 0 || distinct)
  const countWhereSql = guard(countWhere, distinct)
  const keyOf = (sql: string) => (sql === 'rowid' ? '_rowid' : sql)
  const sortSql = sortKeys.map((k) => `${keyOf(k.c)} ${k.desc ? 'DESC' : 'ASC'}`)
  let select: string
  let count: string
  let cappedCount: string | undefined
  if (distinct) {
    // Distinct rows of the projection, in sort order, then by every projected column: a
    // deterministic order without rowid (which would make every row distinct).
    const cols = [...new Set(projection.map((p) => p.sql))]
    const list = cols.map((c) => (c === 'rowid' ? 'rowid AS _rowid' : c)).join(', ')
    const order = [...sortSql, ...cols.map((c) => `${keyOf(c)} ASC`)].join(', ')
    select = `SELECT DISTINCT ${list} FROM "${table}"${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`
    count = `SELECT count(*) AS n FROM (SELECT DISTINCT ${list} FROM "${table}"${countWhereSql})`
  } else {
    const cols = [
      ...new Set([...projection.map((p) => p.sql), ...sortKeys.map((k) => k.c)]),
    ].filter((c) => c !== 'rowid')
    const order = [...sortKeys.map((k) => `${k.c} ${k.desc ? 'DESC' : 'ASC'}`), 'rowid ASC'].join(
      ', '
    )
    select = `SELECT rowid AS _rowid${cols.map((c) => `, ${c}`).join('')} FROM "${table}"${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`
    count = `SELECT count(*) AS n FROM "${table}"${countWhereSql}`
    if (countWhere.length > 0)
      cappedCount = `SELECT count(*) AS n, max(r) AS last FROM (SELECT rowid AS r FROM "${table}"${countWhereSql} ORDER BY rowid LIMIT ?)`
  }
  const toItem = projectionConverter(projection)
  return {
    ok: true,
    plan: {
      select,
      selectParams: [...params, limit + 1, cursorState ? 0 : offset],
      keyset: !distinct,
      count: query.includeTotal === false ? undefined : count,
      cappedCount: query.includeTotal === false ? undefined : cappedCount,
      countParams,
      selectChecks: checks,
      countChecks,
      limit,
      toItem,
      cursorFor: (last) =>
        encodeCursor({
          v: version,
          h: fingerprint,
          k: sortKeys.map((k) => (last[keyOf(k.c)] ?? null) as string | number | null),
          r: Number(last._rowid),
        }),
    },
  }
}

/** A column of a query: a field of the schema, or the row number (`rowid`). */
interface Column {
  name: string
  sql: string
  field?: CompiledField
}

/** `%text%` for LIKE, with `\`, `%` and `_` escaped. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
}

/** Raw row → item of the projected columns (booleans as booleans, the row number from `_rowid`). */
function projectionConverter(
  projection: readonly Column[]
): (raw: Record<string, SqlValue>) => Record<string, unknown> {
  const keys = projection.map((p) => (p.sql === 'rowid' ? '_rowid' : p.sql))
  const names = projection.map((p) => p.name)
  const bools = projection.map((p) => p.field?.field.type === 'boolean')
  return (raw) => {
    const o: Record<string, unknown> = {}
    for (let k = 0; k < names.length; k++) {
      const v = raw[keys[k] as string]
      o[names[k] as string] = bools[k] && v !== null && v !== undefined ? v === 1 : (v ?? null)
    }
    return o
  }
}

/** Reads the version a cursor pins, for `rows()` to load before planning. */
export function cursorVersion(cursor: string | undefined): {
  state?: CursorState
  error?: QueryError
} {
  if (cursor === undefined) return {}
  const state = decodeCursor(cursor)
  return state
    ? { state }
    : { error: { parameter: 'cursor', message: 'not a cursor returned by this API' } }
}
