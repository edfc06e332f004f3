import type { Cases, Consultations, Messages } from '@gongkai/cases'
import type { ContentIndex } from '@gongkai/linker'
import type { Datastore } from '@gongkai/open-data'
import type { Store } from '@gongkai/store'
import type { TokenInfo } from './auth/tokens.js'
import type { ResolvedConfig } from './config.js'
import type { RateLimiter } from './middleware/rate-limit.js'
import type { RouteTable } from './route-table.js'
import type { AccessRequests } from './services/access-requests.js'
import type { AuditLog } from './services/audit.js'
import type { CatalogueRegistry } from './services/catalogue-registry.js'
import type { EventLog } from './services/events.js'
import type { RecordStore } from './services/records.js'
import type { SearchService } from './services/search.js'
import type { StoreStamp } from './services/store-stamp.js'

/**
 * The services behind the API, shared with the portal pages so both read the same data the same
 * way.
 */
export interface GatewayDeps {
  store: Store
  config: ResolvedConfig
  catalogues: CatalogueRegistry
  records: RecordStore
  /** Applications for 有条件开放 data. */
  accessRequests: AccessRequests
  audit: AuditLog
  events: EventLog
  routes: RouteTable
  /** Changes whenever the store changes: validates in-process caches of answers. */
  stamp: StoreStamp
  datastore: Datastore
  contentIndex: ContentIndex
  /** 依申请公开 requests of the config's organs (clocks, fees, annual reports). */
  cases: Cases
  /** The search index (in the store) and its refresh after imports and publishing. */
  search: SearchService
  /** 政民互动 messages of the config's organs. */
  messages: Messages
  /** 意见征集 consultations of the config's organs. */
  consultations: Consultations
  /** Counts requests against `config.rateLimit`; undefined when rate limits are off. */
  limiter: RateLimiter | undefined
}

/** Per-request variables set by the middleware. */
export interface Variables {
  /** The verified bearer token, when one was presented. */
  token?: TokenInfo
  /** Client address (socket, or X-Forwarded-For when trusted). */
  ip: string
  /** Target id of a write, for the audit log. */
  auditTarget?: string
}

/** Hono environment of the gateway app. */
export interface Env {
  Variables: Variables
}
