import type {
  AnnualReport,
  ConsultationView,
  OfficerConsultation,
  OfficerMessage,
  OfficerRequestDetail,
  OfficerRequestSummary,
  PublicMessage,
} from '@gongkai/cases'
import type { Catalogue, ContentItem, Dataset } from '@gongkai/schema'

/** A content item bound to a catalogue entry, with what the linker knows about it. */
export interface BoundContent {
  item: ContentItem
  /** Link check outcome: ok, dead link (断链) or wrong target (错链); absent when never checked. */
  linkStatus?: 'ok' | 'dead' | 'wrong'
  /** Due date of this disclosure (YYYY-MM-DD) from the entry's deadline rule, when known. */
  dueDate?: string
  /** Whether it was published on time; undefined when it cannot be told. */
  onTime?: boolean
}

/** What the catalogue page shows of one entry's bound content: counts and the newest item only. */
export interface EntrySummary {
  /** Bound items. */
  items: number
  /** 断链 or 错链 among them, at their latest link check. */
  broken: number
  /** The newest bound item (with its timeliness and link status). */
  latest?: BoundContent
}

/** A published structured record (e.g. a quarterly 工作经费 statement). */
export interface PublishedRecord {
  id: string
  catalogueId: string
  entryId: string
  data: unknown
  createdAt: string
  /** Revision number, 1 for the first publication. */
  revision?: number
  withdrawn?: boolean
  withdrawnReason?: string
}

/** Facet counts of one dataset property. */
export interface Facet {
  name: string
  label: string
  values: { value: string; label: string; count: number }[]
}

/** One page of dataset rows. */
export interface RowPage {
  columns: string[]
  rows: Record<string, unknown>[]
  total: number
}

/** One version of a dataset. */
export interface DatasetVersion {
  version: string
  publishedAt: string
  rows?: number
  note?: string
  withdrawn?: boolean
}

/** What an applicant for 有条件开放 data fills in. */
export interface AccessApplication {
  applicant: { name: string; org: string; contact: string }
  purpose: string
  scenario: string
  securityMeasures: string
}

/** The state of an application, as its secret status link shows it (no personal data). */
export interface AccessStatus {
  id: string
  dataset: string
  status: 'pending' | 'approved' | 'refused'
  dueDate: string
  decidedAt?: string
  expiresAt?: string
  reason?: string
  /** The `conditional_reader` token: on the first view after approval only. */
  token?: string
  tokenIssuedAt?: string
  /** True when the token was e-mailed to the applicant instead (the link never shows it then). */
  emailed?: true
}

/** An application as the deciding publisher sees it. */
export interface AccessRequestItem extends AccessApplication {
  id: string
  dataset: string
  status: 'pending' | 'approved' | 'refused'
  createdAt: string
  dueDate: string
  overdue: boolean
  /** Working days left to decide (negative past the due date); null once decided. */
  workingDaysLeft: number | null
  decidedAt: string | null
  expiresAt: string | null
  reason: string | null
  /** The e-mail of an approval's token; null when none was tried. */
  email: { status: 'sending' | 'sent' | 'failed'; at: string; error: string | null } | null
}

/** Coverage and timeliness of one department. */
export interface DepartmentFigures {
  department: string
  entries: number
  covered: number
  onTime: number
  due: number
  brokenLinks: number
}

/** The linker's report, as the report page needs it. */
export interface ReportFigures {
  generatedAt: string
  departments: DepartmentFigures[]
}

/** A residents' committee known to the gateway. */
export interface Committee {
  id: string
  name: string
  /** Id of its instantiated 居务公开 catalogue, once instantiated. */
  catalogueId?: string
}

/** An organ that answers 依申请公开 requests, with the contact data the public page shows. */
export interface OrganInfo {
  id: string
  name: string
  kind: 'department' | 'government'
  address?: string
  officeHours?: string
  phone?: string
  email?: string
}

/** A 意见征集 as the public pages list it: the consultation and how long it still collects opinions. */
export interface ConsultationListing extends ConsultationView {
  /** Working days from today to `closes` (0 on the closing day); null once it has closed. */
  workingDaysToClose: number | null
}

/** An officer's answer to a 政民互动 message (`answered { text, publish }`). */
export interface MessageAnswer {
  date: string
  text: string
  /** Publish the question and the answer on the portal (never the sender). */
  publish: boolean
}

