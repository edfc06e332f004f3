import type {
  ApplicantType,
  Channel,
  ConsultationParty,
  FeeMode,
  OutcomeCode,
  ReviewResult,
} from './vocabulary.js'

/**
 * The Art. 31 receipt. `date` is the receipt date that starts the clock; the field named by the
 * channel (in_person → `submittedOn`, registered_mail → `signedForOn`, letter/online/fax →
 * `confirmedOn`) records which rule fixed it and, when given, must equal `date`.
 */
export interface ReceivedEvent {
  type: 'received'
  date: string
  channel: Channel
  submittedOn?: string
  signedForOn?: string
  confirmedOn?: string
}

/** Entered in the registration platform (offline requests: within 2 working days, domain §15.3). */
export interface RegisteredEvent {
  type: 'registered'
  date: string
}

/** Art. 30 one-time correction notice; after 7 working days only with `late: true` and a reason. */
export interface CorrectionRequestedEvent {
  type: 'correction_requested'
  date: string
  late?: boolean
  reason?: string
}

/** The corrected request arrived: the reply clock restarts from this date. */
export interface CorrectionReceivedEvent {
  type: 'correction_received'
  date: string
}

/** A consultation (Art. 32 third party, Art. 34 organ) opens a pause of the reply clock. */
export interface ConsultationStartedEvent {
  type: 'consultation_started'
  date: string
  party: ConsultationParty
}

/** Closes the open consultation's pause. */
export interface ConsultationEndedEvent {
  type: 'consultation_ended'
  date: string
}

/** Art. 33 extension (at most one), approved by the head of the office; `workingDays` 1–20, default 20. */
export interface ExtendedEvent {
  type: 'extended'
  date: string
  approver: string
  workingDays?: number
}

/** A fee notice; opens a pause until `fee_paid` or `fee_unpaid`. The amount is computed, never typed. */
export interface FeeNotifiedEvent {
  type: 'fee_notified'
  date: string
  mode: FeeMode
  /** Pages of the reply; required for `per_volume`. */
  pages?: number
}

/** The applicant paid the notified fee; the clock resumes. */
export interface FeePaidEvent {
  type: 'fee_paid'
  date: string
}

/** The payment period ran out unpaid; the clock resumes (the case usually ends with `other.fee_unpaid`). */
export interface FeeUnpaidEvent {
  type: 'fee_unpaid'
  date: string
}

/** The final reply, with its annual-report code (§3.9); `other.*` outcomes are terminations. */
export interface RepliedEvent {
  type: 'replied'
  date: string
  outcome: OutcomeCode
}

/** The applicant withdrew the request (counts as （六）3 `other.other`). */
export interface WithdrawnEvent {
  type: 'withdrawn'
  date: string
}

/** An administrative review (行政复议) was filed. */
export interface ReviewFiledEvent {
  type: 'review_filed'
  date: string
}

/** The open review was decided. */
export interface ReviewDecidedEvent {
  type: 'review_decided'
  date: string
  result: ReviewResult
}

/** A lawsuit (行政诉讼) was filed, directly or after a review. */
export interface LitigationFiledEvent {
  type: 'litigation_filed'
  date: string
  kind: 'direct' | 'after_review'
}

/** The open lawsuit was decided. */
export interface LitigationDecidedEvent {
  type: 'litigation_decided'
  date: string
  result: ReviewResult
}

/** One event of a request's history (snake_case types, each with its `YYYY-MM-DD` date). */
export type RequestEvent =
  | ReceivedEvent
  | RegisteredEvent
  | CorrectionRequestedEvent
  | CorrectionReceivedEvent
  | ConsultationStartedEvent
  | ConsultationEndedEvent
  | ExtendedEvent
  | FeeNotifiedEvent
  | FeePaidEvent
  | FeeUnpaidEvent
  | RepliedEvent
  | WithdrawnEvent
  | ReviewFiledEvent
  | ReviewDecidedEvent
  | LitigationFiledEvent
  | LitigationDecidedEvent

/** Every event type. */
export type RequestEventType = RequestEvent['type']

/** Every event type, in the order a request usually lives through them. */
export const EVENT_TYPES: readonly RequestEventType[] = [
  'received',
  'registered',
  'correction_requested',
  'correction_received',
  'consultation_started',
  'consultation_ended',
  'extended',
  'fee_notified',
  'fee_paid',
  'fee_unpaid',
  'replied',
  'withdrawn',
  'review_filed',
  'review_decided',
  'litigation_filed',
  'litigation_decided',
]

/** The applicant. `name` and `contact` are personal data: shown to the organ's officers only. */
export interface Applicant {
  /** A stable id of the applicant (fees are counted per id per month). */
  id: string
  type: ApplicantType
  name?: string
  contact?: string
}

/** A request with its history, as the pure functions (clock, report) take it. */
export interface CaseRecord {
  id: string
  /** The organ (organs[].id of the workspace config) that answers it. */
  organ: string
  channel: Channel
  applicant: Applicant
  /** The information asked for. */
  subject?: string
  /** Art. 31 receipt date (the date of the `received` event). */
  received: string
  /** The history in entry order; the functions order it by date, then entry order. */
  events: readonly RequestEvent[]
}
