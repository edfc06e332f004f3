export { type PortalOptions, portalApp } from './portal-app'
export type { PortalAudit } from './portal-context'
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
} from './portal-source'
export { openSessionStore, type Session, type SessionStore } from './sessions'