/** The feedback of a 意见征集 (`feedback_published`), as the officer's form posts it. */
export interface ConsultationFeedback {
  date: string
  collected: number
  adopted: number
  notAdoptedReasons: string[]
}

/** Outcome of a write through the source. */
export type WriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: { pointer: string; message: string }[] }

/** One search result, as `GET /api/v1/search` answers it. */
export interface SearchHitView {
  type: 'entry' | 'document' | 'dataset' | 'answer'
  id: string
  title: string
  /** A portal path, or the document's own URL. */
  url: string
  score: number
  /** HTML fragments: escaped text, matches in `<mark>`. */
  highlights: { field: string; fragments: string[] }[]
}

/** A page of search results with facets, as `GET /api/v1/search` answers it. */
export interface SearchPageView {
  items: SearchHitView[]
  total: number
  next: string | null
  facets: Record<'type' | 'field' | 'organ' | 'year', { value: string; count: number }[]>
  didYouMean?: string
}

/** What a search answers: a page, or the parameter that was refused and why. */
export type SearchAnswer =
  | { ok: true; page: SearchPageView }
  | { ok: false; parameter: string; message: string }

/**
 * Everything the portal pages read and write: the one seam between the pages and the services
 * behind them. A host app (the gateway) implements it on its services; tests build one from plain
 * data. Every member is required, so a page never has to guess whether a service exists.
 */
