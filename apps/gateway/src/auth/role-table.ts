import type { Role } from './roles.js'

/** What a caller asks to do, one per guarded operation of the API. */
export type Action =
  | 'token.issue'
  | 'token.list'
  | 'token.revoke'
  | 'audit.read'
  | 'committee.create'
  | 'dataset.create'
  | 'dataset.version'
  | 'dataset.withdraw'
  | 'record.publish'
  | 'record.correct'
  | 'record.withdraw'
  | 'request.create'
  | 'request.read'
  | 'request.event'
  | 'access_request.list'
  | 'access_request.decide'
  | 'message.create'
  | 'message.read'
  | 'message.event'
  | 'consultation.create'
  | 'consultation.event'

/** Who may do an action, inside the organisation that owns the resource. */
export interface Rule {
  /** Roles that may (the operator acts in every organisation; the others in their own). */
  roles: readonly Role[]
  /** Words for the 403 message: what the action is. */
  label: string
}

/**
 * The role table, defined once: every guarded route asks {@link authorise} with its action. The
 * gateway README documents the same table cell by cell (role × resource × action → status) and
 * the matrix test checks the README against a running server, so code and document cannot drift
 * apart silently. Reads of public data need no role; 有条件开放 rows are read by
 * `conditional_reader` tokens granted the dataset and by the owning organisation's `publisher`
 * and `admin` (services/dataset-access.ts).
 */
export const ROLE_TABLE: Readonly<Record<Action, Rule>> = {
  'token.issue': { roles: ['operator', 'admin'], label: 'issue tokens' },
  'token.list': { roles: ['operator', 'admin'], label: 'list tokens' },
  'token.revoke': { roles: ['operator', 'admin'], label: 'revoke tokens' },
  'audit.read': { roles: ['operator', 'admin'], label: 'read the audit log' },
  'committee.create': { roles: ['operator', 'admin'], label: "create residents' committees" },
  'dataset.create': { roles: ['publisher'], label: 'publish datasets' },
  'dataset.version': { roles: ['publisher'], label: 'publish dataset versions' },
  'dataset.withdraw': { roles: ['publisher'], label: 'withdraw dataset versions' },
  'record.publish': { roles: ['publisher', 'residents_committee'], label: 'publish records' },
  'record.correct': { roles: ['publisher', 'residents_committee'], label: 'correct records' },
  'record.withdraw': { roles: ['publisher', 'residents_committee'], label: 'withdraw records' },
  // Requests carry the applicant's name and contact: only the organ's officers enter and answer
  // them and see those; an admin (and the operator) follow the clocks without the personal data.
  'request.create': { roles: ['officer'], label: 'record requests' },
  'request.read': { roles: ['operator', 'admin', 'officer'], label: 'read requests' },
  'request.event': { roles: ['officer'], label: 'record request events' },
  // Applicants' data is personal: only the publishers who decide read it.
  'access_request.list': { roles: ['publisher'], label: 'read applications for 有条件开放 data' },
  'access_request.decide': {
    roles: ['publisher'],
    label: 'decide applications for 有条件开放 data',
  },
  // Messages carry the sender: as requests. Published answers and consultations are public reads.
  'message.create': { roles: ['officer'], label: 'record messages' },
  'message.read': { roles: ['operator', 'admin', 'officer'], label: 'read messages' },
  'message.event': { roles: ['officer'], label: 'record message events' },
  'consultation.create': { roles: ['officer'], label: 'record consultations' },
  'consultation.event': { roles: ['officer'], label: 'record consultation events' },
}
