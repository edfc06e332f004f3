import { openCases } from '@gongkai/cases'
import { catalogues } from '@gongkai/catalogues'
import { openContentIndex } from '@gongkai/linker'
import { openDatastore } from '@gongkai/open-data'
import type { Store } from '@gongkai/store'
import { Hono } from 'hono'
import { ensureOrganisation } from './auth/organisations.js'
import { type GatewayConfig, resolveConfig } from './config.js'
import type { Env, GatewayDeps } from './deps.js'
import { MemoRouter } from './http/memo-router.js'
import { compressHtml } from './middleware/compress-html.js'
import { errorHandler, notFoundHandler } from './middleware/errors.js'
import { gate } from './middleware/gate.js'
import { type RateLimiter, StoreRateLimiter } from './middleware/rate-limit.js'
import { gatewayMigrations } from './migrations.js'
import { portalRoutes, siteIdentity } from './portal/index.js'
import { RouteTable } from './route-table.js'
import { auditRoutes } from './routes/audit.js'
import { catalogueRoutes } from './routes/catalogues.js'
import { ckanRoutes } from './routes/ckan.js'
import { committeeRoutes } from './routes/committees.js'
import { contentRoutes } from './routes/content.js'
import { datasetRoutes } from './routes/datasets.js'
import { dcatRoutes } from './routes/dcat.js'
import { downloadRoutes } from './routes/downloads.js'
import { feedRoutes } from './routes/feeds.js'
import { healthRoutes } from './routes/health.js'
import { linkedDataRoutes } from './routes/linked-data.js'
import { openApiRoutes } from './routes/openapi.js'
import { recordRoutes } from './routes/records.js'
import { requestRoutes } from './routes/requests.js'
import { tokenRoutes } from './routes/tokens.js'
import { openAuditLog } from './services/audit.js'
import { openCatalogueRegistry } from './services/catalogue-registry.js'
import { openEventLog } from './services/events.js'
import { openRecordStore } from './services/records.js'
import { openStoreStamp } from './services/store-stamp.js'

/**
 * Services of the gateway on a store: migrations run, the workspace's organisation registered,
 * datastore and content index opened. `services.limiter` replaces the store-backed rate limiter.
 */
export async function createDeps(
  store: Store,
  config: GatewayConfig,
  services: { limiter?: RateLimiter } = {}
): Promise<GatewayDeps> {
  const resolved = resolveConfig(config)
  await store.migrate(gatewayMigrations)
  await ensureOrganisation(store, resolved.organisation, resolved.now())
  const limits = resolved.rateLimit
  const limiter = limits
    ? (services.limiter ?? new StoreRateLimiter(store, limits, resolved.now))
    : undefined
  const [datastore, contentIndex, cases] = await Promise.all([
    openDatastore(store, { filesDir: resolved.filesDir, baseUrl: resolved.baseUrl }),
    openContentIndex(store),
    openCases(store, {
      organs: resolved.organs.map((o) => o.id),
      ...(resolved.request ? { config: { request: resolved.request } } : {}),
    }),
  ])
  return {
    store,
    config: resolved,
    catalogues: openCatalogueRegistry(store, config.catalogues ?? catalogues, resolved.layer),
    records: openRecordStore(store),
    audit: openAuditLog(store),
    events: openEventLog(store),
    stamp: openStoreStamp(store),
    routes: new RouteTable(),
    datastore,
    contentIndex,
    cases,
    limiter,
  }
}

/**
 * Builds the gateway app on a store. Async because it migrates the gateway's tables and opens the
 * datastore and content index first. Besides the (immutable) catalogues, the app keeps in memory
 * only answers checked against the store's stamp on every request, or keyed by immutable dataset
 * versions, so several processes can serve one store.
 * @example const app = await createApp(openSqliteStore('store.db'), { baseUrl, organisation, filesDir })
 */
export async function createApp(store: Store, config: GatewayConfig): Promise<Hono<Env>> {
  return buildApp(await createDeps(store, config))
}

/** The app on prepared services (what {@link createApp} returns; tests may inject services). */
export function buildApp(deps: GatewayDeps): Hono<Env> {
  const app = new Hono<Env>({ router: new MemoRouter() })
  const site = siteIdentity(deps.config)
  app.onError(errorHandler(site))
  app.notFound(notFoundHandler(site))

  app.use('*', gate(deps))
  // Pages (and the HTML 404/500) are compressed here; API answers compress themselves.
  app.use('*', compressHtml())

  // API and download routes first; the portal pages last, so they never shadow the API.
  healthRoutes(app, deps)
  catalogueRoutes(app, deps)
  recordRoutes(app, deps)
  committeeRoutes(app, deps)
  requestRoutes(app, deps)
  contentRoutes(app, deps)
  datasetRoutes(app, deps)
  downloadRoutes(app, deps)
  dcatRoutes(app, deps)
  linkedDataRoutes(app, deps)
  ckanRoutes(app, deps)
  tokenRoutes(app, deps)
  auditRoutes(app, deps)
  feedRoutes(app, deps)
  openApiRoutes(app, deps)
  app.route('/', portalRoutes(deps))
  return app
}
