import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { checkId, checkQuery, decodeCursor, encodeCursor, parseLimit } from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise, organisationAbsent } from '../middleware/authorise.js'

const isBefore = (v: unknown): v is { before: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { before?: unknown }).before)

/** `GET /api/v1/audit` (admin): every write, newest first. */
export function auditRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/audit',
      summary:
        "The audit log of the organisation's writes: who, when, what, from where, outcome (admin; an operator sees every organisation's)",
      tag: 'audit',
      access: 'admin',
      query: {
        token: 'only writes of this token id',
        cursor: 'the `next` of the previous page',
        limit: '1-500 (default 50)',
      },
    },
    async (c) => {
      const q = checkQuery(c, ['token', 'cursor', 'limit'])
      const caller = requireToken(c)
      authorise(c, 'audit.read', { org: caller.org, absent: organisationAbsent(caller.org) })
      const limit = parseLimit(q.limit)
      const before = decodeCursor(q.cursor, isBefore)?.before
      const tokenId = q.token === undefined ? undefined : checkId('token', q.token)
      const org = caller.role === 'operator' ? undefined : caller.org
      const page = await deps.audit.list({ limit, before, tokenId, org })
      const last = page.items[page.items.length - 1]
      const next = page.items.length === limit && last ? encodeCursor({ before: last.seq }) : null
      return sendJson(c, { items: page.items, total: page.total, next }, { cache: 'private' })
    }
  )
}
