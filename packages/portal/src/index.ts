export { type PortalOptions, portalApp } from './portal-app.js'
export type { PortalAudit } from './portal-context.js'
export type {
  AccessApplication,
  AccessRequestItem,
  AccessStatus,
  BoundContent,
  Committee,
  DatasetVersion,
  DepartmentFigures,
  EntrySummary,
  OrganInfo,
  PortalSource,
  PublishedRecord,
  ReportFigures,
  RowPage,
  SearchAnswer,
  SearchHitView,
  SearchPageView,
  WriteResult,
} from './portal-source.js'
export { OFFICER_SESSION_PREFIX } from './request-routes.js'
export { errorPageHtml } from './responses.js'
export { openSessionStore, type Session, type SessionStore } from './sessions.js'
export type { OrganContact, SiteIdentity, XxgkTexts } from './site.js'
