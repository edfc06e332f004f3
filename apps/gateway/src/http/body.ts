import type { Context } from 'hono'
import { ApiError } from './api-error.js'
import { checkBodyText } from './text-bounds.js'

/** Parses a JSON object body: 415 for another media type, 400 for bad JSON or a non-object. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', 'expected Content-Type: application/json', {
      contentType: type || null,
    })
  }
  let text: string
  try {
    text = await c.req.text()
  } catch (err) {
    // A body cut by its deadline (408) or the body limit (413) is that, not bad JSON.
    const cause = err instanceof ApiError ? err : (err as { cause?: unknown })?.cause
    throw cause instanceof ApiError ? cause : err
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (err) {
    throw new ApiError('bad_request', `request body is not valid JSON: ${(err as Error).message}`, {
      pointer: '',
    })
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('bad_request', 'request body must be a JSON object', { pointer: '' })
  }
  checkBodyText(body)
  return body as Record<string, unknown>
}

/** A required non-empty string field of a body; 400 naming its pointer. */
export function requiredString(body: Record<string, unknown>, key: string, max = 2000): string {
  const v = body[key]
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
    throw new ApiError(
      'validation_failed',
      `"${key}" is required: a non-empty string of at most ${max} characters`,
      [
        {
          pointer: `/${key}`,
          keyword: 'required',
          message: `expected a non-empty string`,
          expected: 'string',
          actual: JSON.stringify(v ?? null),
        },
      ]
    )
  }
  return v.trim()
}

/** An optional string field; 400 naming its pointer when present but not a string. */
export function optionalString(
  body: Record<string, unknown>,
  key: string,
  max = 2000
): string | undefined {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string' || v.length > max) {
    throw new ApiError(
      'validation_failed',
      `"${key}" must be a string of at most ${max} characters`,
      [
        {
          pointer: `/${key}`,
          keyword: 'type',
          message: 'expected a string',
          expected: 'string',
          actual: JSON.stringify(v),
        },
      ]
    )
  }
  return v
}

/** Refuses body keys outside `allowed` (400 naming the pointer). */
export function onlyKeys(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(body)) {
    if (!allowed.includes(k)) {
      throw new ApiError('validation_failed', `unknown field "${k}"`, [
        {
          pointer: `/${k}`,
          keyword: 'additionalProperties',
          message: 'unknown field',
          expected: allowed.join(' | '),
          actual: k,
        },
      ])
    }
  }
}
