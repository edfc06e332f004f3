import type { AccessRequestItem, PortalSource } from '@gongkai/portal'
import { verifyToken } from '../auth/tokens.js'
import type { GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { parseApplication, parseDecision, statusPage } from '../routes/access-requests.js'
import { decideAccessRequest } from '../services/access-decision.js'
import { type AccessRequest, decisionClock } from '../services/access-requests.js'

type AccessPart =
  | 'applyForAccess'
  | 'accessStatus'
  | 'publisherForToken'
  | 'accessRequests'
  | 'decideAccess'

/** A refused write's messages, located by JSON pointer, for the page to place. */
function errorsOf(err: unknown): { pointer: string; message: string }[] {
  if (!(err instanceof ApiError)) throw err
  const details = Array.isArray(err.details) ? (err.details as { pointer?: string }[]) : []
  return details.length
    ? details.map((d) => ({ pointer: d.pointer ?? '', message: err.message }))
    : [{ pointer: '', message: err.message }]
}

function item(deps: GatewayDeps, r: AccessRequest): AccessRequestItem {
  return {
    id: r.id,
    dataset: r.dataset,
    status: r.status,
    applicant: r.applicant,
    purpose: r.purpose,
    scenario: r.scenario,
    securityMeasures: r.securityMeasures,
    createdAt: r.createdAt,
    dueDate: r.dueDate,
    ...decisionClock(r, deps.config.now()),
    decidedAt: r.decidedAt,
    expiresAt: r.expiresAt,
    reason: r.reason,
    email: r.email,
  }
}

/** The 有条件开放 application pages on the gateway's services: the same rules as the API. */
export function accessSource(deps: GatewayDeps): Pick<PortalSource, AccessPart> {
  return {
    async applyForAccess(datasetId, application) {
      const d = await deps.datastore.getDataset(datasetId)
      if (d?.openness !== 'conditional')
        return { ok: false, errors: [{ pointer: '', message: '该数据集不接受申请' }] }
      try {
        const parsed = parseApplication(application as unknown as Record<string, unknown>)
        const { request, key } = await deps.accessRequests.create({
          dataset: datasetId,
          org: d.descriptor.publisher.id,
          ...parsed,
        })
        // A path, so the redirect stays on whatever address the applicant used.
        const url = new URL(statusPage(deps.config.baseUrl, request.id, key))
        return { ok: true, value: `${url.pathname}${url.search}` }
      } catch (err) {
        return { ok: false, errors: errorsOf(err) }
      }
    },
    async accessStatus(id, key) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(key)) return undefined
      return deps.accessRequests.status(id, key)
    },
    async publisherForToken(token) {
      const v = await verifyToken(deps.store, token, deps.config.now())
      if (!v.ok || v.token.role !== 'publisher') return undefined
      return { org: v.token.org, tokenId: v.token.id }
    },
    async accessRequests(org) {
      return (await deps.accessRequests.list({ org })).map((r) => item(deps, r))
    },
    async decideAccess(org, id, decision, tokenId) {
      const r = await deps.accessRequests.get(id)
      // Another organisation's application is answered as an absent one.
      if (!r || r.org !== org)
        return { ok: false, errors: [{ pointer: '', message: `申请 ${id} 不存在` }] }
      try {
        const parsed = parseDecision(decision, deps.config.now())
        const done = await decideAccessRequest(deps, r, parsed, tokenId)
        if (!done.ok)
          return {
            ok: false,
            errors: [{ pointer: '', message: `申请 ${id} 已审核，不能再次审核` }],
          }
        return { ok: true, value: item(deps, done.request) }
      } catch (err) {
        return { ok: false, errors: errorsOf(err) }
      }
    },
  }
}
