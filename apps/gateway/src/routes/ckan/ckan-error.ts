import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** CKAN error types and the HTTP status CKAN's API view gives each (reference/open-data.md §2.2). */
export const CKAN_STATUS = {
  'Bad Request': 400,
  'Authorization Error': 403,
  'Not Found Error': 404,
  'Validation Error': 409,
  'Search Query Error': 400,
  'Service Unavailable': 503,
} as const satisfies Record<string, ContentfulStatusCode>

/** One of CKAN's error `__type`s. */
export type CkanErrorType = keyof typeof CKAN_STATUS

/**
 * An error answered in CKAN's shape: `{ success: false, error: { __type, message, <field>: [..] } }`.
 * `fields` name the parameter at fault, as CKAN's Validation Error does.
 */
export class CkanError extends Error {
  constructor(
    readonly type: CkanErrorType,
    message: string,
    readonly fields: Record<string, string[]> = {}
  ) {
    super(message)
  }
}

/** A Validation Error naming one parameter. */
export function invalid(parameter: string, problem: string): CkanError {
  return new CkanError('Validation Error', `${parameter}: ${problem}`, { [parameter]: [problem] })
}

/** A Search Query Error naming one parameter (400, as CKAN answers a query Solr cannot parse). */
export function badQuery(parameter: string, problem: string): CkanError {
  return new CkanError('Search Query Error', `Search Query Error: ${parameter}: ${problem}`, {
    [parameter]: [problem],
  })
}
