export { buildApp, createApp, createDeps } from './app.js'
export {
  addOrganisation,
  ensureOrganisation,
  getOrganisation,
  listOrganisations,
  type Organisation,
} from './auth/organisations.js'
export { type Action, ROLE_TABLE, type Rule } from './auth/role-table.js'
export { ISSUABLE_ROLES, isRole, ROLES, type Role, SCOPED_ROLES } from './auth/roles.js'
export {
  type CreateTokenInput,
  createAdminToken,
  createToken,
  getToken,
  hashToken,
  listTokens,
  revokeToken,
  TOKEN_PATTERN,
  TOKEN_PREFIX,
  type TokenInfo,
  type TokenRefusal,
  tokenActive,
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
export { ApiError, ERROR_CODES, type ErrorCode } from './http/api-error.js'
export { sendJson, sendText } from './http/respond.js'
export { type RateLimiter, StoreRateLimiter } from './middleware/rate-limit.js'
export { gatewayMigrations } from './migrations.js'
export type { RouteDoc } from './route-table.js'
export { buildOpenApi } from './routes/openapi.js'
export { type RunningServer, type StartServerOptions, startServer } from './server.js'
export {
  type AccessRequest,
  type AccessRequestStatus,
  type AccessRequests,
  openAccessRequests,
} from './services/access-requests.js'
export type { AuditEntry, AuditLog } from './services/audit.js'
export type {
  CatalogueRegistry,
  CatalogueSummary,
  PreparedCatalogue,
} from './services/catalogue-registry.js'
export { createMailSender, type MailSender, type SmtpConfig } from './services/mail-sender.js'
export type { DisclosureRecord, RecordRevision, RecordStore } from './services/records.js'
