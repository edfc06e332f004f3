import type { Fee } from './fee.js'
import type { RequestClock, RequestStatus } from './request-clock.js'
import type { Applicant, RequestEvent } from './request-event.js'
import type { ApplicantType, Channel, OutcomeCode } from './vocabulary.js'

/** Who reads: the organ's officers (everything) or the public (no personal data, no free text). */
export type RequestViewKind = 'officer' | 'public'

/** A request in an officer's list: with the applicant's personal data and the subject. */
export interface OfficerRequestSummary {
  id: string
  organ: string
  channel: Channel
  applicant: Applicant
  subject?: string
  received: string
  status: RequestStatus
  outcome?: OutcomeCode
  clock: RequestClock
}

/** A request in a public list: the applicant's type only; no id, name, contact or subject. */
export interface PublicRequestSummary {
  id: string
  organ: string
  channel: Channel
  applicantType: ApplicantType
  received: string
  status: RequestStatus
  outcome?: OutcomeCode
  clock: RequestClock
}

/** An event as the public sees it: type, date and coded fields; no reasons or approver names. */
export interface PublicEvent {
  type: RequestEvent['type']
  date: string
  [field: string]: string | number | boolean
}

/** One request for its organ's officers: history and, after a fee notice, the computed fee. */
export interface OfficerRequestDetail extends OfficerRequestSummary {
  events: RequestEvent[]
  fee?: Fee
}

/** One request for the public. */
export interface PublicRequestDetail extends PublicRequestSummary {
  events: PublicEvent[]
}

// Coded fields only: free text (reason, approver) may name people.
const PUBLIC_FIELDS = [
  'channel',
  'party',
  'workingDays',
  'mode',
  'pages',
  'outcome',
  'result',
  'kind',
] as const

/** The public form of an event. */
export function toPublicEvent(e: RequestEvent): PublicEvent {
  const out: PublicEvent = { type: e.type, date: e.date }
  const r = e as unknown as Record<string, unknown>
  for (const f of PUBLIC_FIELDS) {
    const v = r[f]
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[f] = v
  }
  return out
}
