import type { Context, Hono } from 'hono'
import { getOrganisation } from '../auth/organisations.js'
import { ISSUABLE_ROLES, isRole, type Role } from '../auth/roles.js'
import { createToken, getToken, listTokens, revokeToken } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { onlyKeys, optionalString, readJsonObject } from '../http/body.js'
import { checkId, checkQuery, pathId } from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise, organisationAbsent } from '../middleware/authorise.js'
import { committeeCatalogueOrg } from '../services/catalogue-owner.js'

function fieldError(pointer: string, message: string, expected: string, actual: unknown) {
  return new ApiError('validation_failed', `${pointer.slice(1)}: ${message}`, [
    { pointer, keyword: 'type', message, expected, actual: JSON.stringify(actual ?? null) },
  ])
}

const notFound = (what: string, id: string) => () =>
  new ApiError('not_found', `${what} "${id}" does not exist`, { [what]: id })

/** The organisation a caller names, as {@link authorise} needs it: undefined when not registered. */
async function registeredOrg(deps: GatewayDeps, id: string): Promise<string | undefined> {
  return (await getOrganisation(deps.store, id))?.id
}

/**
 * What a token of `role` in `org` is scoped to, checked: a committee's catalogue or an officer's
 * organ of that organisation (404 otherwise, as for one that does not exist); the organisation
 * itself for the other roles.
 */
async function checkedScope(
  deps: GatewayDeps,
  org: string,
  role: Role,
  scope: string | undefined
): Promise<string | undefined> {
  if (role === 'residents_committee') {
    if (scope === undefined)
      throw fieldError(
        '/scope',
        "a residents_committee token needs the committee's catalogue id",
        'id',
        undefined
      )
    if ((await committeeCatalogueOrg(deps, scope)) !== org) throw notFound('catalogue', scope)()
    return scope
  }
  if (role === 'officer') {
    if (scope === undefined)
      throw fieldError('/scope', "an officer token needs its organ's id", 'id', undefined)
    if (!deps.config.organs.some((o) => o.id === scope && o.org === org))
      throw notFound('organ', scope)()
    return scope
  }
  if (scope !== undefined && scope !== org)
    throw fieldError(
      '/scope',
      'only residents_committee and officer tokens take a scope',
      'absent',
      scope
    )
  return undefined
}

/** Every granted dataset must be one of `org`'s (404 otherwise, as for one that does not exist). */
async function checkedGrants(deps: GatewayDeps, org: string, grants: string[]): Promise<void> {
  for (const id of grants) {
    const d = await deps.datastore.getDataset(id)
    if (d?.descriptor.publisher.id !== org) throw notFound('dataset', id)()
  }
}

async function issue(c: Context<Env>, deps: GatewayDeps) {
  requireToken(c)
  const body = await readJsonObject(c)
  onlyKeys(body, ['org', 'role', 'scope', 'expiresAt', 'grants', 'label'])
  if (typeof body.org !== 'string')
    throw fieldError('/org', 'expected an organisation id', 'id', body.org)
  const org = checkId('org', body.org)
  authorise(c, 'token.issue', {
    org: await registeredOrg(deps, org),
    absent: organisationAbsent(org),
  })
  if (body.role === 'operator')
    throw new ApiError('forbidden', 'operator tokens are issued from the CLI only', {
      role: 'operator',
    })
  if (!isRole(body.role))
    throw fieldError(
      '/role',
      `expected one of ${ISSUABLE_ROLES.join(', ')}`,
      ISSUABLE_ROLES.join(' | '),
      body.role
    )
  const role = body.role
  const rawScope = body.scope === undefined ? undefined : checkId('scope', String(body.scope))
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
    if (role !== 'conditional_reader' && grants.length)
      throw fieldError('/grants', 'only conditional_reader tokens take grants', 'absent', grants)
    await checkedGrants(deps, org, grants)
  }
  const scope = await checkedScope(deps, org, role, rawScope)
  const label = optionalString(body, 'label', 200)
  const t = await createToken(deps.store, {
    org,
    role,
    scope,
    grants,
    label,
    expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined,
    now: deps.config.now(),
  })
  c.set('auditTarget', t.id)
  return sendJson(c, { ...t.info, token: t.token }, { status: 201 })
}

/** Token administration (admin of the organisation, or operator): issue, list, revoke. */
export function tokenRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/tokens',
      summary: "Issue a token of the caller's organisation; the secret is in this answer only",
      tag: 'tokens',
      access: 'admin',
      status: 201,
      body: {
        type: 'object',
        required: ['org', 'role'],
        additionalProperties: false,
        properties: {
          org: { type: 'string', description: "the caller's organisation (an operator: any)" },
          role: { enum: [...ISSUABLE_ROLES] },
          scope: {
            type: 'string',
            description:
              "residents_committee: the committee's catalogue id; officer: its organ id (config organs[])",
          },
          expiresAt: { type: 'string', format: 'date-time' },
          grants: {
            type: 'array',
            items: { type: 'string' },
            description: 'conditional_reader: dataset ids of the organisation',
          },
          label: { type: 'string' },
        },
      },
    },
    (c) => issue(c, deps)
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/tokens',
      summary: "List the organisation's tokens (never their secrets); an operator sees every one",
      tag: 'tokens',
      access: 'admin',
    },
    async (c) => {
      checkQuery(c, [])
      const token = requireToken(c)
      authorise(c, 'token.list', { org: token.org, absent: organisationAbsent(token.org) })
      const items = await listTokens(
        deps.store,
        token.role === 'operator' ? {} : { org: token.org }
      )
      return sendJson(c, { items, total: items.length, next: null }, { cache: 'private' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'delete',
      path: '/api/v1/tokens/:id',
      summary:
        "Revoke a token of the caller's organisation (and every portal session made with it)",
      tag: 'tokens',
      access: 'admin',
    },
    async (c) => {
      requireToken(c)
      const id = pathId(c, 'id')
      c.set('auditTarget', id)
      // Unknown, another organisation's and already revoked tokens answer alike.
      const absent = () =>
        new ApiError('not_found', `token "${id}" does not exist or is already revoked`, {
          token: id,
        })
      const target = await getToken(deps.store, id)
      authorise(c, 'token.revoke', {
        org: target && !target.revokedAt ? target.org : undefined,
        absent,
      })
      if (!(await revokeToken(deps.store, id, deps.config.now()))) throw absent()
      return sendJson(c, { id, revoked: true })
    }
  )
}
