import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Migration, Store } from '@gongkai/store'

/** The portal's own table: committee sessions (the session id is stored hashed). */
const portalMigrations: readonly Migration[] = [
  {
    // The id is recorded in existing stores: it keeps the name it had when the pages lived in the
    // gateway, so an upgraded store does not try to create the table again.
    id: 'gateway-pages/001-portal-sessions',
    sql: `CREATE TABLE portal_sessions (
      id_hash TEXT PRIMARY KEY,
      committee TEXT NOT NULL,
      token_id TEXT,
      csrf TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    )`,
  },
]

/** A logged-in committee session. */
export interface Session {
  committee: string
  tokenId: string | null
  /** Per-session CSRF secret, echoed in every form. */
  csrf: string
  expiresAt: string
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'gk_session'
/** Name of the pre-login CSRF cookie (login forms have no session yet). */
export const LOGIN_CSRF_COOKIE = 'gk_login_csrf'
/** Session lifetime: one working day. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000

const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

/** A random URL-safe secret. */
export const randomSecret = () => randomBytes(32).toString('base64url')

/** Constant-time comparison of two secrets (false for different lengths or missing values). */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** Sessions kept in the store, so several gateway processes share them. */
export interface SessionStore {
  create(
    committee: string,
    tokenId: string | null,
    now: Date
  ): Promise<{ id: string; session: Session }>
  get(id: string | undefined, now: Date): Promise<Session | undefined>
  destroy(id: string | undefined): Promise<void>
}

/** Opens the session store, migrating its table on first use. */
export function openSessionStore(store: Store): SessionStore {
  let ready: Promise<unknown> | undefined
  // A failed migration is not remembered for the life of the process: the next login retries.
  const migrate = () => {
    ready ??= store.migrate(portalMigrations).catch((err: unknown) => {
      ready = undefined
      throw err
    })
    return ready
  }
  return {
    async create(committee, tokenId, now) {
      await migrate()
      const id = randomSecret()
      const session: Session = {
        committee,
        tokenId,
        csrf: randomSecret(),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      }
      await store.run(
        'INSERT INTO portal_sessions (id_hash, committee, token_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        [hash(id), committee, tokenId, session.csrf, now.toISOString(), session.expiresAt]
      )
      // Expired sessions are swept on login rather than by a timer: no background work.
      await store.run('DELETE FROM portal_sessions WHERE expires_at <= ?', [now.toISOString()])
      return { id, session }
    },
    async get(id, now) {
      if (!id || id.length > 100) return undefined
      await migrate()
      const row = await store.get<{
        committee: string
        token_id: string | null
        csrf: string
        expires_at: string
      }>('SELECT committee, token_id, csrf, expires_at FROM portal_sessions WHERE id_hash = ?', [
        hash(id),
      ])
      if (!row || Date.parse(row.expires_at) <= now.getTime()) return undefined
      return {
        committee: row.committee,
        tokenId: row.token_id,
        csrf: row.csrf,
        expiresAt: row.expires_at,
      }
    },
    async destroy(id) {
      if (!id) return
      await migrate()
      await store.run('DELETE FROM portal_sessions WHERE id_hash = ?', [hash(id)])
    },
  }
}
