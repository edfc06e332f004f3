import type { Migration } from '@gongkai/store'

/**
 * The linker's content tables. `content_items` keeps the whole item as JSON plus the columns
 * queries filter on; `bindings` keeps the latest binding result (replaced as a whole by `link`).
 */
export const contentMigrations: readonly Migration[] = [
  {
    id: 'linker/001-content-items',
    sql: `CREATE TABLE content_items (
  url TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  doc_no TEXT,
  index_no TEXT,
  issuer TEXT,
  col TEXT,
  kind TEXT,
  published_at TEXT,
  source TEXT NOT NULL,
  item_json TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX content_items_issuer ON content_items (issuer);
CREATE INDEX content_items_col ON content_items (col);
CREATE INDEX content_items_kind ON content_items (kind);
CREATE INDEX content_items_doc_no ON content_items (doc_no);
CREATE INDEX content_items_published ON content_items (published_at, url);`,
  },
  {
    id: 'linker/002-bindings',
    sql: `CREATE TABLE bindings (
  catalogue TEXT NOT NULL,
  entry TEXT NOT NULL,
  url TEXT NOT NULL,
  method TEXT NOT NULL,
  rule TEXT,
  confidence REAL NOT NULL,
  bound_at TEXT NOT NULL,
  PRIMARY KEY (catalogue, entry, url)
);
CREATE INDEX bindings_url ON bindings (url);`,
  },
]
