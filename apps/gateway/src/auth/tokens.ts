import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Queryable, Store } from '@gongkai/store'
import { gatewayMigrations } from '../migrations.js'
import { getOrganisation } from './organisations.js'
import { isRole, type Role } from './roles.js'

/** Prefix of every token secret, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = 'gk_'

/** What a token may do; the secret itself is never stored, only its SHA-256. */
export interface TokenInfo {
  id: string
  /** The organisation the token belongs to (for an `operator`: the one that issued it). */
  org: string
  role: Role
  /**
   * The organisation id, or for `residents_committee` the id of the committee's catalogue, for
   * `officer` the id of its organ.
   */
  scope: string
  /** Dataset ids a `conditional_reader` may read. */
  grants: string[]
  label: string | null
  createdAt: string
  expiresAt: string | null
  revokedAt: string | null
}

/** Input of {@link createToken}. */
export interface CreateTokenInput {
  org: string
  role: Role
  /** Default: `org` (for a committee token: its catalogue id; for an officer: its organ id). */
  scope?: string
  grants?: string[]
  label?: string
  /** ISO date-time after which the token is refused. */
  expiresAt?: string
  now?: Date
}

interface TokenRow {
  id: string
  hash: string
  org: string
  role: string
  scope: string
  grants: string
  label: string | null
  created_at: string
  expires_at: string | null
  revoked_at: string | null
}

/** SHA-256 (hex) of a token secret: what the store keeps. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

function toInfo(r: TokenRow): TokenInfo {
  let grants: string[] = []
  try {
    const parsed: unknown = JSON.parse(r.grants)
    if (Array.isArray(parsed)) grants = parsed.filter((g): g is string => typeof g === 'string')
  } catch {
    grants = []
  }
  return {
    id: r.id,
    org: r.org,
    // An unknown role in the store (a newer version wrote it) gets the least power.
    role: isRole(r.role) ? r.role : 'conditional_reader',
    scope: r.scope,
    grants,
    label: r.label,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }
}

/**
 * Issues a token: a random 32-byte secret (base64url, prefixed `gk_`) returned once; only its
 * SHA-256 is stored. Pass a transaction's `Queryable` to issue it atomically with other writes.
 */
export async function createToken(
  db: Queryable,
  input: CreateTokenInput
): Promise<{ token: string; id: string; info: TokenInfo }> {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  const id = `tok-${randomBytes(8).toString('hex')}`
  const createdAt = (input.now ?? new Date()).toISOString()
  const row: TokenRow = {
    id,
    hash: hashToken(secret),
    org: input.org,
    role: input.role,
    scope: input.scope ?? input.org,
    grants: JSON.stringify(input.grants ?? []),
    label: input.label ?? null,
    created_at: createdAt,
    expires_at: input.expiresAt ?? null,
    revoked_at: null,
  }
  await db.run(
    `INSERT INTO gateway_tokens (id, hash, org, role, scope, grants, label, created_at, expires_at, revoked_at)
     VALUES (@id, @hash, @org, @role, @scope, @grants, @label, @created_at, @expires_at, @revoked_at)`,
    row as unknown as Record<string, string | null>
  )
  return { token: secret, id, info: toInfo(row) }
}

/** Why a presented token was refused (callers see one answer for the last three). */
export type TokenRefusal = 'malformed' | 'unknown' | 'expired' | 'revoked'

/** The shape of every token secret: `gk_` and 43 base64url characters (32 bytes). */
export const TOKEN_PATTERN = /^gk_[A-Za-z0-9_-]{43}$/

/**
 * Looks a presented secret up by its hash and compares the hashes in constant time; refuses
 * unknown, expired and revoked tokens. A malformed secret is refused without a store read. Reads
 * only: a refused token costs no storage.
 */
