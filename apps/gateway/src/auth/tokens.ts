import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Queryable, Store } from '@gongkai/store'
import { gatewayMigrations } from '../migrations.js'
import { isRole, type Role } from './roles.js'

/** Prefix of every token secret, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = 'gk_'

/** What a token may do; the secret itself is never stored, only its SHA-256. */
export interface TokenInfo {
  id: string
  org: string
  role: Role
  /** Organisation id, or for `residents_committee` the id of the committee's catalogue. */
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
  /** Default: `org` (for a committee token: its catalogue id). */
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

/** Why a presented token was refused. */
export type TokenRefusal = 'malformed' | 'unknown' | 'expired' | 'revoked'

/**
 * Looks a presented secret up by its hash and compares the hashes in constant time; refuses
 * unknown, expired and revoked tokens.
 */
export async function verifyToken(
  db: Queryable,
  secret: string,
  now: Date = new Date()
): Promise<{ ok: true; token: TokenInfo } | { ok: false; reason: TokenRefusal }> {
  if (!secret.startsWith(TOKEN_PREFIX) || !/^gk_[A-Za-z0-9_-]{43}$/.test(secret)) {
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

/** Every token (never the secrets), newest first. */
export async function listTokens(db: Queryable): Promise<TokenInfo[]> {
  await ensureTables(db)
  const rows = await db.all<TokenRow>('SELECT * FROM gateway_tokens ORDER BY created_at DESC, id')
  return rows.map(toInfo)
}

/** Revokes a token; false when the id is unknown or it was already revoked. */
export async function revokeToken(
  db: Queryable,
  id: string,
  now: Date = new Date()
): Promise<boolean> {
  await ensureTables(db)
  const r = await db.run(
    'UPDATE gateway_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    [now.toISOString(), id]
  )
  return r.changes > 0
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
 * Issues a token for the CLI (`gongkai token create`): default role `admin`. Migrates the
 * gateway tables first, so it works on a fresh store.
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
  return createToken(store, { ...options, role: options.role ?? 'admin' })
}
