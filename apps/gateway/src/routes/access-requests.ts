import { isValidDate } from '@gongkai/calendar'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { onlyKeys, readJsonObject } from '../http/body.js'
import { checkId, checkQuery } from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise } from '../middleware/authorise.js'
import { decideAccessRequest } from '../services/access-decision.js'
import {
  type AccessDecision,
  type AccessRequest,
  type AccessRequestStatus,
  type Applicant,
  decisionClock,
} from '../services/access-requests.js'
import { visibleDataset } from '../services/dataset-access.js'

/** Longest free text of an application (purpose, scenario, security measures). */
const TEXT_MAX = 4000

function invalid(pointer: string, message: string, expected: string, actual: unknown): ApiError {
  return new ApiError('validation_failed', `${pointer}: ${message}`, [
    { pointer, keyword: 'type', message, expected, actual: JSON.stringify(actual ?? null) },
  ])
}

/** A required non-empty string at `pointer` of `obj`, at most `max` characters. */
function text(obj: Record<string, unknown>, key: string, pointer: string, max: number): string {
  const v = obj[key]
  if (typeof v !== 'string' || v.trim() === '' || v.length > max)
    throw invalid(pointer, `expected a non-empty string of at most ${max} characters`, 'string', v)
  return v.trim()
}

/** The status link of an application: secret, so only the applicant (and whom they tell) can read it. */
function statusUrl(base: string, id: string, key: string): string {
  return `${base}/api/v1/access-requests/${encodeURIComponent(id)}/status?key=${encodeURIComponent(key)}`
}

/** The portal page of the same status. */
export function statusPage(base: string, id: string, key: string): string {
  return `${base}/access-requests/${encodeURIComponent(id)}?key=${encodeURIComponent(key)}`
}

/**
 * Parses a decision body: exactly one of `{ approve: { expiresAt } }` (a future date-time, or a
 * date meaning the end of that day in Shanghai) and `{ refuse: { reason } }`.
 */
export function parseDecision(body: Record<string, unknown>, now: Date): AccessDecision {
  onlyKeys(body, ['approve', 'refuse'])
  const keys = Object.keys(body)
  if (keys.length !== 1)
    throw invalid('', 'expected exactly one of "approve" and "refuse"', 'approve | refuse', keys)
  if (body.approve !== undefined) {
    const a = body.approve
    if (typeof a !== 'object' || a === null || Array.isArray(a))
      throw invalid('/approve', 'expected an object { expiresAt }', 'object', a)
    onlyKeys(a as Record<string, unknown>, ['expiresAt'])
    const raw = (a as Record<string, unknown>).expiresAt
    const s = typeof raw === 'string' ? raw : ''
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? `${s}T23:59:59.999+08:00`
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)
        ? s
        : undefined
    // Date.parse rolls 2021-09-31 over to October: the calendar date is checked first.
    const t = iso === undefined || !isValidDate(s.slice(0, 10)) ? Number.NaN : Date.parse(iso)
    if (!Number.isFinite(t))
      throw invalid(
        '/approve/expiresAt',
        'expected a date (YYYY-MM-DD) or a date-time with offset',
        'date | date-time',
        raw
      )
    if (t <= now.getTime())
      throw invalid('/approve/expiresAt', 'the grant must end in the future', 'a future date', raw)
    return { approve: { expiresAt: new Date(t).toISOString() } }
  }
  const r = body.refuse
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    throw invalid('/refuse', 'expected an object { reason }', 'object', r)
  onlyKeys(r as Record<string, unknown>, ['reason'])
  return {
    refuse: { reason: text(r as Record<string, unknown>, 'reason', '/refuse/reason', 2000) },
  }
}

/**
 * Parses an application body `{ applicant: { name, org, contact }, purpose, scenario,
 * securityMeasures }`: 422 naming the pointer of the first field missing, empty or too long.
 */
