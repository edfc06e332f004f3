import type { Migration } from '@gongkai/store'

/** SQL: the text `v` is a URL a page may link to (the dataset schema's URL `pattern`). */
const linkable = (v: string) =>
  `(substr(${v}, 1, 7) = 'http://' OR substr(${v}, 1, 8) = 'https://' OR substr(${v}, 1, 7) = 'mailto:')`

/** SQL: the JSON value at `path` of `doc` is present and not linkable. */
const unsafeAt = (doc: string, path: string) =>
  `(json_type(${doc}, '${path}') IS NOT NULL AND NOT ${linkable(`json_extract(${doc}, '${path}')`)})`

/**
 * Rewrites the descriptors of `table` (a `descriptor` JSON column) without URLs a page may not link
 * to: unsafe scalar URL fields are dropped, unsafe theme IRIs and distribution URLs removed from
 * their arrays. A dataset whose `license` is dropped must name one with its next version (the
 * descriptor no longer validates without it).
 */
function dropUnsafeUrls(table: string): string {
  const d = `${table}.descriptor`
  const scalars = ['$.license', '$.landingPage', '$.contact.url', '$.publisher.url'].map(
    (path) =>
      `UPDATE ${table} SET descriptor = json_remove(descriptor, '${path}') WHERE ${unsafeAt('descriptor', path)};`
  )
  const themes = `UPDATE ${table} SET descriptor = json_set(descriptor, '$.themes',
    (SELECT json_group_array(value) FROM (SELECT value FROM json_each(${d}, '$.themes') WHERE ${linkable('value')} ORDER BY key)))
    WHERE json_type(descriptor, '$.themes') = 'array'
      AND EXISTS (SELECT 1 FROM json_each(${d}, '$.themes') WHERE NOT ${linkable('value')});`
  const fixed = `CASE WHEN ${unsafeAt('value', '$.accessURL')}
      THEN json_remove(CASE WHEN ${unsafeAt('value', '$.downloadURL')} THEN json_remove(value, '$.downloadURL') ELSE value END, '$.accessURL')
      ELSE CASE WHEN ${unsafeAt('value', '$.downloadURL')} THEN json_remove(value, '$.downloadURL') ELSE value END END`
  const distributions = `UPDATE ${table} SET descriptor = json_set(descriptor, '$.distributions',
    (SELECT json_group_array(json(x)) FROM (SELECT ${fixed} AS x FROM json_each(${d}, '$.distributions') ORDER BY key)))
    WHERE json_type(descriptor, '$.distributions') = 'array'
      AND EXISTS (SELECT 1 FROM json_each(${d}, '$.distributions')
        WHERE ${unsafeAt('value', '$.downloadURL')} OR ${unsafeAt('value', '$.accessURL')});`
  return [...scalars, themes, distributions].join('\n')
}

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
  {
    // URL fields accept http(s) and mailto only (dataset.schema.json); descriptors stored before
    // that may hold `javascript:` and the like, which pages would render as links. A PostgreSQL
    // store only ever received descriptors through validated publishes: nothing to rewrite.
    id: 'open-data/002-link-urls',
    sql: (dialect) =>
      dialect === 'sqlite'
        ? `${dropUnsafeUrls('od_datasets')}\n${dropUnsafeUrls('od_versions')}`
        : 'SELECT 1',
  },
  {
    // A publish stages its rows in short transactions and beats this heartbeat while it runs, so
    // a staging version whose heartbeat stopped, or whose owner (host:pid) is a dead process of
    // this host, is a crashed publish's leftover (removed at the next start or publish), and one
    // that beats is a publish in progress (a second one gets 409).
    id: 'open-data/003-staging-heartbeat',
    sql: `ALTER TABLE od_versions ADD COLUMN heartbeat_at TEXT;
ALTER TABLE od_versions ADD COLUMN owner TEXT;`,
  },
]