export async function verifyToken(
  db: Queryable,
  secret: string,
  now: Date = new Date()
): Promise<{ ok: true; token: TokenInfo } | { ok: false; reason: TokenRefusal }> {
  if (!TOKEN_PATTERN.test(secret)) {
    return { ok: false, reason: 'malformed' }
  }
  const hash = hashToken(secret)
  const row = await db.get<TokenRow>('SELECT * FROM gateway_tokens WHERE hash = ?', [hash])
  if (!row) return { ok: false, reason: 'unknown' }
  const a = Buffer.from(row.hash, 'hex')
  const b = Buffer.from(hash, 'hex')
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'unknown' }
  if (row.revoked_at) return { ok: false, reason: 'revoked' }
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) {
    return { ok: false, reason: 'expired' }
  }
  return { ok: true, token: toInfo(row) }
}

/** Every token (never the secrets), newest first; only those of `org` when given. */
export async function listTokens(
  db: Queryable,
  options: { org?: string } = {}
): Promise<TokenInfo[]> {
  await ensureTables(db)
  const rows =
    options.org === undefined
      ? await db.all<TokenRow>('SELECT * FROM gateway_tokens ORDER BY created_at DESC, id')
      : await db.all<TokenRow>(
          'SELECT * FROM gateway_tokens WHERE org = ? ORDER BY created_at DESC, id',
          [options.org]
        )
  return rows.map(toInfo)
}

/**
 * Revokes a token; false when the id is unknown, already revoked, or (with `org`) of another
 * organisation. Every portal session made with it ends too: sessions check their token on every
 * request.
 */
export async function revokeToken(
  db: Queryable,
  id: string,
  now: Date = new Date(),
  options: { org?: string } = {}
): Promise<boolean> {
  await ensureTables(db)
  const r =
    options.org === undefined
      ? await db.run(
          'UPDATE gateway_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
          [now.toISOString(), id]
        )
      : await db.run(
          'UPDATE gateway_tokens SET revoked_at = ? WHERE id = ? AND org = ? AND revoked_at IS NULL',
          [now.toISOString(), id, options.org]
        )
  return r.changes > 0
}

/**
 * Whether the token `id` may still act: known, not revoked, not expired. What a portal session
 * asks on every request.
 */
export async function tokenActive(
  db: Queryable,
  id: string,
  now: Date = new Date()
): Promise<boolean> {
  const row = await db.get<Pick<TokenRow, 'expires_at' | 'revoked_at'>>(
    'SELECT expires_at, revoked_at FROM gateway_tokens WHERE id = ?',
    [id]
  )
  if (!row || row.revoked_at) return false
  return !row.expires_at || Date.parse(row.expires_at) > now.getTime()
}

/** One token by id. */
export async function getToken(db: Queryable, id: string): Promise<TokenInfo | undefined> {
  const row = await db.get<TokenRow>('SELECT * FROM gateway_tokens WHERE id = ?', [id])
  return row ? toInfo(row) : undefined
}

// The CLI calls these on a store the gateway may never have opened: migrate first.
async function ensureTables(db: Queryable): Promise<void> {
  if ('migrate' in db) await (db as Store).migrate(gatewayMigrations)
}

/**
 * Issues a token for the CLI (`gongkai token create`): default role `admin`; the only way to an
 * `operator` token. Migrates the gateway tables first, so it works on a fresh store; refuses an
 * organisation that is not registered (`gongkai org add`).
 * @example const { token } = await createAdminToken(store, { org: 'demo-district' })
 */
export async function createAdminToken(
  store: Store,
  options: {
    org: string
    role?: Role
    scope?: string
    expiresAt?: string
    grants?: string[]
    label?: string
  }
): Promise<{ token: string; id: string; info: TokenInfo }> {
  await store.migrate(gatewayMigrations)
  if (!(await getOrganisation(store, options.org))) {
    throw new Error(
      `organisation "${options.org}" is not registered; add it first with: gongkai org add ${options.org} --name <name>`
    )
  }
  return createToken(store, { ...options, role: options.role ?? 'admin' })
}
