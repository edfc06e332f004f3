import { createHash } from 'node:crypto'

/** What a keyset cursor holds: version, query fingerprint, last sort key and rowid. */
export interface CursorState {
  /** Dataset version the pages come from (pinned, so a new version mid-paging changes nothing). */
  v: number
  /** Fingerprint of filters, q and sort; a cursor only continues the query that made it. */
  h: string
  /** Sort-key values of the last row returned. */
  k: (string | number | null)[]
  /** rowid of the last row returned (the tie-break). */
  r: number
}

/** Fingerprint of a query's shape (filters, q, sort). */
export function queryFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12)
}

/** Encodes a cursor as opaque base64url text. */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')
}

/** Decodes a cursor; undefined when it is not one of ours. */
export function decodeCursor(text: string): CursorState | undefined {
  try {
    const s = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as CursorState
    if (
      typeof s === 'object' &&
      s !== null &&
      Number.isInteger(s.v) &&
      typeof s.h === 'string' &&
      Array.isArray(s.k) &&
      s.k.every((x) => x === null || typeof x === 'string' || typeof x === 'number') &&
      Number.isInteger(s.r)
    ) {
      return s
    }
  } catch {
    // fall through: not a cursor
  }
  return undefined
}
