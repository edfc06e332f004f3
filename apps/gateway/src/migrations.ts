import type { Migration } from '@gongkai/store'

/**
 * The gateway's own tables: tokens, audit, rate limits, records, committees' catalogues, feed events,
 * organisations.
 */
export const gatewayMigrations: readonly Migration[] = [
  {
    id: 'gateway/001-tokens',
    sql: `CREATE TABLE gateway_tokens (
      id TEXT PRIMARY KEY,
      hash TEXT NOT NULL UNIQUE,
      org TEXT NOT NULL,
      role TEXT NOT NULL,
      scope TEXT NOT NULL,
      grants TEXT NOT NULL DEFAULT '[]',
      label TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      revoked_at TEXT
    )`,
  },
  {
    id: 'gateway/002-audit',
    sql: `CREATE TABLE gateway_audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      token_id TEXT,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      target TEXT,
      ip TEXT,
      status INTEGER NOT NULL
    );
    CREATE INDEX gateway_audit_at ON gateway_audit (at)`,
  },
  {
    id: 'gateway/003-rate-limit',
    sql: `CREATE TABLE gateway_rate_limit (
      key TEXT NOT NULL,
      window INTEGER NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (key, window)
    ) WITHOUT ROWID`,
  },
  {
    id: 'gateway/004-records',
    sql: `CREATE TABLE gateway_records (
      catalogue_id TEXT NOT NULL,
      entry_id TEXT NOT NULL,
      record_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      data TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('published', 'withdrawn')),
      reason TEXT,
      created_at TEXT NOT NULL,
      token_id TEXT,
      PRIMARY KEY (record_id, revision)
    );
    CREATE INDEX gateway_records_entry ON gateway_records (catalogue_id, entry_id, record_id)`,
  },
  {
    id: 'gateway/005-committees',
    sql: `CREATE TABLE gateway_catalogues (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      token_id TEXT
    )`,
  },
  {
    id: 'gateway/006-events',
    sql: `CREATE TABLE gateway_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      target TEXT NOT NULL,
      title TEXT NOT NULL,
      link TEXT NOT NULL,
      summary TEXT
    )`,
  },
  {
    // Organisations become rows: every organisation a token names is registered (named after its
    // id until the workspace config names it); audit entries and committees' catalogues record
    // their organisation, so an admin sees only its own.
    id: 'gateway/007-organisations',
    sql: `CREATE TABLE gateway_organisations (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    INSERT INTO gateway_organisations (id, name, created_at)
      SELECT org, org, min(created_at) FROM gateway_tokens GROUP BY org;
    CREATE INDEX gateway_tokens_org ON gateway_tokens (org);
    ALTER TABLE gateway_audit ADD COLUMN org TEXT;
    UPDATE gateway_audit SET org = (SELECT t.org FROM gateway_tokens t WHERE t.id = gateway_audit.token_id);
    CREATE INDEX gateway_audit_org ON gateway_audit (org, seq);
    ALTER TABLE gateway_catalogues ADD COLUMN org TEXT;
    UPDATE gateway_catalogues SET org = (SELECT t.org FROM gateway_tokens t WHERE t.id = gateway_catalogues.token_id)`,
  },
  {
    // The limiter drops past windows; the index keeps that delete from scanning every key.
    id: 'gateway/008-rate-limit-window',
    sql: 'CREATE INDEX gateway_rate_limit_window ON gateway_rate_limit (window)',
  },
  {
    // Applications for 有条件开放 data. Applicant fields are personal: only the owning organisation's
    // publishers read them. The status link's secret is stored hashed; the token it hands out is
    // created when the link is first read after approval, so no secret is ever stored.
    id: 'gateway/009-access-requests',
    sql: `CREATE TABLE gateway_access_requests (
      id TEXT PRIMARY KEY,
      dataset_id TEXT NOT NULL,
      org TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
      key_hash TEXT NOT NULL,
      applicant TEXT NOT NULL,
      purpose TEXT NOT NULL,
      scenario TEXT NOT NULL,
      security_measures TEXT NOT NULL,
      created_at TEXT NOT NULL,
      due_date TEXT NOT NULL,
      due_provisional INTEGER NOT NULL DEFAULT 0,
      decided_at TEXT,
      decided_by TEXT,
      expires_at TEXT,
      reason TEXT,
      token_id TEXT,
      token_issued_at TEXT
    );
    CREATE INDEX gateway_access_requests_org ON gateway_access_requests (org, status, created_at)`,
  },
  {
    // E-mailing the token of an approved application (config `reminders.smtp`): the token is then
    // created at the decision, e-mailed, and never shown on the status link; a failed send revokes
    // it and leaves the status link to hand one out. email_at is when the send was tried.
    id: 'gateway/010-access-request-email',
    sql: `ALTER TABLE gateway_access_requests ADD COLUMN email_status TEXT
      CHECK (email_status IN ('sending', 'sent', 'failed'));
    ALTER TABLE gateway_access_requests ADD COLUMN email_at TEXT;
    ALTER TABLE gateway_access_requests ADD COLUMN email_error TEXT`,
  },
]
