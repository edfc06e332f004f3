import type { Migration } from '@gongkai/store'

/**
 * The open-data tables. Each published version's rows live in their own typed table
 * (`od_<hash>_v<n>`, created by publish inside its transaction, since its columns come from the
 * version's table schema); these tables record datasets and versions.
 */
export const openDataMigrations: readonly Migration[] = [
  {
    id: 'open-data/001-datasets-versions',
    sql: `
CREATE TABLE od_datasets (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  openness TEXT NOT NULL CHECK (openness IN ('unconditional', 'conditional', 'closed')),
  descriptor TEXT NOT NULL,
  current_version INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE od_versions (
  dataset_id TEXT NOT NULL REFERENCES od_datasets (id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('staging', 'published', 'withdrawn')),
  table_name TEXT NOT NULL UNIQUE,
  descriptor TEXT NOT NULL,
  table_schema TEXT NOT NULL,
  row_count INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  findings_count INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT '{}',
  files TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  published_at TEXT,
  withdrawn_at TEXT,
  withdrawn_reason TEXT,
  PRIMARY KEY (dataset_id, version)
);
CREATE INDEX od_versions_status ON od_versions (status);
`,
  },
]
