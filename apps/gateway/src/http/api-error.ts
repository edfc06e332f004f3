import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Error codes of the `{ error: { code, message, details } }` body. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'validation_failed'
  | 'not_available'
  | 'internal'

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  validation_failed: 422,
  not_available: 503,
  internal: 500,
}

/** An error a handler throws on purpose; the error middleware turns it into the JSON error body. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly status: ContentfulStatusCode
  readonly details: unknown
  readonly headers: Record<string, string>

  constructor(
    code: ErrorCode,
    message: string,
    details: unknown = null,
    headers: Record<string, string> = {}
  ) {
    super(message)
    this.code = code
    this.status = STATUS[code]
    this.details = details
    this.headers = headers
  }
}

/** The JSON error body. */
export function errorBody(code: ErrorCode, message: string, details: unknown = null) {
  return { error: { code, message, details } }
}

/** 400 naming the parameter. */
export function badParam(name: string, expected: string, value?: unknown): ApiError {
  return new ApiError('bad_request', `parameter "${name}": expected ${expected}`, {
    parameter: name,
    expected,
    ...(value === undefined ? {} : { actual: String(value).slice(0, 80) }),
  })
}
