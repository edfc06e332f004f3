import type { PortalSource } from '@gongkai/portal'
import type { GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { parseSearchParams, runSearch } from '../routes/search.js'

/** The portal's search: the same parameters, checks and answer as `GET /api/v1/search`. */
export function searchSource(deps: GatewayDeps): Pick<PortalSource, 'search'> {
  return {
    async search(params) {
      try {
        return { ok: true, page: await runSearch(deps, parseSearchParams(deps, params)) }
      } catch (e) {
        if (!(e instanceof ApiError) || e.code !== 'bad_request') throw e
        const details = e.details as { parameter?: string } | undefined
        return { ok: false, parameter: details?.parameter ?? 'q', message: e.message }
      }
    },
  }
}
