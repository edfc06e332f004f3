import type { PortalSource } from '@gongkai/portal'
import type { GatewayDeps } from '../deps.js'
import { accessSource } from './access-source.js'
import { catalogueSource, committeeSource, recordSource } from './committee-source.js'
import { contentSource } from './content-source.js'
import { datasetSource } from './dataset-source.js'
import { participationSource } from './participation-source.js'
import { requestSource } from './request-source.js'
import { searchSource } from './search-source.js'

/** The portal's view of the gateway's services: the pages read and write the same data as the API. */
export function depsSource(deps: GatewayDeps): PortalSource {
  return {
    ...catalogueSource(deps),
    ...committeeSource(deps),
    ...recordSource(deps),
    ...contentSource(deps),
    ...datasetSource(deps),
    ...requestSource(deps),
    ...participationSource(deps),
    ...accessSource(deps),
    ...searchSource(deps),
  }
}
