import type { CompiledTable } from './compile-table.js'
import { type CellValue, INVALID } from './field-caster.js'
import { type ErrorList, type RowError, shortValue } from './row-error.js'
import type { RawRecord } from './table-source.js'

/**
 * Validates records against a compiled table schema: header match, cast per type, constraints,
 * missing values, unique and primary key (composite too). Keys are registered only for rows that
 * are valid, so skipping bad rows never makes a later good row look like a duplicate.
 */
export class RowValidator {
  /** Problems with the header itself (row 1); any of them fails the file. */
  readonly headerErrors: RowError[] = []
  /** For CSV: the cell position of each field (-1 when the column is missing). */
  private readonly positions: number[] | undefined
  private readonly width: number
  private readonly uniques: (Map<CellValue, number> | undefined)[]
  private readonly pk = new Map<string | CellValue, number>()
  private readonly known: Set<string>
  /**
   * With `keys: false`, the typed values of the last record refused for its cells (failed cells
   * undefined), so the caller can check its keys; undefined after a ragged record.
   */
  rejected: CellValue[] | undefined

  /**
   * `keys: false` leaves the primary key and unique columns to the caller (a publish checks them
   * with the staging table's unique indexes, so memory does not grow with the file).
   */
  constructor(
    private readonly table: CompiledTable,
    header: readonly string[] | undefined,
    private readonly file?: string,
    private readonly keys = true
  ) {
    // A unique column that is also the whole primary key is checked once, as the primary key:
    // one duplicate is one broken rule, not a [unique] and a [primary-key] error for the same cell.
    const [only, ...more] = table.primaryKey
    const pkColumn = more.length === 0 ? only : undefined
    this.uniques = table.fields.map((f, k) => (f.unique && k !== pkColumn ? new Map() : undefined))
    this.known = new Set(table.fields.map((f) => f.field.name))
    this.width = header?.length ?? 0
    if (header) this.positions = this.matchHeader(header)
  }

  private matchHeader(header: readonly string[]): number[] {
    const where = new Map<string, number>()
    header.forEach((label, i) => {
      if (where.has(label)) {
        this.headerErrors.push({
          row: 1,
          column: label,
          rule: 'duplicate-label',
          message: `column "${label}" appears twice in the header`,
          file: this.file,
        })
      } else where.set(label, i)
    })
    const used = new Set<number>()
    const positions = this.table.fields.map(({ field }) => {
      const i =
        where.get(field.name) ?? (field.title !== undefined ? where.get(field.title) : undefined)
      if (i === undefined) {
        this.headerErrors.push({
          row: 1,
          column: field.name,
          rule: 'missing-label',
          message: `the header has no column "${field.name}"`,
          file: this.file,
        })
        return -1
      }
      used.add(i)
      return i
    })
    header.forEach((label, i) => {
      if (!used.has(i) && !(label === '' && header.length > 0 && i === header.length - 1)) {
        this.headerErrors.push({
          row: 1,
          column: label || `#${i + 1}`,
          rule: 'extra-label',
          message: `column "${label}" is not in the table schema`,
          file: this.file,
        })
      }
    })
    return positions
  }

  /**
   * Validates one record; returns its typed values in field order, or undefined when it has
   * errors (all of them added to `errors`).
   */
  validate(record: RawRecord, row: number, errors: ErrorList): CellValue[] | undefined {
    const fields = this.table.fields
    const out: CellValue[] = new Array(fields.length)
    this.rejected = undefined
    let cells: readonly unknown[]
    if (Array.isArray(record)) {
      const positions = this.positions
      if (!positions) throw new Error('CSV records need a header')
      // A trailing delimiter (one extra empty cell) is common in exports and harmless.
      const n = record.length
      if (n !== this.width && !(n === this.width + 1 && record[n - 1] === '')) {
        errors.add({
          row,
          rule: 'ragged',
          message: `the row has ${n} cells, the header has ${this.width}`,
          file: this.file,
        })
        return undefined
      }
      cells = positions.map((p) => (p < 0 ? undefined : record[p]))
    } else {
      const obj = record as Readonly<Record<string, unknown>>
      cells = fields.map((f) => obj[f.field.name])
      for (const k in obj) {
        if (!this.known.has(k)) {
          errors.add({
            row,
            column: k,
            rule: 'extra-label',
            message: `"${k}" is not a field of the table schema`,
            file: this.file,
          })
        }
      }
    }
    const before = errors.count
    const missing = this.table.missingValues
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k] as (typeof fields)[number]
      const raw = cells[k]
      if (raw === undefined || raw === null || (typeof raw === 'string' && missing.has(raw))) {
        out[k] = null
        if (f.required) {
          errors.add({
            row,
            column: f.field.name,
            rule: 'required',
            message: 'a value is required',
            file: this.file,
          })
        }
        continue
      }
      const v = f.cast(raw)
      if (v === INVALID) {
        errors.add({
          row,
          column: f.field.name,
          rule: 'type',
          message: `expected ${f.expected}`,
          value: shortValue(raw),
          file: this.file,
        })
        continue
      }
      out[k] = v
      for (const check of f.checks) {
        const bad = check(v)
        if (bad)
          errors.add({
            row,
            column: f.field.name,
            rule: bad.rule,
            message: bad.message,
            value: shortValue(raw),
            file: this.file,
          })
      }
    }
    if (!this.keys) {
      if (errors.count === before) return out
      this.rejected = out
      return undefined
    }
    if (errors.count !== before) {
      // The row is bad anyway, but a duplicate key in it is one more broken rule to report; its
      // keys are not registered, so skipping it never makes a later good row look like a duplicate.
      this.checkKeys(out, row, errors, false)
      return undefined
    }
    return this.checkKeys(out, row, errors, true) ? out : undefined
  }

  private checkKeys(out: CellValue[], row: number, errors: ErrorList, register: boolean): boolean {
    const fields = this.table.fields
    let ok = true
    for (let k = 0; k < fields.length; k++) {
      const seen = this.uniques[k]
      const v = out[k]
      if (!seen || v === null || v === undefined) continue
      const first = seen.get(v)
      if (first !== undefined) {
        ok = false
        errors.add({
          row,
          column: fields[k]?.field.name,
          rule: 'unique',
          message: `the value is already used in row ${first}`,
          value: shortValue(v),
          file: this.file,
        })
      }
    }
    const pk = this.table.primaryKey
    let key: string | CellValue | undefined
    const parts = pk.map((i) => out[i])
    // A cell that failed its type is left undefined: such a key cannot be compared (the type error
    // is reported already).
    if (parts.some((p) => p === undefined)) key = undefined
    else if (pk.length === 1) key = parts[0]
    else if (pk.length > 1) key = JSON.stringify(parts)
    if (key !== undefined) {
      const first = this.pk.get(key)
      if (first !== undefined) {
        ok = false
        const names = pk.map((i) => fields[i]?.field.name).join(', ')
        errors.add({
          row,
          column: names,
          rule: 'primary-key',
          message: `primary key (${names}) is already used in row ${first}`,
          value: shortValue(key),
          file: this.file,
        })
      }
    }
    if (!ok || !register) return ok
    for (let k = 0; k < fields.length; k++) {
      const v = out[k]
      if (v !== null && v !== undefined) this.uniques[k]?.set(v, row)
    }
    if (key !== undefined) this.pk.set(key, row)
    return true
  }
}
