// The form model derived from an entry's recordSchema: a tree of fieldsets, line-item tables and
// leaf inputs, plus the parsing of a submitted form back into a record. Kept free of JSX so the
// parsing is unit-testable on its own.

type Json = Record<string, unknown>

/** A leaf input of the generated form. */
export interface LeafNode {
  kind: 'leaf'
  path: string[]
  title: string
  description?: string
  required: boolean
  type: 'string' | 'integer' | 'number' | 'boolean'
  enum?: (string | number)[]
  format?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
}

/** An array of objects rendered as a table of line items. */
export interface TableNode {
  kind: 'table'
  path: string[]
  title: string
  description?: string
  required: boolean
  /** Leaves of one item, with paths relative to the item. */
  columns: LeafNode[]
}

/** A nested object rendered as a fieldset (the root object is rendered without one). */
export interface GroupNode {
  kind: 'group'
  path: string[]
  title: string
  description?: string
  required: boolean
  children: FormNode[]
}

/** One node of the generated form. */
export type FormNode = LeafNode | TableNode | GroupNode

/** Line-item rows shown when a table is first rendered. */
const DEFAULT_ROWS = 3
/** Rows added by the "增加行" button. */
export const ADD_ROWS = 3
/** Upper bound on rows, so a crafted form cannot make the server render millions. */
export const MAX_ROWS = 200

const asObject = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined

function leafType(s: Json): LeafNode['type'] | undefined {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type
  if (t === 'string' || t === 'integer' || t === 'number' || t === 'boolean') return t
  if (Array.isArray(s.enum)) return typeof s.enum[0] === 'number' ? 'number' : 'string'
  return undefined
}

function leaf(s: Json, path: string[], required: boolean): LeafNode | undefined {
  const type = leafType(s)
  if (!type) return undefined
  const num = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined)
  return {
    kind: 'leaf',
    path,
    title: typeof s.title === 'string' ? s.title : (path.at(-1) ?? ''),
    description: typeof s.description === 'string' ? s.description : undefined,
    required,
    type,
    enum: Array.isArray(s.enum) ? (s.enum as (string | number)[]) : undefined,
    format: typeof s.format === 'string' ? s.format : undefined,
    minimum: num('minimum'),
    maximum: num('maximum'),
    minLength: num('minLength'),
    maxLength: num('maxLength'),
  }
}

function children(s: Json, path: string[]): FormNode[] {
  const props = asObject(s.properties) ?? {}
  const req = new Set(Array.isArray(s.required) ? (s.required as string[]) : [])
  const out: FormNode[] = []
  for (const [name, raw] of Object.entries(props)) {
    const sub = asObject(raw)
    if (!sub) continue
    const node = buildNode(sub, [...path, name], req.has(name))
    if (node) out.push(node)
  }
  return out
}

function buildNode(s: Json, path: string[], required: boolean): FormNode | undefined {
  const title = typeof s.title === 'string' ? s.title : (path.at(-1) ?? '')
  const description = typeof s.description === 'string' ? s.description : undefined
  if (s.type === 'object' || asObject(s.properties)) {
    return { kind: 'group', path, title, description, required, children: children(s, path) }
  }
  const items = asObject(s.items)
  if (s.type === 'array' && items && (items.type === 'object' || asObject(items.properties))) {
    const columns = children(items, []).filter((n): n is LeafNode => n.kind === 'leaf')
    return { kind: 'table', path, title, description, required, columns }
  }
  return leaf(s, path, required)
}

/** The form tree of a recordSchema (its root must be an object schema). */
export function formModel(schema: unknown): GroupNode {
  const s = asObject(schema) ?? {}
  return {
    kind: 'group',
    path: [],
    title: typeof s.title === 'string' ? s.title : '记录',
    description: typeof s.description === 'string' ? s.description : undefined,
    required: true,
    children: children(s, []),
  }
}

