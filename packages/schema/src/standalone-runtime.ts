// Helpers the generated standalone validators import. ajv's own standalone output would
// `require()` them, which an ESM bundle cannot do, so the generator rewrites those calls to these.
import { fullFormats } from 'ajv-formats/dist/formats.js'

/** The format implementations (ajv-formats "full" mode) used by generated and run-time validators. */
export const gkFormats = fullFormats

/** One ajv error object, as the standalone code builds it (`messages: false`). */
interface ErrorObject {
  instancePath: string
  schemaPath: string
  keyword: string
  params: Record<string, unknown>
}

/**
 * Appends an error to a validator's list, creating the list on the first error. The generator
 * turns each of ajv's inline error sites into a call of this (scripts/compact-error-sites.ts).
 */
export function pushError(
  errors: ErrorObject[] | null,
  instancePath: string,
  schemaPath: string,
  keyword: string,
  params: Record<string, unknown>
): ErrorObject[] {
  const error = { instancePath, schemaPath, keyword, params }
  if (errors === null) return [error]
  errors.push(error)
  return errors
}

/** Length in Unicode code points, as JSON Schema counts minLength / maxLength. */
export function ucs2length(str: string): number {
  let length = 0
  for (let pos = 0; pos < str.length; pos++) {
    length++
    const c = str.charCodeAt(pos)
    if (c >= 0xd800 && c <= 0xdbff && pos + 1 < str.length) {
      if ((str.charCodeAt(pos + 1) & 0xfc00) === 0xdc00) pos++
    }
  }
  return length
}

/** Structural equality of JSON values (uniqueItems, const, enum of objects). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false
      for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false
      return true
    }
    if (Array.isArray(b)) return false
    const ka = Object.keys(a)
    if (ka.length !== Object.keys(b).length) return false
    for (const k of ka) {
      if (!Object.hasOwn(b, k)) return false
      if (!equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
    }
    return true
  }
  // Both NaN counts as equal, like fast-deep-equal.
  return Number.isNaN(a) && Number.isNaN(b)
}