export function parseApplication(body: Record<string, unknown>): {
  applicant: Applicant
  purpose: string
  scenario: string
  securityMeasures: string
} {
  onlyKeys(body, ['applicant', 'purpose', 'scenario', 'securityMeasures'])
  const a = body.applicant
  if (typeof a !== 'object' || a === null || Array.isArray(a))
    throw invalid('/applicant', 'expected an object { name, org, contact }', 'object', a)
  const ap = a as Record<string, unknown>
  for (const k of Object.keys(ap))
    if (!['name', 'org', 'contact'].includes(k))
      throw invalid(`/applicant/${k}`, 'unknown field', 'name | org | contact', k)
  return {
    applicant: {
      name: text(ap, 'name', '/applicant/name', 100),
      org: text(ap, 'org', '/applicant/org', 200),
      contact: text(ap, 'contact', '/applicant/contact', 200),
    },
    purpose: text(body, 'purpose', '/purpose', TEXT_MAX),
    scenario: text(body, 'scenario', '/scenario', TEXT_MAX),
    securityMeasures: text(body, 'securityMeasures', '/securityMeasures', TEXT_MAX),
  }
}

const STATUSES: readonly AccessRequestStatus[] = ['pending', 'approved', 'refused']

/** An application as its deciding publisher sees it (the token id, never a secret). */
function view(deps: GatewayDeps, r: AccessRequest) {
  return {
    ...r,
    ...decisionClock(r, deps.config.now()),
    links: {
      self: `${deps.config.baseUrl}/api/v1/access-requests/${r.id}`,
      dataset: `${deps.config.baseUrl}/api/v1/datasets/${encodeURIComponent(r.dataset)}`,
      decision: `${deps.config.baseUrl}/api/v1/access-requests/${r.id}/decision`,
    },
  }
}

/** 404 for an application that does not exist or that the caller may not see (one answer). */
const absent = (id: string) => () =>
  new ApiError('not_found', `access request "${id}" does not exist`, { accessRequest: id })

async function owned(
  c: Context<Env>,
  deps: GatewayDeps,
  action: 'access_request.list' | 'access_request.decide'
) {
  const id = checkId('id', c.req.param('id'))
  const r = await deps.accessRequests.get(id)
  const token = authorise(c, action, { org: r?.org, absent: absent(id) })
  return { r: r as AccessRequest, token }
}

/**
 * Applications for 有条件开放 data: anyone applies (`POST /api/v1/datasets/:id/access-requests`),
 * follows a secret status link, and gets a `conditional_reader` token once approved; a publisher
 * of the owning organisation lists and decides.
 */
