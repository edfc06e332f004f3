// Sources, content index and binding (sources & binding engineer).

export { type BindOptions, type BindOutcome, bind, RULE_CONFIDENCE } from './binding/bind.js'
export type { AmbiguousMatch, BindingResult, EntryKey } from './binding/binding-result.js'
export { CONFIDENCE } from './binding/default-matcher.js'
export { columnSegments, nameVariants, normaliseName } from './binding/normalise-name.js'
export {
  type LoadRulesResult,
  loadBindingRules,
  parseBindingRules,
  type RulesProblem,
} from './binding/rules-file.js'
// Link checking, policies and reports (checker & reports engineer).
export { checkLinks } from './check/check-links.js'
export type { CheckLinksOptions, CheckOptions } from './check/check-options.js'
export {
  type LinkChange,
  type LinkCheckChanges,
  type LinkCheckLog,
  type LinkCheckRun,
  openLinkCheckLog,
  type SaveOptions,
} from './check/link-check-log.js'
export type { LinkCheckResult, LinkStatus } from './check/link-check-result.js'
export {
  type ContentIndex,
  type ContentPage,
  type ContentQuery,
  openContentIndex,
  type UpsertResult,
} from './content/content-index.js'
export { displayedItem } from './content/displayed-item.js'
export type { EntryContentSummary } from './content/entry-summaries.js'
export { contentMigrations } from './content/migrations.js'
export { normaliseUrl } from './content/normalise-url.js'
export { linkerMigrations } from './content/summary-migrations.js'
export {
  type AttributeFinding,
  type AttributeReview,
  type AttributeReviewOptions,
  attributeReview,
} from './policy/attribute-review.js'
export {
  type InterpretationPair,
  type InterpretationReport,
  type LateInterpretation,
  type MultiFormShare,
  type PairMethod,
  type PairOptions,
  pairInterpretations,
  type UninterpretedPolicy,
} from './policy/pair-interpretations.js'
export { type BuildReportInput, buildReport, defaultReportParams } from './report/build-report.js'
export { type ReportCsvOptions, reportToCsv } from './report/report-to-csv.js'
export { reportToHtml } from './report/report-to-html.js'
export { reportToJson } from './report/report-to-json.js'
export type {
  CatalogueReport,
  DepartmentReport,
  DueSoonEntry,
  EntryReport,
  Freshness,
  GroupSummary,
  LateItem,
  LinkProblem,
  LinkSummary,
  NextDeadline,
  Report,
  ReportParams,
  Timeliness,
} from './report/report-types.js'
export { type ColumnMapping, DEFAULT_HEADERS } from './sources/column-mapping.js'
export { normaliseDate } from './sources/dates.js'
export { type HtmlPage, parseHtmlPage } from './sources/html-page.js'
export {
  type ContentFormat,
  type ContentImport,
  type ImportContentOptions,
  importContent,
  sniffFormat,
} from './sources/import-content.js'
export type { RawItem } from './sources/raw-item.js'
export type { ImportProgress } from './sources/source-options.js'
export type { SourceProblem } from './sources/source-problem.js'
