/**
 * A rows query the datastore will not finish: `refused` before running (its estimated cost is
 * over the limit: HTTP 400), `cut` while running (past its time budget: 503 with Retry-After), or
 * `busy` (too many heavy queries wait: 503 with Retry-After). The gateway answers
 * `query_too_expensive` for the first two and `not_available` for the third.
 */
export class QueryTooExpensive extends Error {
  readonly code = 'query_too_expensive'

  constructor(
    readonly phase: 'refused' | 'cut' | 'busy',
    message: string,
    readonly details: Record<string, unknown> | null
  ) {
    super(message)
    this.name = 'QueryTooExpensive'
  }
}
