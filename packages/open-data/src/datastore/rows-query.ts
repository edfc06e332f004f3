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

/** A query over the rows of one dataset version. */
export interface RowsQuery {
  /** Version to read (default: the current one; a cursor pins its own). */
  version?: number
  /** Equality (`{ 区: '长宁区' }`) or range (`{ 金额: { gte: 100 } }`) per column. */
  filters?: Record<string, string | number | boolean | RangeFilter>
  /** Full-text search over the text columns (trigram index; 1–2 characters fall back to LIKE). */
  q?: string
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

/** Result of `rows()`: a page, or why the query cannot run. */
export type RowsResult =
  | {
      ok: true
      /** Rows, typed (numbers as numbers, booleans as booleans), keyed by field name. */
      items: Record<string, unknown>[]
      /** Rows matching filters and q, across all pages. */
      total: number
      /** Cursor of the next page, or null on the last. */
      next: string | null
      /** The version read. */
      version: number
    }
  | { ok: false; errors: QueryError[] }

/** Default and maximum page sizes. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 10_000

/** SQL built for one page. */
export interface PlannedQuery {
  select: string
  selectParams: SqlValue[]
  count: string
  countParams: SqlValue[]
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
  const where: string[] = []
  const params: SqlValue[] = []

  const castFor = (f: CompiledField, v: unknown, parameter: string): SqlValue | undefined => {
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
  if (query.q !== undefined && typeof query.q !== 'string') {
    return { ok: false, errors: [{ parameter: 'q', message: 'q is text' }] }
  }
  for (const [name, value] of Object.entries(filters)) {
    const f = byName.get(name)
    const parameter = `filters.${name}`
    if (!f) {
      errors.push({ parameter, message: `"${name}" is not a column of this dataset` })
      continue
    }
    const c = col(f.index)
    if (value !== null && typeof value === 'object') {
      const ops = { gte: '>=', lte: '<=', gt: '>', lt: '<' } as const
      const keys = Object.keys(value)
      if (keys.length === 0 || keys.some((k) => !(k in ops))) {
        errors.push({ parameter, message: 'a range filter takes gte, lte, gt and/or lt' })
        continue
      }
      for (const [op, sqlOp] of Object.entries(ops)) {
        const bound = (value as RangeFilter)[op as keyof RangeFilter]
        if (bound === undefined) continue
        const v = castFor(f, bound, `${parameter}.${op}`)
        if (v === undefined) continue
        where.push(`${c} ${sqlOp} ?`)
        params.push(v)
      }
    } else {
      const v = castFor(f, value, parameter)
      if (v === undefined) continue
      where.push(`${c} = ?`)
      params.push(v)
    }
  }

  const q = query.q?.trim()
  if (q) {
    const text = textColumns(schema)
    if (text.length === 0) {
      errors.push({ parameter: 'q', message: 'this dataset has no text columns to search' })
    } else if ([...q].length >= 3) {
      where.push(
        `rowid IN (SELECT rowid FROM "${ftsName(table)}" WHERE "${ftsName(table)}" MATCH ?)`
      )
      params.push(`"${q.replace(/"/g, '""')}"`)
    } else {
      // Trigrams need 3 characters: 招生 (2) is matched by a scan instead.
      const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
      where.push(`(${text.map((k) => `${col(k)} LIKE ? ESCAPE '\\'`).join(' OR ')})`)
      for (const _ of text) params.push(like)
    }
  }

  const sortKeys: { c: string; desc: boolean }[] = []
  ;(query.sort ?? []).forEach((s, i) => {
    const f = s && typeof s === 'object' ? byName.get(s.column) : undefined
    if (!f) {
      errors.push({
        parameter: `sort[${i}].column`,
        message: `"${s?.column}" is not a column of this dataset`,
      })
      return
    }
    if (s.direction !== undefined && s.direction !== 'asc' && s.direction !== 'desc') {
      errors.push({ parameter: `sort[${i}].direction`, message: 'direction is asc or desc' })
      return
    }
    sortKeys.push({ c: col(f.index), desc: s.direction === 'desc' })
  })

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

  const fingerprint = queryFingerprint([query.filters ?? {}, q ?? '', query.sort ?? []])
  const countWhere = [...where]
  const countParams = [...params]
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
    }
  }
  if (errors.length > 0) return { ok: false, errors }

  const cols = schema.fields.map((_, k) => col(k)).join(', ')
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''
  const order = [...sortKeys.map((k) => `${k.c} ${k.desc ? 'DESC' : 'ASC'}`), 'rowid ASC'].join(
    ', '
  )
  const select = `SELECT rowid AS _rowid, ${cols} FROM "${table}"${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`
  const countSql = `SELECT count(*) AS n FROM "${table}"${countWhere.length > 0 ? ` WHERE ${countWhere.join(' AND ')}` : ''}`
  const toItem = rowConverter(schema)
  return {
    ok: true,
    plan: {
      select,
      selectParams: [...params, limit + 1, cursorState ? 0 : offset],
      count: countSql,
      countParams,
      limit,
      toItem,
      cursorFor: (last) =>
        encodeCursor({
          v: version,
          h: fingerprint,
          k: sortKeys.map((k) => (last[k.c] ?? null) as string | number | null),
          r: Number(last._rowid),
        }),
    },
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
