import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * Every error code of the `{ error: { code, message, details } }` body with its HTTP status(es):
 * the first is the default, any other one a code may answer with is listed after it. The gateway
 * README has the same list as one table (a test compares them); a new code joins both.
 */
export const ERROR_CODES = {
  bad_request: [400],
  unauthorized: [401],
  forbidden: [403],
  not_found: [404],
  method_not_allowed: [405],
  request_timeout: [408],
  conflict: [409],
  id_unavailable: [409],
  publish_in_progress: [409],
  gone: [410],
  payload_too_large: [413],
  unsupported_media_type: [415],
  validation_failed: [422],
  personal_information: [422],
  impossible_history: [422],
  rate_limited: [429],
  // Refused before running (400); cut while running (503 with Retry-After).
  query_too_expensive: [400, 503],
  internal: [500],
  not_available: [503],
  store_unreachable: [503],
  store_in_transaction: [503],
  schema_outdated: [503],
  schema_newer: [503],
} as const satisfies Record<string, readonly ContentfulStatusCode[]>

/** Error codes of the `{ error: { code, message, details } }` body. */
export type ErrorCode = keyof typeof ERROR_CODES

/** The HTTP statuses `code` may answer with. */
type StatusOf<C extends ErrorCode> = (typeof ERROR_CODES)[C][number]

/** An error a handler throws on purpose; the error middleware turns it into the JSON error body. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly status: ContentfulStatusCode
  readonly details: unknown
  readonly headers: Record<string, string>

  /** `status` picks one of the code's other statuses (e.g. 503 for a cut `query_too_expensive`). */
  constructor(
    code: ErrorCode,
    message: string,
    details: unknown = null,
    headers: Record<string, string> = {},
    status?: StatusOf<typeof code>
  ) {
    super(message)
    this.code = code
    const allowed: readonly ContentfulStatusCode[] = ERROR_CODES[code]
    this.status = status !== undefined && allowed.includes(status) ? status : (allowed[0] ?? 500)
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

/**
 * 422 `personal_information`: the privacy guard found personal information a declaration does not
 * allow. `details` are the findings `{ pointer, rule, value (masked), override }`; the message
 * names the rules that fired.
 */
export function personalInformation(
  what: string,
  findings: readonly { pointer: string; rule: string; value: string; override: string | null }[]
): ApiError {
  const rules = [...new Set(findings.map((f) => f.rule))]
  return new ApiError(
    'personal_information',
    `${what}: personal information found (${rules.join(', ')}); remove or mask it, or, where a law requires it to be public, add the rule to privacy.allow at the key each finding's override names`,
    findings.map(({ pointer, rule, value, override }) => ({ pointer, rule, value, override }))
  )
}
