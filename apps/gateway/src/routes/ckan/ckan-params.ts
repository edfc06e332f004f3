import type { Context } from 'hono'
import type { Env } from '../../deps.js'
import { CkanError, invalid } from './ckan-error.js'

/** Parameters of one action call, from the query string (GET) or the JSON body (POST). */
export type CkanParams = Record<string, unknown>

/** A query-string parameter given more than once (a list, where the action takes one). */
class Repeated extends Array<string> {}

/**
 * Reads an action's parameters: the query string on GET (a repeated name becomes a list, as CKAN
 * reads `?terms=a&terms=b`), the JSON object body on POST (query-string parameters too, the body
 * winning). `callback` (JSONP) is taken out on GET. Names outside `allowed` are refused by name.
 */
export async function readParams(
  c: Context<Env>,
  allowed: readonly string[]
): Promise<{ params: CkanParams; callback?: string }> {
  const params: CkanParams = {}
  for (const [k, v] of new URL(c.req.url).searchParams) {
    const prev = params[k]
    if (prev === undefined) params[k] = v
    else if (prev instanceof Repeated) prev.push(v)
    else params[k] = Repeated.from([prev as string, v])
  }
  let callback: string | undefined
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    if (params.callback !== undefined) {
      const cb = params.callback
      delete params.callback
      // JSONP: a dotted JavaScript name only, so the answer cannot smuggle script.
      if (
        typeof cb !== 'string' ||
        !/^[A-Za-z_$][\w$]{0,63}(\.[A-Za-z_$][\w$]{0,63}){0,4}$/.test(cb)
      )
        throw invalid('callback', 'must be a JavaScript function name')
      callback = cb
    }
  } else {
    const text = await c.req.text()
    if (text.trim() !== '') {
      let v: unknown
      try {
        v = JSON.parse(text)
      } catch {
        throw new CkanError(
          'Bad Request',
          'Bad request - JSON Error: Could not parse the body as JSON'
        )
      }
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new CkanError(
          'Bad Request',
          'Bad request - JSON Error: the body must be a JSON object'
        )
      Object.assign(params, v)
    }
  }
  for (const k of Object.keys(params)) {
    if (!allowed.includes(k))
      throw new CkanError(
        'Validation Error',
        `${k}: Unknown parameter (accepted: ${allowed.join(', ')})`,
        {
          [k]: ['This parameter is not supported'],
        }
      )
  }
  return callback ? { params, callback } : { params }
}

/** A single value: a repeated query parameter is refused rather than one copy picked silently. */
export function single(params: CkanParams, name: string): unknown {
  const v = params[name]
  if (v instanceof Repeated) throw invalid(name, 'given more than once')
  return v
}

/** A string parameter (numbers are accepted as their text), or undefined when absent. */
export function strParam(params: CkanParams, name: string): string | undefined {
  const v = single(params, name)
  if (v === undefined || v === null) return undefined
  if (typeof v === 'number') return String(v)
  if (typeof v !== 'string') throw invalid(name, 'must be a string')
  return v
}

/** A required non-empty string parameter. */
export function requiredStr(params: CkanParams, name: string): string {
  const v = strParam(params, name)
  if (v === undefined || v.trim() === '') throw invalid(name, 'Missing value')
  return v
}

/** A natural number between 0 and `max` (above `max` is refused, never silently cut). */
export function intParam(params: CkanParams, name: string, def: number, max: number): number {
  const v = single(params, name)
  if (v === undefined || v === '' || v === null) return def
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v)
        ? Number(v)
        : Number.NaN
  if (!Number.isInteger(n) || n < 0) throw invalid(name, 'Must be a natural number')
  if (n > max) throw invalid(name, `Must be less than or equal to ${max}`)
  return n
}

/** A boolean as CKAN reads one: true/false, or the strings true/false/1/0/yes/no/on/off. */
export function boolParam(params: CkanParams, name: string, def: boolean): boolean {
  const v = single(params, name)
  if (v === undefined || v === '' || v === null) return def
  if (typeof v === 'boolean') return v
  const s = String(v).toLowerCase()
  if (['true', '1', 'yes', 'on', 't', 'y'].includes(s)) return true
  if (['false', '0', 'no', 'off', 'f', 'n'].includes(s)) return false
  throw invalid(name, 'Must be a boolean (true or false)')
}

/** A parameter that is JSON in a query string and a JSON value in a POST body. */
export function jsonParam(params: CkanParams, name: string): unknown {
  const v = single(params, name)
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v) as unknown
  } catch {
    throw invalid(name, 'Could not parse as valid JSON')
  }
}

/**
 * A list of names: a JSON list, a list (repeated query parameter or JSON array), or a
 * comma-separated string, as CKAN's `fields` and `sort` accept.
 */
export function nameList(params: CkanParams, name: string): string[] | undefined {
  const v = params[name]
  if (v === undefined || v === null || v === '') return undefined
  let list: unknown = v
  if (typeof v === 'string') {
    const t = v.trim()
    if (t.startsWith('[')) {
      try {
        list = JSON.parse(t)
      } catch {
        throw invalid(name, 'Could not parse as valid JSON')
      }
    } else list = t.split(',')
  }
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
    throw invalid(name, 'must be a list of strings or a comma-separated string')
  const out = (list as string[]).flatMap((x) => x.split(',')).map((x) => x.trim())
  if (out.some((x) => x === '')) throw invalid(name, 'holds an empty name')
  return out
}
