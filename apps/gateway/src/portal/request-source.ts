import {
  CasesError,
  type IssuedContent,
  issuedDocuments,
  ReportInputError,
  readReportFiles,
} from '@gongkai/cases'
import type { PortalSource } from '@gongkai/portal'
import { verifyToken } from '../auth/tokens.js'
import type { GatewayDeps } from '../deps.js'

type RequestSource = Pick<
  PortalSource,
  'organs' | 'officerForToken' | 'organRequests' | 'organRequest' | 'annualReport'
>

/** The portal's 依申请公开 pages on the gateway's cases service and config organs. */
export function requestSource(deps: GatewayDeps): RequestSource {
  const organs = deps.config.organs
  return {
    async organs() {
      return organs.map((o) => {
        const info: Awaited<ReturnType<PortalSource['organs']>>[number] = {
          id: o.id,
          name: o.name,
          kind: o.kind,
        }
        for (const k of ['address', 'officeHours', 'phone', 'email'] as const) {
          const v = o[k]
          if (v) info[k] = v
        }
        return info
      })
    },
    async officerForToken(token) {
      const v = await verifyToken(deps.store, token, deps.config.now())
      if (!v.ok || v.token.role !== 'officer' || !v.token.scope) return undefined
      // The organ must still be the token's organisation's (config may have changed since).
      if (!organs.some((o) => o.id === v.token.scope && o.org === v.token.org)) return undefined
      return { organ: v.token.scope, tokenId: v.token.id }
    },
    async organRequests(organ, asOf, page) {
      return deps.cases.list({ organ, ...(asOf ? { asOf } : {}), ...page })
    },
    async organRequest(organ, id, asOf) {
      try {
        const r = await deps.cases.show(id, asOf ? { asOf } : {})
        return r.organ === organ ? r : undefined
      } catch (err) {
        if (err instanceof CasesError && (err.code === 'not_found' || err.code === 'bad_request'))
          return undefined
        throw err
      }
    },
    async annualReport(year, organId) {
      const organ = organs.find((o) => o.id === organId)
      if (!organ) return undefined
      // A government's printable report includes its departments (organs whose parent it is).
      const include = organ.kind === 'government' ? organs.filter((o) => o.parent === organ.id) : []
      let files: ReturnType<typeof readReportFiles> = { text: {} }
      if (deps.config.reportsDir) {
        try {
          files = readReportFiles(deps.config.reportsDir, year, organ.id)
        } catch (err) {
          if (!(err instanceof ReportInputError)) throw err
          files = { text: { other: `（报告文件有误：${err.message}）` } }
        }
      }
      return deps.cases.annualReport({
        year,
        organ: { id: organ.id, name: organ.name, kind: organ.kind },
        include: include.map((o) => o.id),
        contents: await issuedDocuments(
          deps.contentIndex.all() as AsyncIterable<IssuedContent>,
          [organ, ...include].map((o) => o.name)
        ),
        ...(files.declared ? { declared: files.declared } : {}),
        text: files.text,
      })
    },
  }
}
