import { ApiError } from '../http/api-error.js'

/**
 * Ids a new committee catalogue may not take: the portal's own pages under `/committees/` would
 * shadow it.
 */
export const RESERVED_CATALOGUE_IDS: ReadonlySet<string> = new Set(['login', 'logout', 'new'])

/** Ids a new dataset may not take, kept free for pages under `/datasets/`. */
export const RESERVED_DATASET_IDS: ReadonlySet<string> = new Set(['new', 'search'])

/**
 * The one answer to creating something under an id that is taken (by anyone, visible to the
 * caller or not) or reserved: 409 `id_unavailable`, the same body in every case, so a create
 * never tells whether a hidden dataset holds the id.
 */
export function idUnavailable(kind: 'dataset' | 'catalogue', id: string): ApiError {
  return new ApiError('id_unavailable', `${kind} id "${id}" is taken or reserved; choose another`, {
    [kind]: id,
  })
}
