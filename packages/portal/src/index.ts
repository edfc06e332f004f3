export { type PortalOptions, portalApp } from './portal-app.js'
export type { PortalAudit } from './portal-context.js'
export type {
  BoundContent,
  Committee,
  DatasetVersion,
  DepartmentFigures,
  PortalSource,
  PublishedRecord,
  ReportFigures,
  RowPage,
  WriteResult,
} from './portal-source.js'
export { openSessionStore, type Session, type SessionStore } from './sessions.js'
