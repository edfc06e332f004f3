import type { TableField } from '@gongkai/schema'
import {
  compileStrptime,
  type DateParts,
  formatParts,
  parseDate,
  parseDateTime,
} from './date-format.js'

/** A typed cell: what the datastore stores and exporters write. */
export type CellValue = string | number | boolean | null

/** Returned by a caster for a value that is not of the field's type. */
export const INVALID: unique symbol = Symbol('invalid')

// A CSV cell holding JSON (geopoint object/array formats); JSON sources give the value itself.
// Unparseable text becomes INVALID, which every caller reports as a type error.
const jsonCell = (raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw
  try {
    return JSON.parse(raw)
  } catch {
    return INVALID
  }
}

/** Converts a raw cell (CSV text or JSON value, never a missing value) to its typed value. */
export type Caster = (raw: unknown) => CellValue | typeof INVALID

/** A compiled field: how to cast it and how to say what was expected. */
export interface CompiledCaster {
  cast: Caster
  /** What a valid value looks like, for messages, e.g. `an integer`, `a date YYYY-MM-DD`. */
  expected: string
}

/** Values Frictionless reads as booleans, plus the Chinese 是/否 government exports use. */
const TRUE_VALUES = new Set(['true', 'True', 'TRUE', '1', '是'])
const FALSE_VALUES = new Set(['false', 'False', 'FALSE', '0', '否'])

const INTEGER = /^[+-]?\d+$/
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const YEAR = /^\d{4}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$/
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function stringCaster(format: string | undefined): CompiledCaster {
  const re =
    format === 'email'
      ? EMAIL
      : format === 'uri'
        ? URI
        : format === 'uuid'
          ? UUID
          : format === 'binary'
            ? BASE64
            : undefined
  const toText = (raw: unknown): string | typeof INVALID =>
    typeof raw === 'string'
      ? raw
      : typeof raw === 'number' || typeof raw === 'boolean'
        ? String(raw)
        : INVALID
  if (!re) return { cast: toText, expected: 'text' }
  return {
    cast: (raw) => {
      const s = toText(raw)
      return s !== INVALID && re.test(s) ? s : INVALID
    },
    expected: `text in format ${format}`,
  }
}

function dateCaster(field: TableField, withTime: boolean): CompiledCaster | string {
  const format = field.format ?? 'default'
  let parse: (s: string) => DateParts | undefined
  let expected: string
  if (format === 'default' || format === 'any') {
    parse = withTime ? parseDateTime : (s) => parseDate(s, format)
    expected = withTime
      ? 'a datetime YYYY-MM-DDThh:mm:ss'
      : format === 'any'
        ? 'a date (YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日 …)'
        : 'a date YYYY-MM-DD'
  } else {
    const p = compileStrptime(format)
    if (!p)
      return `format "${format}" of field "${field.name}" is not default, any or a %Y/%m/%d pattern`
    parse = p
    expected = `a ${withTime ? 'datetime' : 'date'} like ${format}`
  }
  return {
    cast: (raw) => {
      if (typeof raw !== 'string') return INVALID
      const p = parse(raw.trim())
      return p ? formatParts(p, withTime) : INVALID
    },
    expected,
  }
}

function geopointCaster(format: string | undefined): CompiledCaster {
  const ok = (lon: unknown, lat: unknown): string | typeof INVALID => {
    const x =
      typeof lon === 'number'
        ? lon
        : typeof lon === 'string' && NUMBER.test(lon.trim())
          ? +lon
          : Number.NaN
    const y =
      typeof lat === 'number'
        ? lat
        : typeof lat === 'string' && NUMBER.test(lat.trim())
          ? +lat
          : Number.NaN
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) return INVALID
    return `${x},${y}`
  }
  if (format === 'object') {
    return {
      cast: (raw) => {
        const v = jsonCell(raw)
        if (typeof v !== 'object' || v === null) return INVALID
        const o = v as Record<string, unknown>
        return ok(o.lon, o.lat)
      },
      expected: 'a geopoint {"lon": …, "lat": …}',
    }
  }
  if (format === 'array') {
    return {
      cast: (raw) => {
        const v = jsonCell(raw)
        return Array.isArray(v) && v.length === 2 ? ok(v[0], v[1]) : INVALID
      },
      expected: 'a geopoint [lon, lat]',
    }
  }
  return {
    cast: (raw) => {
      if (typeof raw !== 'string') return INVALID
      const parts = raw.split(',')
      return parts.length === 2 ? ok(parts[0], parts[1]) : INVALID
    },
    expected: 'a geopoint "lon, lat"',
  }
}

/**
 * Compiles the caster of a field by Table Schema type and format. Non-string types are trimmed
 * first (spreadsheets pad numbers). Returns a message when the format cannot be used.
 */
export function compileCaster(field: TableField): CompiledCaster | string {
  switch (field.type) {
    case 'string':
      return stringCaster(field.format)
    case 'integer':
      return {
        cast: (raw) => {
          if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : INVALID
          if (typeof raw !== 'string') return INVALID
          const s = raw.trim()
          if (!INTEGER.test(s)) return INVALID
          const n = Number(s)
          return Number.isSafeInteger(n) ? n : INVALID
        },
        expected: 'an integer',
      }
    case 'number':
      return {
        cast: (raw) => {
          if (typeof raw === 'number') return Number.isFinite(raw) ? raw : INVALID
          if (typeof raw !== 'string') return INVALID
          const s = raw.trim()
          return NUMBER.test(s) ? Number(s) : INVALID
        },
        expected: 'a number',
      }
    case 'boolean':
      return {
        cast: (raw) => {
          if (typeof raw === 'boolean') return raw
          if (typeof raw !== 'string') return INVALID
          const s = raw.trim()
          return TRUE_VALUES.has(s) ? true : FALSE_VALUES.has(s) ? false : INVALID
        },
        expected: 'a boolean (true/false, 1/0, 是/否)',
      }
    case 'year':
      return {
        cast: (raw) => {
          if (typeof raw === 'number')
            return Number.isInteger(raw) && raw >= 0 && raw <= 9999 ? raw : INVALID
          if (typeof raw !== 'string') return INVALID
          const s = raw.trim()
          return YEAR.test(s) ? Number(s) : INVALID
        },
        expected: 'a year YYYY',
      }
    case 'date':
      return dateCaster(field, false)
    case 'datetime':
      return dateCaster(field, true)
    case 'geopoint':
      return geopointCaster(field.format)
    default:
      return `field "${(field as TableField).name}" has unknown type "${(field as TableField).type}"`
  }
}

/** SQLite column type of a Table Schema type. */
export function sqlTypeOf(type: TableField['type']): 'INTEGER' | 'REAL' | 'TEXT' {
  return type === 'integer' || type === 'year' || type === 'boolean'
    ? 'INTEGER'
    : type === 'number'
      ? 'REAL'
      : 'TEXT'
}
