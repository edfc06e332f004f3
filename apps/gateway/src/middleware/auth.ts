import type { Queryable } from '@gongkai/store'
import type { Context } from 'hono'
import type { Role } from '../auth/roles.js'
import { type TokenInfo, verifyToken } from '../auth/tokens.js'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { requestHeader } from '../http/request-header.js'

const CHALLENGE = { 'www-authenticate': 'Bearer realm="gongkai"' }

/**
 * Verifies `Authorization: Bearer <token>` (or CKAN's `X-CKAN-API-Key`) when present and sets
 * `c.var.token`; a bad token is 401 even on a read, so a client notices. Routes decide what they
 * require.
 */
export async function authenticate(c: Context<Env>, db: Queryable, now: () => Date): Promise<void> {
  const header = requestHeader(c, 'authorization') ?? requestHeader(c, 'x-ckan-api-key')
  if (header === undefined) return
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header) ?? /^(gk_\S+)$/.exec(header)
  if (!m?.[1])
    throw new ApiError('unauthorized', 'expected "Authorization: Bearer <token>"', null, CHALLENGE)
  const r = await verifyToken(db, m[1], now())
  if (!r.ok) {
    throw new ApiError(
      'unauthorized',
      `token refused: ${r.reason}`,
      { reason: r.reason },
      CHALLENGE
    )
  }
  c.set('token', r.token)
}

/** The request's token; 401 when none was presented. */
export function requireToken(c: Context<Env>): TokenInfo {
  const token = c.get('token')
  if (!token)
    throw new ApiError(
      'unauthorized',
      'this operation needs "Authorization: Bearer <token>"',
      null,
      CHALLENGE
    )
  return token
}

/** The request's token with one of `roles`; 401 without a token, 403 with another role. */
export function requireRole(c: Context<Env>, roles: readonly Role[]): TokenInfo {
  const token = requireToken(c)
  if (!roles.includes(token.role)) {
    throw new ApiError(
      'forbidden',
      `role "${token.role}" may not do this; needs ${roles.join(' or ')}`,
      {
        role: token.role,
        required: roles,
      }
    )
  }
  return token
}
