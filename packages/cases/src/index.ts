export {
  type AnnualReportInput,
  computeAnnualReport,
  type DeclaredCounts,
  type ReportContentItem,
} from './annual-report.js'
export {
  type AnnualReport,
  type AnnualReportText,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROWS,
  type Table2,
  type Table2Documents,
  type Table3Column,
  type Table3Row,
  type Table4Column,
  type Table4Row,
} from './annual-report-types.js'
export {
  type BadRequestDetails,
  CasesError,
  type CasesErrorCode,
  type ImpossibleHistoryDetails,
  type OffendingEvent,
} from './cases-error.js'
export {
  type Cases,
  type ImportResult,
  type ListRequestsOptions,
  type OpenCasesOptions,
  openCases,
  type ShowRequestOptions,
  type StoredReportInput,
} from './cases-store.js'
export {
  assertAnnualReport,
  checkAnnualReport,
  ReportCheckError,
  type ReportCheckResult,
  type ReportProblem,
} from './check-annual-report.js'
export {
  type ClockDue,
  type ClockEngine,
  type ClockEngineOptions,
  type ClockPause,
  type ClockSpec,
  createClockEngine,
} from './clock-engine.js'
export {
  type CasesConfig,
  type CasesConfigInput,
  CONSULTATION_DAYS,
  DEFAULT_CASES_CONFIG,
  type OnlineConfig,
  type ParticipationConfig,
  type RequestClockConfig,
  resolveCasesConfig,
} from './config.js'
export {
  CONSULTATION_EVENT_TYPES,
  type ConsultationClock,
  type ConsultationEvent,
  type ConsultationStatus,
  consultationClock,
  OPINION_CHANNELS,
  type OpinionChannel,
  parseConsultationEvent,
  validateConsultationHistory,
} from './consultation.js'
export {
  type Consultations,
  type ConsultationView,
  type OfficerConsultation,
  type OpenConsultationsOptions,
  openConsultations,
} from './consultations-store.js'
export {
  type DueItem,
  type DueItemsOptions,
  type DueKind,
  dueItems,
  sortDueItems,
} from './due-items.js'
export {
  type Fee,
  type FeeLine,
  feeOfEvents,
  type PositionInput,
  perRequestFee,
  perRequestMonthFee,
  perRequestUnitYuan,
  perVolumeFee,
  perVolumeUnitYuan,
  requestPositions,
} from './fee.js'
export { type GuardedText, guardTexts } from './guard-texts.js'
export {
  IMPORT_COLUMNS,
  type ImportedRow,
  type ImportProblem,
  parseRequestsCsv,
} from './import-csv.js'
export {
  MESSAGE_CHANNELS,
  MESSAGE_EVENT_TYPES,
  type MessageChannel,
  type MessageClock,
  type MessageEvent,
  type MessageEventType,
  type MessageStatus,
  messageClock,
  parseMessageEvent,
  validateMessageHistory,
} from './message.js'
export {
  type ListMessagesOptions,
  type Messages,
  type OfficerMessage,
  type OpenMessagesOptions,
  openMessages,
  type PublicMessage,
} from './messages-store.js'
export { casesMigrations } from './migrations.js'
export { parseEvent } from './parse-event.js'
export { type NewRequest, parseNewRequest, REQUEST_ID } from './parse-request.js'
export {
  renderAnnualReportCsv,
  renderAnnualReportJson,
} from './render-annual-report.js'
export { renderAnnualReportHtml } from './render-annual-report-html.js'
export {
  type IssuedContent,
  issuedDocuments,
  type ReportFiles,
  ReportInputError,
  readReportFiles,
} from './report-inputs.js'
export {
  type RequestClock,
  type RequestClockOptions,
  type RequestStatus,
  requestClock,
} from './request-clock.js'
export {
  type Applicant,
  type CaseRecord,
  type ConsultationEndedEvent,
  type ConsultationStartedEvent,
  type CorrectionReceivedEvent,
  type CorrectionRequestedEvent,
  EVENT_TYPES,
  type ExtendedEvent,
  type FeeNotifiedEvent,
  type FeePaidEvent,
  type FeeUnpaidEvent,
  type LitigationDecidedEvent,
  type LitigationFiledEvent,
  type ReceivedEvent,
  type RegisteredEvent,
  type RepliedEvent,
  type RequestEvent,
  type RequestEventType,
  type ReviewDecidedEvent,
  type ReviewFiledEvent,
  type WithdrawnEvent,
} from './request-event.js'
export {
  type OfficerRequestDetail,
  type OfficerRequestSummary,
  type PublicEvent,
  type PublicRequestDetail,
  type PublicRequestSummary,
  type RequestViewKind,
  toPublicEvent,
} from './request-view.js'
export {
  orderHistory,
  type ValidateHistoryOptions,
  validateHistory,
} from './validate-history.js'
export {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  type ApplicantType,
  CHANNELS,
  type Channel,
  type ConsultationParty,
  type FeeMode,
  isOutcomeCode,
  OFFLINE_CHANNELS,
  OUTCOME_CODES,
  OUTCOME_GROUPS,
  type OutcomeCode,
  RECEIPT_FIELD,
  REVIEW_RESULTS,
  type ReviewResult,
} from './vocabulary.js'
