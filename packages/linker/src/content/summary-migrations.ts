import type { Migration } from '@gongkai/store'
import { linkCheckMigrations } from '../check/link-check-migrations.js'
import { contentMigrations } from './migrations.js'

/** The link statuses counted as broken on a page: 断链 and 错链 (unreachable may be our network). */
export const BROKEN_STATUSES = "('dead', 'wrong_target')"

/**
 * What a catalogue page reads, kept small so its cost does not grow with the bound content:
 * each binding carries its item's publication date (`published`, '' when unknown) under an index
 * that gives an entry's newest item in one seek; `linker_link_latest` keeps the latest check of
 * each URL; `linker_entry_counts` keeps, per (catalogue, entry), the bound items and how many of
 * them are broken. Binding, import and link-check writes maintain them (see content-index.ts and
 * link-check-log.ts); the migration fills them from what is already stored.
 */
const summaryMigrations: readonly Migration[] = [
  {
    id: 'linker/004-entry-summary',
    sql: `ALTER TABLE bindings ADD COLUMN published TEXT NOT NULL DEFAULT '';
UPDATE bindings SET published = COALESCE((SELECT c.published_at FROM content_items c WHERE c.url = bindings.url), '');
CREATE INDEX bindings_latest ON bindings (catalogue, entry, published DESC, url);
CREATE TABLE linker_link_latest (
  url TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  run_id TEXT NOT NULL
);
INSERT INTO linker_link_latest (url, status, checked_at, run_id)
SELECT url, status, checked_at, run_id FROM (
  SELECT url, status, checked_at, run_id,
    ROW_NUMBER() OVER (PARTITION BY url ORDER BY checked_at DESC, run_id DESC) AS n
  FROM linker_link_checks) t WHERE n = 1;
CREATE TABLE linker_entry_counts (
  catalogue TEXT NOT NULL,
  entry TEXT NOT NULL,
  items INTEGER NOT NULL,
  broken INTEGER NOT NULL,
  PRIMARY KEY (catalogue, entry)
);
INSERT INTO linker_entry_counts (catalogue, entry, items, broken)
SELECT b.catalogue, b.entry, COUNT(*), SUM(CASE WHEN l.status IN ${BROKEN_STATUSES} THEN 1 ELSE 0 END)
FROM bindings b LEFT JOIN linker_link_latest l ON l.url = b.url
GROUP BY b.catalogue, b.entry;`,
  },
]

/**
 * Every linker migration in order. The content index and the link-check log each apply all of
 * them, because the maintained summary joins bindings with link checks.
 */
export const linkerMigrations: readonly Migration[] = [
  ...contentMigrations,
  ...linkCheckMigrations,
  ...summaryMigrations,
]

/** Rebuilds `linker_entry_counts` from the bindings and latest checks (after bindings are replaced). */
export const REBUILD_COUNTS = [
  'DELETE FROM linker_entry_counts',
  `INSERT INTO linker_entry_counts (catalogue, entry, items, broken)
SELECT b.catalogue, b.entry, COUNT(*), SUM(CASE WHEN l.status IN ${BROKEN_STATUSES} THEN 1 ELSE 0 END)
FROM bindings b LEFT JOIN linker_link_latest l ON l.url = b.url
GROUP BY b.catalogue, b.entry`,
]
