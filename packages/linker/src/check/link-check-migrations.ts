import type { Migration } from '@gongkai/store'

/** Migrations of the link-check log: runs, and one result row per URL per run with its check time. */
export const linkCheckMigrations: readonly Migration[] = [
  {
    id: 'linker/003-link-checks',
    sql: `
CREATE TABLE linker_check_runs (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  checked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX linker_check_runs_started ON linker_check_runs (started_at, id);
CREATE TABLE linker_link_checks (
  run_id TEXT NOT NULL REFERENCES linker_check_runs (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'dead', 'wrong_target', 'unreachable')),
  http_status INTEGER,
  reason TEXT NOT NULL,
  redirects TEXT NOT NULL,
  final_url TEXT NOT NULL,
  title TEXT,
  checked_at TEXT NOT NULL,
  elapsed_ms INTEGER NOT NULL,
  PRIMARY KEY (run_id, url)
);
CREATE INDEX linker_link_checks_url ON linker_link_checks (url, checked_at);
`,
  },
]
