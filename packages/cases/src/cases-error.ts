/** Codes of {@link CasesError}; each joins the gateway's one `ErrorCode` list with its HTTP status. */
export type CasesErrorCode =
  /** 422: the history would become impossible (details `{ event: { index, type, date }, rule }`). */
  | 'impossible_history'
  /** 400: a malformed parameter (details `{ parameter, expected, actual }`). */
  | 'bad_request'
  /** 404: no such request. */
  | 'not_found'
  /** 409: the id is taken. */
  | 'id_unavailable'
  /** 422: a text to be published holds personal information (details `[{ pointer, rule, value }]`). */
  | 'personal_information'

/** The event an `impossible_history` error names: its index in the dated history and its type. */
export interface OffendingEvent {
  index: number
  type: string
  date: string
}

/** Details of an `impossible_history` error. */
export interface ImpossibleHistoryDetails {
  event: OffendingEvent
  /** Short code of the rule broken, e.g. `second_extension`, `reply_before_receipt`. */
  rule: string
}

/** Details of a `bad_request` error (CONTRACTS: parameter errors). */
export interface BadRequestDetails {
  parameter: string
  expected: string
  actual: unknown
}

/**
 * The one error type of `@gongkai/cases`. `toJSON()` gives the gateway's body shape
 * `{ error: { code, message, details } }`.
 */
export class CasesError extends Error {
  readonly code: CasesErrorCode
  readonly details: unknown

  constructor(code: CasesErrorCode, message: string, details: unknown = {}) {
    super(message)
    this.name = 'CasesError'
    this.code = code
    this.details = details
  }

  /** The error body answered by the REST API and printed by the CLI with `--json`. */
  toJSON(): { error: { code: CasesErrorCode; message: string; details: unknown } } {
    return { error: { code: this.code, message: this.message, details: this.details } }
  }
}

/** A `bad_request` error for one parameter. */
export const badRequest = (parameter: string, expected: string, actual: unknown): CasesError =>
  new CasesError(
    'bad_request',
    `${parameter}: expected ${expected}, got ${JSON.stringify(actual)}`,
    { parameter, expected, actual } satisfies BadRequestDetails
  )
