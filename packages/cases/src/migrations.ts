import type { Migration } from '@gongkai/store'

/**
 * The cases tables. `cases_requests` holds what a request is (one row each; `seq` is the entry
 * order, which orders requests received the same day for fees); the applicant's `applicant_name` and
 * `applicant_contact` are personal data in columns of their own that public queries never select.
 * `closed_on` (the first reply or withdrawal) is a fact copied from the events so open cases can be
 * found by index; clocks are never stored (`order_key`, from migration 004, only orders the
 * officers' list: see due-order.ts). `cases_events` holds each history in entry order (`seq`),
 * with the type's payload as JSON (NULL when it has none). `cases_messages` and `cases_consultations`
 * hold 政民互动 messages and 意见征集 consultations (the sender is personal data no public query
 * selects; `ended_on`, `published_on`, `content_id` and `feedback_on` are facts copied from the
 * events for indexed lookups); their events share `cases_item_events`, keyed by kind.
 */
export const casesMigrations: readonly Migration[] = [
  {
    id: 'cases/001-requests',
    sql: `CREATE TABLE cases_requests (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  organ TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('in_person', 'letter', 'registered_mail', 'online', 'fax')),
  applicant_id TEXT NOT NULL,
  applicant_type TEXT NOT NULL CHECK (applicant_type IN ('natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other')),
  applicant_name TEXT,
  applicant_contact TEXT,
  subject TEXT,
  received_on TEXT NOT NULL,
  closed_on TEXT,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX cases_requests_organ ON cases_requests (organ, closed_on);
CREATE INDEX cases_requests_applicant ON cases_requests (organ, applicant_id, received_on, seq);
CREATE INDEX cases_requests_received ON cases_requests (received_on);`,
  },
  {
    id: 'cases/002-events',
    sql: `CREATE TABLE cases_events (
  request_id TEXT NOT NULL REFERENCES cases_requests (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  date TEXT NOT NULL,
  payload TEXT,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (request_id, seq)
);
CREATE INDEX cases_events_type_date ON cases_events (type, date);`,
  },
  {
    id: 'cases/003-messages',
    sql: `CREATE TABLE cases_messages (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  organ TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('website', 'hotline_12345', 'mailbox', 'other')),
  simple INTEGER NOT NULL,
  received_on TEXT NOT NULL,
  question TEXT,
  sender TEXT,
  ended_on TEXT,
  published_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX cases_messages_organ ON cases_messages (organ, ended_on);
CREATE INDEX cases_messages_published ON cases_messages (published_on);
CREATE TABLE cases_consultations (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  organ TEXT NOT NULL,
  title TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  content_id TEXT,
  feedback_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX cases_consultations_organ ON cases_consultations (organ, feedback_on);
CREATE INDEX cases_consultations_content ON cases_consultations (content_id);
CREATE TABLE cases_item_events (
  kind TEXT NOT NULL CHECK (kind IN ('message', 'consultation')),
  item_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  date TEXT NOT NULL,
  payload TEXT,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (kind, item_id, seq)
);`,
  },
  {
    // The officers' list reads a page of open requests in due-date order from this index (see
    // due-order.ts); the partial index finds the open rows keyed under another basis.
    id: 'cases/004-due-order',
    sql: `ALTER TABLE cases_requests ADD COLUMN order_key TEXT;
ALTER TABLE cases_requests ADD COLUMN last_event_on TEXT;
ALTER TABLE cases_requests ADD COLUMN clock_basis TEXT;
CREATE INDEX cases_requests_due ON cases_requests (organ, closed_on, order_key, received_on, seq, id, last_event_on, clock_basis);
CREATE INDEX cases_requests_unkeyed ON cases_requests (clock_basis) WHERE closed_on IS NULL;`,
  },
]
