export { casesRefusal } from './cases-refusal.js'
export { OFFICER_SESSION_PREFIX } from './officer-session.js'
export { type PortalOptions, portalApp } from './portal-app.js'
export type { PortalAudit } from './portal-context.js'
export type {
  AccessApplication,
  AccessRequestItem,
  AccessStatus,
  BoundContent,
  Committee,
  ConsultationFeedback,
  ConsultationListing,
  DatasetVersion,
  DepartmentFigures,
  EntrySummary,
  MessageAnswer,
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
export { errorPageHtml } from './responses.js'
export { openSessionStore, type Session, type SessionStore } from './sessions.js'
export type { OrganContact, SiteIdentity, XxgkTexts } from './site.js'
