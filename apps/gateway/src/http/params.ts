import { isIsoDate } from '@gongkai/text'
import type { Context } from 'hono'
import { ApiError, badParam } from './api-error.js'

/** Pattern of every id in a path or query (catalogues, entries, datasets, records, tokens). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/

/** Default and largest page size of list endpoints. */
const LIMITS = { defaultLimit: 50, maxLimit: 500 } as const

/**
 * Checks an id taken from the URL: the pattern, no `..` (which the pattern alone allows), at most
 * 200 characters. Decoded `%2e%2e`, `/` and NUL all fail here, so no id can name a path.
 */
export function checkId(name: string, value: string | undefined): string {
  if (
    value === undefined ||
    value.length > 200 ||
    !ID_PATTERN.test(value) ||
    value.includes('..')
  ) {
    throw badParam(name, `an id matching ${ID_PATTERN.source} without ".."`, value)
  }
  return value
}

/** Path parameter, validated as an id. */
export function pathId(c: Context, name: string): string {
  return checkId(name, c.req.param(name))
}

/**
 * Refuses query parameters the route does not know (400 naming the first), and repeated ones.
 * `extra` may accept dynamic names (e.g. dataset columns).
 */
export function checkQuery(
  c: Context,
  allowed: readonly string[],
  extra?: (name: string) => boolean
): Record<string, string> {
  const url = c.req.url
  const q = url.indexOf('?')
  const out: Record<string, string> = {}
  if (q < 0) return out
  const params = new URLSearchParams(url.slice(q + 1))
  for (const [k, v] of params) {
    if (!allowed.includes(k) && !extra?.(k)) {
      throw new ApiError('bad_request', `unknown query parameter "${k}"`, {
        parameter: k,
        allowed: [...allowed],
      })
    }
    if (k in out) throw badParam(k, 'a single value (the parameter is repeated)')
    if (v.includes('\0')) throw badParam(k, 'a value without NUL bytes')
    out[k] = v
  }
  return out
}

/** `limit`: integer 1..max, default `def`. */
export function parseLimit(
  value: string | undefined,
  def: number = LIMITS.defaultLimit,
  max: number = LIMITS.maxLimit,
  name = 'limit'
): number {
  if (value === undefined) return def
  if (!/^\d{1,6}$/.test(value)) throw badParam(name, `an integer from 1 to ${max}`, value)
  const n = Number(value)
  if (n < 1 || n > max) throw badParam(name, `an integer from 1 to ${max}`, value)
  return n
}

/** Non-negative integer (offsets). */
export function parseOffset(value: string | undefined, name: string): number {
  if (value === undefined) return 0
  if (!/^\d{1,9}$/.test(value)) throw badParam(name, 'a non-negative integer', value)
  return Number(value)
}

/** Opaque cursor: base64url of a JSON key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')
}

/** Decodes a cursor made by {@link encodeCursor}; 400 naming `cursor` when it is not one. */
export function decodeCursor<T>(
  value: string | undefined,
  check: (v: unknown) => v is T
): T | undefined {
  if (value === undefined) return undefined
  try {
    if (!/^[A-Za-z0-9_-]{1,2000}$/.test(value)) throw new Error('not base64url')
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (check(parsed)) return parsed
  } catch {
    // fall through to the 400 below
  }
  throw badParam('cursor', 'a cursor returned as `next` by this endpoint', value)
}

/** ISO date (YYYY-MM-DD) or date-time. */
export function parseDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  // Date.parse rolls 2021-02-30 over to March: the day is checked on its own.
  if (
    !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ||
    Number.isNaN(Date.parse(value)) ||
    !isIsoDate(value.slice(0, 10))
  ) {
    throw badParam(name, 'an ISO date such as 2021-06-30', value)
  }
  return value
}

/** A value from a fixed list; 400 naming the parameter and listing `allowed` otherwise. */
export function parseEnum<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[]
): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    const expected = `one of ${allowed.join(', ')}`
    throw new ApiError('bad_request', `parameter "${name}": expected ${expected}`, {
      parameter: name,
      expected,
      allowed: [...allowed],
      actual: value.slice(0, 80),
    })
  }
  return value as T
}

/** Free text (search): at most 200 characters. */
export function parseText(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  if (value.length > 200) throw badParam(name, 'at most 200 characters', value)
  return value.trim() || undefined
}
