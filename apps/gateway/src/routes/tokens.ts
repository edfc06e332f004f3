import type { Hono } from 'hono'
import { isRole, ROLES } from '../auth/roles.js'
import { createToken, listTokens, revokeToken } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { onlyKeys, optionalString, readJsonObject } from '../http/body.js'
import { checkId, checkQuery, pathId } from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireRole } from '../middleware/auth.js'

function fieldError(pointer: string, message: string, expected: string, actual: unknown) {
  return new ApiError('validation_failed', `${pointer.slice(1)}: ${message}`, [
    { pointer, keyword: 'type', message, expected, actual: JSON.stringify(actual ?? null) },
  ])
}

/** Token administration (admin): create (secret shown once), list (never secrets), revoke. */
export function tokenRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/tokens',
      summary: 'Issue a token; the secret is in this answer only',
      tag: 'tokens',
      access: 'admin',
      status: 201,
      body: {
        type: 'object',
        required: ['org', 'role'],
        additionalProperties: false,
        properties: {
          org: { type: 'string' },
          role: { enum: [...ROLES] },
          scope: {
            type: 'string',
            description: 'catalogue id for residents_committee; default org',
          },
          expiresAt: { type: 'string', format: 'date-time' },
          grants: {
            type: 'array',
            items: { type: 'string' },
            description: 'dataset ids (conditional_reader)',
          },
          label: { type: 'string' },
        },
      },
    },
    async (c) => {
      requireRole(c, ['admin'])
      const body = await readJsonObject(c)
      onlyKeys(body, ['org', 'role', 'scope', 'expiresAt', 'grants', 'label'])
      if (typeof body.org !== 'string')
        throw fieldError('/org', 'expected an organisation id', 'id', body.org)
      const org = checkId('org', body.org)
      if (!isRole(body.role))
        throw fieldError(
          '/role',
          `expected one of ${ROLES.join(', ')}`,
          ROLES.join(' | '),
          body.role
        )
      const scope = body.scope === undefined ? undefined : checkId('scope', String(body.scope))
      const expiresAt = optionalString(body, 'expiresAt', 40)
      if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) {
        throw fieldError('/expiresAt', 'expected an ISO date-time', 'date-time', expiresAt)
      }
      let grants: string[] | undefined
      if (body.grants !== undefined) {
        if (!Array.isArray(body.grants))
          throw fieldError('/grants', 'expected an array of dataset ids', 'array', body.grants)
        grants = body.grants.map((g, i) =>
          checkId(`grants/${i}`, typeof g === 'string' ? g : String(g))
        )
      }
      if (body.role === 'residents_committee' && scope === undefined) {
        throw fieldError(
          '/scope',
          "a residents_committee token needs the committee's catalogue id",
          'id',
          undefined
        )
      }
      const label = optionalString(body, 'label', 200)
      const t = await createToken(deps.store, {
        org,
        role: body.role,
        scope,
        grants,
        label,
        expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined,
        now: deps.config.now(),
      })
      c.set('auditTarget', t.id)
      return sendJson(c, { ...t.info, token: t.token }, { status: 201 })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/tokens',
      summary: 'List tokens (never their secrets)',
      tag: 'tokens',
      access: 'admin',
    },
    async (c) => {
      checkQuery(c, [])
      requireRole(c, ['admin'])
      const items = await listTokens(deps.store)
      return sendJson(c, { items, total: items.length, next: null }, { cache: 'private' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'delete',
      path: '/api/v1/tokens/:id',
      summary: 'Revoke a token',
      tag: 'tokens',
      access: 'admin',
    },
    async (c) => {
      requireRole(c, ['admin'])
      const id = pathId(c, 'id')
      c.set('auditTarget', id)
      const ok = await revokeToken(deps.store, id, deps.config.now())
      if (!ok)
        throw new ApiError('not_found', `token "${id}" does not exist or is already revoked`, {
          token: id,
        })
      return sendJson(c, { id, revoked: true })
    }
  )
}
