import type { Context } from 'hono'
import { type Action, ROLE_TABLE } from '../auth/role-table.js'
import type { Role } from '../auth/roles.js'
import type { TokenInfo } from '../auth/tokens.js'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { requireToken } from './auth.js'

/** The resource an action touches, as {@link authorise} needs it. */
export interface Target {
  /** The organisation that owns it; undefined when it does not exist. */
  org: string | undefined
  /** The error the route answers when the resource does not exist (404). */
  absent: () => ApiError
  /**
   * Its scope for scoped roles: a committee token acts only on the catalogue its scope names (403
   * for another catalogue of its organisation); an officer only on its organ's cases (404 for
   * another organ's).
   */
  scope?: string
  /**
   * Roles of the owning organisation that may know it exists (default: every role); the others
   * get {@link Target.absent}, e.g. a committee token asking about a 非开放 dataset.
   */
  seenBy?: readonly Role[]
}

/**
 * Applies the role table to a request, in the order of the contract's caller outcomes:
 * - no token, or a refused one: 401 (the gate answers those before the route runs);
 * - a resource that does not exist, belongs to another organisation, or that the caller's role may
 *   not see: `target.absent()`, the very answer of a missing resource. The organisation is checked
 *   before the role, so a caller of another organisation learns nothing, not even which roles would do;
 * - the caller's own organisation with a role the table does not list, or a scoped token aimed at
 *   another thing of its organisation: 403.
 * The operator acts in every organisation.
 */
export function authorise(c: Context<Env>, action: Action, target: Target): TokenInfo {
  const token = requireToken(c)
  if (target.org === undefined) throw target.absent()
  const global = token.role === 'operator'
  if (!global && token.org !== target.org) throw target.absent()
  if (!global && target.seenBy && !target.seenBy.includes(token.role)) throw target.absent()
  const rule = ROLE_TABLE[action]
  if (!rule.roles.includes(token.role)) {
    throw new ApiError(
      'forbidden',
      `role "${token.role}" may not ${rule.label}; it needs ${rule.roles.join(' or ')}`,
      { role: token.role, required: rule.roles }
    )
  }
  // Another organ's officer learns nothing of a case (requests carry personal data): 404.
  if (token.role === 'officer' && target.scope !== undefined && token.scope !== target.scope)
    throw target.absent()
  if (token.role === 'residents_committee' && target.scope !== undefined) {
    if (token.scope !== target.scope) {
      throw new ApiError(
        'forbidden',
        `this committee token acts only on catalogue "${token.scope}"`,
        { role: token.role, scope: token.scope }
      )
    }
  }
  return token
}

/** The 404 of an organisation that does not exist, or is not the caller's. */
export function organisationAbsent(id: string): () => ApiError {
  return () =>
    new ApiError('not_found', `organisation "${id}" does not exist`, { organisation: id })
}