export interface PortalSource {
  /** Every catalogue, standard, template and instantiated; layers resolved (with their entries). */
  catalogues(): Promise<Catalogue[]>
  catalogue(id: string): Promise<Catalogue | undefined>
  /**
   * Ids of the catalogues the site works on: each field's chosen layer (e.g. Changning 2021 over
   * Shanghai's over the national table) and every catalogue that is not a layer of another (templates,
   * instances, standalone catalogues). The pages list and search these; the layers below stay
   * reachable from them.
   */
  topLayers(): Promise<string[]>
  /** Content bound to each of the entries (the one-click lookup), by entry id. */
  contentFor(catalogueId: string, entryIds: string[]): Promise<Map<string, BoundContent[]>>
  /**
   * Counts, broken links and the newest item of each entry with content (entries without any are
   * absent). The catalogue page reads only this, so its cost must not grow with the content bound.
   */
  entrySummaries(catalogueId: string, entryIds: string[]): Promise<Map<string, EntrySummary>>
  /** Every imported content item (document library and search). */
  documents(): Promise<ContentItem[]>
  /**
   * The ranked search over entries, documents, datasets and answers, with the parameters of
   * `GET /api/v1/search` (q, type, field, organ, year, limit, cursor) as given in the URL.
   */
  search(params: Record<string, string>): Promise<SearchAnswer>
  /** Datasets the public may see (never 非开放), by id. */
  datasets(): Promise<Dataset[]>
  dataset(id: string): Promise<Dataset | undefined>
  /**
   * A page of rows, narrowed by `filter` (equality per column, `q` full text); undefined when the
   * rows are not public (有条件开放) or not available. A filter the data cannot take (an unknown
   * column, a value of the wrong type) gives `{ error }`.
   */
  rows(
    id: string,
    offset: number,
    limit: number,
    filter?: { column?: string; value?: string; q?: string }
  ): Promise<RowPage | { error: string } | undefined>
  versions(id: string): Promise<DatasetVersion[]>
  /** schema.org Dataset JSON-LD of a dataset; undefined to let the page derive one from the descriptor. */
  schemaOrg(id: string): Promise<object | undefined>
  /** Coverage and timeliness per department; undefined while no content is bound. */
  report(): Promise<ReportFigures | undefined>
  /** Published records of a catalogue (of one entry, when given), newest first. */
  records(catalogueId: string, entryId?: string): Promise<PublishedRecord[]>
  record(catalogueId: string, recordId: string): Promise<PublishedRecord | undefined>
  committees(): Promise<Committee[]>
  committee(id: string): Promise<Committee | undefined>
  /** The committee a token belongs to, or undefined when the token is not a valid committee token. */
  committeeForToken(
    token: string
  ): Promise<{ committee: string; tokenId: string | null } | undefined>
  /** Instantiates the 居务公开 template for the committee, with the committee id as catalogue id. */
  instantiateCommittee(
    committeeId: string,
    name: string,
    street: string,
    tokenId: string | null
  ): Promise<WriteResult<Committee>>
  /** The organs that answer 依申请公开 requests (config `organs[]`). */
  organs(): Promise<OrganInfo[]>
  /** The organ an officer token is scoped to, or undefined when the token is not a valid officer token. */
  officerForToken(token: string): Promise<{ organ: string; tokenId: string | null } | undefined>
  /**
   * One page of an organ's open requests with their clocks (as of `asOf`, default today), by due
   * date, overdue first; `total` counts them all.
   */
  organRequests(
    organ: string,
    asOf?: string,
    page?: { limit: number; offset: number }
  ): Promise<{ items: OfficerRequestSummary[]; total: number }>
  /** One request of the organ with its events; undefined when absent or another organ's. */
  organRequest(organ: string, id: string, asOf?: string): Promise<OfficerRequestDetail | undefined>
  /** An organ's annual report for a year (from events dated by 31 December); undefined for an unknown organ. */
  annualReport(year: number, organ: string): Promise<AnnualReport | undefined>
  /** Files an application for a 有条件开放 dataset; the value is the secret status page's path. */
  applyForAccess(datasetId: string, application: AccessApplication): Promise<WriteResult<string>>
  /** The status behind a secret status link; undefined for an unknown id or a wrong key. */
  accessStatus(id: string, key: string): Promise<AccessStatus | undefined>
  /** The organisation whose publisher holds `token`, or undefined when it is not a valid publisher token. */
  publisherForToken(token: string): Promise<{ org: string; tokenId: string } | undefined>
  /** Applications for an organisation's 有条件开放 data, oldest first. */
  accessRequests(org: string): Promise<AccessRequestItem[]>
  /** Decides an application of `org` as the token `tokenId`. */
  decideAccess(
    org: string,
    id: string,
    decision: { approve: { expiresAt: string } } | { refuse: { reason: string } },
    tokenId: string
  ): Promise<WriteResult<AccessRequestItem>>
  /** Published 政民互动 answers (question and answer, never the sender), newest first. */
  publishedAnswers(
    offset: number,
    limit: number
  ): Promise<{ items: PublicMessage[]; total: number }>
  /** One published answer; undefined for one that does not exist or is not published. */
  publishedAnswer(id: string): Promise<PublicMessage | undefined>
  /** Every 意见征集 as the public sees it today, newest first. */
  consultations(): Promise<ConsultationListing[]>
  consultation(id: string): Promise<ConsultationListing | undefined>
  /** A content item by its URL (or its `id`), for the document's page. */
  document(id: string): Promise<ContentItem | undefined>
  /** The consultations whose issued document (`document_issued { contentId }`) is this item. */
  documentConsultations(item: ContentItem): Promise<ConsultationView[]>
  /** An organ's messages with their clocks as of `asOf` (default today): open ones by due date first. */
  organMessages(organ: string, asOf?: string): Promise<{ items: OfficerMessage[]; total: number }>
  /** One message of the organ; undefined when absent or another organ's. */
  organMessage(organ: string, id: string, asOf?: string): Promise<OfficerMessage | undefined>
  /** Answers a message of the organ as the token `tokenId`; refusals (personal data, history) as errors. */
  answerMessage(
    organ: string,
    id: string,
    answer: MessageAnswer,
    tokenId: string | null
  ): Promise<WriteResult<OfficerMessage> | undefined>
  /** An organ's consultations with their feedback clocks as of `asOf`. */
  organConsultations(organ: string, asOf?: string): Promise<OfficerConsultation[]>
  /** One consultation of the organ; undefined when absent or another organ's. */
  organConsultation(
    organ: string,
    id: string,
    asOf?: string
  ): Promise<OfficerConsultation | undefined>
  /** Publishes a consultation's feedback as the token `tokenId`; undefined when absent or another organ's. */
  publishFeedback(
    organ: string,
    id: string,
    feedback: ConsultationFeedback,
    tokenId: string | null
  ): Promise<WriteResult<OfficerConsultation> | undefined>
  /** Publishes a record already validated by the page; `tokenId` is who the session belongs to. */
  publishRecord(
    catalogueId: string,
    entryId: string,
    data: unknown,
    tokenId: string | null
  ): Promise<PublishedRecord>
}