/** Form field name of a path, e.g. `income.lines.0.amount`. */
export const nameOf = (path: readonly (string | number)[]) => path.join('.')
/** Element id of a path, e.g. `f-income-lines-0-amount`. */
export const idOf = (path: readonly (string | number)[]) =>
  path.length === 0 ? 'f-root' : `f-${path.join('-')}`
/** JSON pointer of a path. */
export const pointerOf = (path: readonly (string | number)[]) =>
  path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
/** Hidden field holding a table's row count. */
export const rowsFieldOf = (path: readonly string[]) => `_rows.${nameOf(path)}`

/** Submitted form values: field name to raw text, as typed. */
export type FormValues = Record<string, string>

/** Row count of a table from the submitted form (default {@link DEFAULT_ROWS}). */
export function rowCount(values: FormValues, path: readonly string[]): number {
  const n = Number.parseInt(values[rowsFieldOf(path)] ?? '', 10)
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_ROWS) : DEFAULT_ROWS
}

// Numbers are typed by people: allow spaces, thousands separators and full-width digits.
function toNumber(raw: string): number | string {
  const t = raw
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : raw
}

function leafValue(node: LeafNode, raw: string | undefined): unknown {
  if (node.type === 'boolean') return raw === 'on' || raw === 'true'
  const text = (raw ?? '').trim()
  if (text === '') return undefined
  if (node.type === 'number' || node.type === 'integer') return toNumber(text)
  return text
}

/** Outcome of parsing a submitted form. */
export interface ParsedForm {
  /** The record to validate. Unparseable numbers stay text so the validator names them. */
  data: Json
  /** The values to re-render, with line-item rows compacted so indexes match error pointers. */
  values: FormValues
}

/**
 * Turns a submitted form into a record. Blank line-item rows are dropped and the remaining rows
 * renumbered (in `values` too), so an error at `/income/lines/1/amount` is the second row shown.
 */
export function parseForm(model: GroupNode, submitted: FormValues): ParsedForm {
  const values: FormValues = {}
  const readGroup = (g: GroupNode): Json | undefined => {
    const obj: Json = {}
    for (const child of g.children) {
      const key = child.path.at(-1) as string
      if (child.kind === 'leaf') {
        const raw = submitted[nameOf(child.path)]
        if (raw !== undefined) values[nameOf(child.path)] = raw
        const v = leafValue(child, raw)
        if (v !== undefined) obj[key] = v
      } else if (child.kind === 'group') {
        const v = readGroup(child)
        if (v !== undefined) obj[key] = v
      } else {
        const rows: Json[] = []
        const count = rowCount(submitted, child.path)
        for (let i = 0; i < count; i++) {
          const row: Json = {}
          const raws: [LeafNode, string | undefined][] = child.columns.map((col) => [
            col,
            submitted[nameOf([...child.path, String(i), ...col.path])],
          ])
          if (raws.every(([, r]) => (r ?? '').trim() === '')) continue
          const at = rows.length
          for (const [col, raw] of raws) {
            if (raw !== undefined) values[nameOf([...child.path, String(at), ...col.path])] = raw
            const v = leafValue(col, raw)
            if (v !== undefined) row[col.path.join('.')] = v
          }
          rows.push(row)
        }
        values[rowsFieldOf(child.path)] = String(Math.max(count, rows.length))
        obj[key] = rows
      }
    }
    return Object.keys(obj).length > 0 || g.required ? obj : undefined
  }
  return { data: readGroup(model) ?? {}, values }
}

/**
 * The form values that submit `data` (the inverse of {@link parseForm}), e.g. to pre-fill a
 * correction or to drive the form in tests.
 */
export function recordToForm(data: unknown, path: string[] = []): FormValues {
  const out: FormValues = {}
  if (Array.isArray(data)) {
    out[rowsFieldOf(path)] = String(Math.max(data.length, DEFAULT_ROWS))
    for (const [i, row] of data.entries())
      Object.assign(out, recordToForm(row, [...path, String(i)]))
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) Object.assign(out, recordToForm(v, [...path, k]))
  } else if (data !== undefined && data !== null) {
    out[nameOf(path)] = String(data)
  }
  return out
}