export function accessRequestRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const base = deps.config.baseUrl
  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/datasets/:id/access-requests',
      summary:
        'Apply for a 有条件开放 dataset (no token): answers 201 { id, status: "pending", statusUrl } with a secret status link',
      tag: 'access requests',
      status: 201,
      body: {
        type: 'object',
        required: ['applicant', 'purpose', 'scenario', 'securityMeasures'],
        additionalProperties: false,
        properties: {
          applicant: {
            type: 'object',
            required: ['name', 'org', 'contact'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', maxLength: 100 },
              org: { type: 'string', maxLength: 200 },
              contact: { type: 'string', maxLength: 200, description: '电话或电子邮箱' },
            },
          },
          purpose: { type: 'string', maxLength: TEXT_MAX, description: '使用目的' },
          scenario: { type: 'string', maxLength: TEXT_MAX, description: '应用场景' },
          securityMeasures: { type: 'string', maxLength: TEXT_MAX, description: '安全保障措施' },
        },
      },
    },
    async (c) => {
      checkQuery(c, [])
      const id = checkId('id', c.req.param('id'))
      const body = await readJsonObject(c)
      const d = await visibleDataset(deps, id)
      if (d.openness !== 'conditional')
        throw new ApiError(
          'conflict',
          `dataset "${id}" is 无条件开放: its data needs no application`,
          { dataset: id, openness: d.openness }
        )
      const application = parseApplication(body)
      const { request, key } = await deps.accessRequests.create({
        dataset: id,
        org: d.descriptor.publisher.id,
        ...application,
      })
      return sendJson(
        c,
        {
          id: request.id,
          status: request.status,
          statusUrl: statusUrl(base, request.id, key),
          statusPage: statusPage(base, request.id, key),
          dueDate: request.dueDate,
        },
        // The answer holds the status link's secret: no cache may keep it.
        { status: 201, headers: { 'cache-control': 'no-store' } }
      )
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/access-requests/:id/status',
      summary:
        'The secret status link of an application: { status, decidedAt?, expiresAt?, reason?, token?, emailed? }; the token only in the first answer after approval, and never when it was e-mailed (emailed: true)',
      tag: 'access requests',
      query: { key: 'the secret of the status link' },
    },
    async (c) => {
      const q = checkQuery(c, ['key'])
      const id = checkId('id', c.req.param('id'))
      const key = q.key ?? ''
      if (!/^[A-Za-z0-9_-]{43}$/.test(key)) throw absent(id)()
      const answer = await deps.accessRequests.status(id, key)
      if (!answer) throw absent(id)()
      return sendJson(c, answer, { cache: 'no-store' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/access-requests',
      summary:
        "Applications for the caller's organisation's 有条件开放 data, oldest first, with due dates (publisher)",
      tag: 'access requests',
      access: 'token',
      query: { status: 'pending, approved or refused', dataset: 'a dataset id' },
    },
    async (c) => {
      const q = checkQuery(c, ['status', 'dataset'])
      const caller = requireToken(c)
      authorise(c, 'access_request.list', { org: caller.org, absent: absent('') })
      if (q.status !== undefined && !STATUSES.includes(q.status as AccessRequestStatus))
        throw badParam('status', STATUSES.join(', '), q.status)
      const dataset = q.dataset === undefined ? undefined : checkId('dataset', q.dataset)
      const items = (
        await deps.accessRequests.list({
          org: caller.org,
          status: q.status as AccessRequestStatus | undefined,
        })
      )
        .filter((r) => dataset === undefined || r.dataset === dataset)
        .map((r) => view(deps, r))
      return sendJson(c, { items, total: items.length, next: null }, { cache: 'no-store' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/access-requests/:id',
      summary: 'One application with the applicant (publisher of the owning organisation)',
      tag: 'access requests',
      access: 'token',
    },
    async (c) => {
      checkQuery(c, [])
      const { r } = await owned(c, deps, 'access_request.list')
      return sendJson(c, view(deps, r), { cache: 'no-store' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/access-requests/:id/decision',
      summary:
        'Decide an application (publisher of the owning organisation): { approve: { expiresAt } } grants a conditional_reader token for that dataset until then (e-mailed when SMTP is configured and the contact is an e-mail address; the answer field email says whether it went out); { refuse: { reason } }',
      tag: 'access requests',
      access: 'token',
      body: {
        oneOf: [
          {
            type: 'object',
            required: ['approve'],
            additionalProperties: false,
            properties: {
              approve: {
                type: 'object',
                required: ['expiresAt'],
                additionalProperties: false,
                properties: { expiresAt: { type: 'string', description: 'date or date-time' } },
              },
            },
          },
          {
            type: 'object',
            required: ['refuse'],
            additionalProperties: false,
            properties: {
              refuse: {
                type: 'object',
                required: ['reason'],
                additionalProperties: false,
                properties: { reason: { type: 'string' } },
              },
            },
          },
        ],
      },
    },
    async (c) => {
      checkQuery(c, [])
      const { r, token } = await owned(c, deps, 'access_request.decide')
      c.set('auditTarget', r.id)
      const decision = parseDecision(await readJsonObject(c), deps.config.now())
      const done = await decideAccessRequest(deps, r, decision, token.id)
      if (!done.ok)
        throw new ApiError('conflict', `access request "${r.id}" was already ${done.status}`, {
          accessRequest: r.id,
          status: done.status,
        })
      return sendJson(c, view(deps, done.request), { cache: 'no-store' })
    }
  )
}
