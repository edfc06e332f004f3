import { openCases, openConsultations, openMessages } from '@gongkai/cases'
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
import { accessRequestRoutes } from './routes/access-requests.js'
import { auditRoutes } from './routes/audit.js'
import { catalogueRoutes } from './routes/catalogues.js'
import { ckanRoutes } from './routes/ckan.js'
import { committeeRoutes } from './routes/committees.js'
import { consultationRoutes } from './routes/consultations.js'
import { contentRoutes } from './routes/content.js'
import { datasetRoutes } from './routes/datasets.js'
import { dcatRoutes } from './routes/dcat.js'
import { downloadRoutes } from './routes/downloads.js'
import { feedRoutes } from './routes/feeds.js'
import { healthRoutes } from './routes/health.js'
import { linkedDataRoutes } from './routes/linked-data.js'
import { messageRoutes } from './routes/messages.js'
import { openApiRoutes } from './routes/openapi.js'
import { recordRoutes } from './routes/records.js'
import { requestRoutes } from './routes/requests.js'
import { searchRoutes } from './routes/search.js'
import { tokenRoutes } from './routes/tokens.js'
import { openAccessRequests } from './services/access-requests.js'
import { openAuditLog } from './services/audit.js'
import { openCatalogueRegistry } from './services/catalogue-registry.js'
import { openEventLog } from './services/events.js'
import { openRecordStore } from './services/records.js'
import { openSearchService } from './services/search.js'
import { openStoreStamp } from './services/store-stamp.js'
import { workspaceCalendar } from './workspace-calendar.js'

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
  // One calendar for every clock, with the workspace's holiday files (as the CLI reads them).
  const calendar = workspaceCalendar(resolved.holidaysDir)
  const casesOptions = {
    calendar,
    organs: resolved.organs.map((o) => o.id),
    config: {
      ...(resolved.request ? { request: resolved.request } : {}),
      ...(resolved.online ? { online: resolved.online } : {}),
      ...(resolved.participation ? { participation: resolved.participation } : {}),
    },
  }
  const [datastore, contentIndex, cases] = await Promise.all([
    openDatastore(store, {
      filesDir: resolved.filesDir,
      baseUrl: resolved.baseUrl,
      queryBudgetMs: resolved.query.budgetMs,
      maxQueryCost: resolved.query.maxCost,
      totalEstimationThreshold: resolved.query.totalEstimationThreshold,
    }),
    openContentIndex(store),
    openCases(store, casesOptions),
  ])
  const registry = openCatalogueRegistry(store, config.catalogues ?? catalogues, resolved.layer)
  // After openCases: the three share the cases migrations, applied once.
  const messages = await openMessages(store, casesOptions)
  const consultations = await openConsultations(store, {
    ...casesOptions,
    contentExists: async (id) => {
      if (await contentIndex.get(id)) return true
      for await (const item of contentIndex.all()) if (item.id === id) return true
      return false
    },
  })
  return {
    store,
    config: resolved,
    catalogues: registry,
    records: openRecordStore(store),
    accessRequests: openAccessRequests(store, {
      now: resolved.now,
      acceptDays: resolved.conditionalAcceptDays,
    }),
    audit: openAuditLog(store),
    events: openEventLog(store),
    stamp: openStoreStamp(store),
    routes: new RouteTable(),
    datastore,
    contentIndex,
    cases,
    search: openSearchService(store, {
      catalogues: registry,
      contentIndex,
      datastore,
      messages,
      organs: resolved.organs,
    }),
    messages,
    consultations,
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
  messageRoutes(app, deps)
  consultationRoutes(app, deps)
  contentRoutes(app, deps)
  searchRoutes(app, deps)
  datasetRoutes(app, deps)
  accessRequestRoutes(app, deps)
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
