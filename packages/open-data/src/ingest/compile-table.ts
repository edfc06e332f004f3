import type { TableField, TableSchema } from '@gongkai/schema'
import { type Caster, type CellValue, compileCaster, INVALID } from './field-caster.js'
import type { RowError } from './row-error.js'

/** A constraint check: undefined when the value passes, else the rule and message. */
type Check = (value: CellValue) => { rule: string; message: string } | undefined

/** A field ready to validate cells. */
export interface CompiledField {
  field: TableField
  /** Position in `schema.fields`. */
  index: number
  cast: Caster
  expected: string
  required: boolean
  unique: boolean
  checks: Check[]
}

/** A table schema compiled once per ingest. */
export interface CompiledTable {
  schema: TableSchema
  fields: CompiledField[]
  /** Cells read as null (default `[""]`). */
  missingValues: Set<string>
  /** Field positions of the primary key (empty when none). */
  primaryKey: number[]
  /** Field positions the datastore indexes for filters. */
  filterColumns: number[]
}

const codePoints = (s: string) => (/[\uD800-\uDBFF]/.test(s) ? [...s].length : s.length)

function compileChecks(f: TableField, cast: Caster, errors: RowError[], at: string): Check[] {
  const c = f.constraints
  if (!c) return []
  const checks: Check[] = []
  const bad = (pointer: string, message: string) =>
    errors.push({
      row: 0,
      column: f.name,
      rule: 'table-schema',
      message,
      pointer: `${at}${pointer}`,
    })
  if (c.enum) {
    const allowed = new Set<CellValue>()
    c.enum.forEach((v, k) => {
      const typed = v === null ? null : cast(v)
      if (typed === INVALID)
        bad(`/constraints/enum/${k}`, `enum value ${JSON.stringify(v)} is not of type ${f.type}`)
      else allowed.add(typed)
    })
    const list = c.enum.map((v) => JSON.stringify(v)).join(', ')
    checks.push((v) =>
      allowed.has(v)
        ? undefined
        : {
            rule: 'enum',
            message: `must be one of ${list.length > 200 ? `${list.slice(0, 200)}…` : list}`,
          }
    )
  }
  if (c.pattern !== undefined) {
    let re: RegExp | undefined
    try {
      re = new RegExp(`^(?:${c.pattern})$`, 'u')
    } catch (err) {
      bad(
        '/constraints/pattern',
        `pattern is not a valid regular expression: ${(err as Error).message}`
      )
    }
    if (re) {
      const r = re
      checks.push((v) =>
        r.test(String(v)) ? undefined : { rule: 'pattern', message: `must match /${c.pattern}/` }
      )
    }
  }
  const ordered = ['integer', 'number', 'year', 'date', 'datetime'].includes(f.type)
  for (const key of ['minimum', 'maximum'] as const) {
    const raw = c[key]
    if (raw === undefined) continue
    if (!ordered) {
      bad(
        `/constraints/${key}`,
        `${key} applies to numbers, years and dates, not to type ${f.type}`
      )
      continue
    }
    const bound = cast(
      typeof raw === 'number' && (f.type === 'date' || f.type === 'datetime') ? String(raw) : raw
    )
    if (bound === INVALID || bound === null) {
      bad(`/constraints/${key}`, `${key} ${JSON.stringify(raw)} is not of type ${f.type}`)
      continue
    }
    const b = bound as number | string
    checks.push(
      key === 'minimum'
        ? (v) =>
            (v as number | string) >= b
              ? undefined
              : { rule: 'minimum', message: `must be >= ${b}` }
        : (v) =>
            (v as number | string) <= b
              ? undefined
              : { rule: 'maximum', message: `must be <= ${b}` }
    )
  }
  if (c.minLength !== undefined || c.maxLength !== undefined) {
    if (f.type !== 'string') {
      bad('/constraints', `minLength/maxLength apply to strings, not to type ${f.type}`)
    } else {
      const min = c.minLength ?? 0
      const max = c.maxLength ?? Number.POSITIVE_INFINITY
      checks.push((v) => {
        const n = codePoints(v as string)
        if (n < min)
          return { rule: 'minLength', message: `must have at least ${min} characters (has ${n})` }
        if (n > max)
          return { rule: 'maxLength', message: `must have at most ${max} characters (has ${n})` }
        return undefined
      })
    }
  }
  return checks
}

/**
 * Compiles a table schema for row validation and checks what JSON Schema cannot: field names
 * unique, primaryKey/filterColumns naming fields, patterns valid under the `u` flag, bounds and
 * enum values of the field's type, masks only on string fields.
 */
export function compileTable(
  schema: TableSchema
): { ok: true; table: CompiledTable } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = []
  const byName = new Map<string, number>()
  const fields: CompiledField[] = []
  schema.fields.forEach((f, index) => {
    const at = `/fields/${index}`
    if (byName.has(f.name)) {
      errors.push({
        row: 0,
        column: f.name,
        rule: 'table-schema',
        message: `field name "${f.name}" is used twice`,
        pointer: `${at}/name`,
      })
    }
    byName.set(f.name, index)
    if (f.mask && f.type !== 'string') {
      errors.push({
        row: 0,
        column: f.name,
        rule: 'table-schema',
        message: `mask ${f.mask.type} needs a string field; "${f.name}" is ${f.type}`,
        pointer: `${at}/mask`,
      })
    }
    const caster = compileCaster(f)
    if (typeof caster === 'string') {
      errors.push({
        row: 0,
        column: f.name,
        rule: 'table-schema',
        message: caster,
        pointer: `${at}/format`,
      })
      return
    }
    fields.push({
      field: f,
      index,
      cast: caster.cast,
      expected: caster.expected,
      required: f.constraints?.required === true,
      unique: f.constraints?.unique === true,
      checks: compileChecks(f, caster.cast, errors, at),
    })
  })
  const resolve = (names: readonly string[], pointer: string): number[] =>
    names.flatMap((n, k) => {
      const i = byName.get(n)
      if (i === undefined) {
        errors.push({
          row: 0,
          column: n,
          rule: 'table-schema',
          message: `"${n}" is not a field of the table schema`,
          pointer: `${pointer}/${k}`,
        })
        return []
      }
      return [i]
    })
  const pk =
    schema.primaryKey === undefined
      ? []
      : typeof schema.primaryKey === 'string'
        ? [schema.primaryKey]
        : schema.primaryKey
  const primaryKey = resolve(
    pk,
    typeof schema.primaryKey === 'string' ? '/primaryKey' : '/primaryKey'
  )
  const filterColumns = resolve(schema.filterColumns ?? [], '/filterColumns')
  if (errors.length > 0) return { ok: false, errors }
  // Primary-key fields are required (Frictionless): checked per cell for precise errors.
  for (const i of primaryKey) (fields[i] as CompiledField).required = true
  return {
    ok: true,
    table: {
      schema,
      fields,
      missingValues: new Set(schema.missingValues ?? ['']),
      primaryKey,
      filterColumns,
    },
  }
}
