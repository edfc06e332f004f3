import { QueryTooExpensive } from '@gongkai/open-data'
import { ApiError } from './api-error.js'

/** Seconds a client is asked to wait after a query was cut or the query workers were all busy. */
const QUERY_RETRY_AFTER_S = 30

/**
 * The answer to a datastore query that did not finish: refused by its cost estimate → 400
 * `query_too_expensive`; cut at its time budget → 503 `query_too_expensive` with Retry-After; too
 * many heavy queries waiting → 503 `not_available` with Retry-After. Undefined for other errors.
 */
export function queryError(err: unknown): ApiError | undefined {
  if (!(err instanceof QueryTooExpensive)) return undefined
  if (err.phase === 'refused') return new ApiError('query_too_expensive', err.message, err.details)
  const headers = { 'retry-after': String(QUERY_RETRY_AFTER_S) }
  if (err.phase === 'busy') return new ApiError('not_available', err.message, null, headers)
  return new ApiError('query_too_expensive', err.message, err.details, headers, 503)
}
