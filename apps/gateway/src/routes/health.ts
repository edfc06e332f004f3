import type { Dialect } from '@gongkai/store'
import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { checkQuery } from '../http/params.js'
import { sendJson } from '../http/respond.js'

/** Why the store failed its health check. */
export type StoreFault = 'unreachable' | 'corrupt' | 'readonly' | 'replaced'

/** The body of `GET /healthz`. */
interface Health {
  status: 'ok' | 'unavailable'
  store: { dialect: Dialect; ok: boolean; error?: StoreFault }
}

/** Names a failed store check from the driver's error code (better-sqlite3: `SQLITE_…`). */
export function storeFault(err: unknown): StoreFault {
  const code = String((err as { code?: unknown })?.code ?? '')
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'corrupt'
  if (code.startsWith('SQLITE_READONLY')) return 'readonly'
  return 'unreachable'
}

/**
 * `GET /healthz`: 200 when the store's file is the one opened, writable, and a read answers; else
 * 503 naming what failed (`replaced`, `readonly`, `corrupt`, `unreachable`).
 * Never cached; says nothing a caller could not learn otherwise (no paths, no credentials).
 */
export function healthRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    { method: 'get', path: '/healthz', summary: 'Liveness and readiness', tag: 'health' },
    async (c) => {
      checkQuery(c, [])
      const dialect = deps.store.dialect
      let body: Health
      try {
        // The file first: a deleted or swapped store still answers SELECT 1 from the old inode.
        const file = deps.store.checkFile()
        if (file !== 'ok')
          body = { status: 'unavailable', store: { dialect, ok: false, error: file } }
        else {
          // A read of a real table: a corrupt file can still answer a constant.
          await deps.store.get('SELECT count(*) AS n FROM _migrations')
          body = { status: 'ok', store: { dialect, ok: true } }
        }
      } catch (err) {
        body = { status: 'unavailable', store: { dialect, ok: false, error: storeFault(err) } }
      }
      const ok = body.status === 'ok'
      // A 503 is never cached either: the next probe must reach the store again.
      return sendJson(c, body, {
        cache: 'no-store',
        status: ok ? 200 : 503,
        headers: { 'cache-control': 'no-store' },
      })
    }
  )
}
