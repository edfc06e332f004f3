import type { Queryable } from '@gongkai/store'
import type { Context } from 'hono'
import { type TokenInfo, verifyToken } from '../auth/tokens.js'
import type { Env } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { requestHeader } from '../http/request-header.js'

const CHALLENGE = { 'www-authenticate': 'Bearer realm="gongkai"' }

/** What the request presents: nothing, something unreadable, or a token secret. */
type Credential = { kind: 'none' } | { kind: 'malformed' } | { kind: 'secret'; secret: string }

/**
 * Reads `Authorization: Bearer <token>` (any case of `Bearer`, any run of spaces) or CKAN's
 * `X-CKAN-API-Key: <token>`. `Bearer X`, `bearer X` and `Bearer  X` present the same secret.
 */
function readCredential(c: Context<Env>): Credential {
  const header = requestHeader(c, 'authorization') ?? requestHeader(c, 'x-ckan-api-key')
  if (header === undefined) return { kind: 'none' }
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header) ?? /^\s*(gk_\S+)\s*$/.exec(header)
  return m?.[1] ? { kind: 'secret', secret: m[1] } : { kind: 'malformed' }
}

/** Outcome of checking a credential: a token, no token, or the 401 to answer. */
export type Authentication =
  | { ok: true; token: TokenInfo | undefined }
  | { ok: false; error: ApiError }

/** 401 for a header that is not `Bearer gk_…`. */
const malformed = () =>
  new ApiError(
    'unauthorized',
    'expected "Authorization: Bearer gk_…" (a gongkai token)',
    null,
    CHALLENGE
  )

/** 401 for an unknown, expired or revoked token: one body for all three, so none is told apart. */
const refused = () =>
  new ApiError('unauthorized', 'token refused: unknown, expired or revoked', null, CHALLENGE)

/**
 * Checks the request's credential without writing anything: a malformed one costs no store read,
 * a well-formed one one indexed read. Routes decide what they require; a bad token is 401 even on
 * a read, so a client notices.
 */
export async function authenticate(
  c: Context<Env>,
  db: Queryable,
  now: () => Date
): Promise<Authentication> {
  const credential = readCredential(c)
  if (credential.kind === 'none') return { ok: true, token: undefined }
  if (credential.kind === 'malformed') return { ok: false, error: malformed() }
  const r = await verifyToken(db, credential.secret, now())
  if (!r.ok) return { ok: false, error: r.reason === 'malformed' ? malformed() : refused() }
  return { ok: true, token: r.token }
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
