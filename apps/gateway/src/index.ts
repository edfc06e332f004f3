export { buildApp, createApp, createDeps } from './app.js'
export { isRole, ROLES, type Role } from './auth/roles.js'
export {
  type CreateTokenInput,
  createAdminToken,
  createToken,
  getToken,
  hashToken,
  listTokens,
  revokeToken,
  TOKEN_PREFIX,
  type TokenInfo,
  verifyToken,
} from './auth/tokens.js'
export {
  DEFAULT_BODY_LIMIT,
  type GatewayConfig,
  type RateLimitConfig,
  type ResolvedConfig,
  resolveConfig,
} from './config.js'
export type { Env, GatewayDeps, Variables } from './deps.js'
export { ApiError, type ErrorCode } from './http/api-error.js'
export { sendJson, sendText } from './http/respond.js'
export { gatewayMigrations } from './migrations.js'
export type { RouteDoc } from './route-table.js'
export { buildOpenApi } from './routes/openapi.js'
export { type RunningServer, type StartServerOptions, startServer } from './server.js'
export type { AuditEntry, AuditLog } from './services/audit.js'
export type {
  CatalogueRegistry,
  CatalogueSummary,
  PreparedCatalogue,
} from './services/catalogue-registry.js'
export type { DisclosureRecord, RecordRevision, RecordStore } from './services/records.js'
