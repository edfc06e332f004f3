import { CasesError } from '@gongkai/cases'
import type { Organ } from '@gongkai/store'
import type { Context } from 'hono'
import type { Action } from '../auth/role-table.js'
import type { TokenInfo } from '../auth/tokens.js'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { requireToken } from '../middleware/auth.js'
import { authorise } from '../middleware/authorise.js'

/** The gateway's error for a {@link CasesError} (same code, message and details). */
export function apiErrorOf(err: unknown): unknown {
  if (!(err instanceof CasesError)) return err
  return new ApiError(err.code, err.message, err.details)
}

/** The organs a caller may read: an officer its own, an admin its organisation's, the operator all. */
export function readableOrgans(organs: readonly Organ[], token: TokenInfo): Organ[] {
  return token.role === 'operator'
    ? [...organs]
    : token.role === 'officer'
      ? organs.filter((o) => o.id === token.scope && o.org === token.org)
      : organs.filter((o) => o.org === token.org)
}

/**
 * Authorises `action` on a stored case item of an organ: the item's organ (read by `organOfItem`),
 * then the role table on it; `absent()` (404) when the item does not exist or the caller may not
 * know it.
 */
export async function authoriseOrganItem(
  c: Context<Env>,
  organs: readonly Organ[],
  action: Action,
  absent: () => ApiError,
  organOfItem: () => Promise<string>
): Promise<TokenInfo> {
  requireToken(c)
  let organId: string
  try {
    organId = await organOfItem()
  } catch (err) {
    if (err instanceof CasesError && err.code === 'not_found') throw absent()
    throw apiErrorOf(err)
  }
  const org = organs.find((o) => o.id === organId)?.org
  return authorise(c, action, { org, absent, scope: organId })
}
