/** A value SQLite and PostgreSQL both bind: text, numbers, bigints, null and bytes. */
export type SqlValue = string | number | bigint | null | Uint8Array

/** Positional (`?`) or named (`@name`) parameters. */
export type Params = readonly SqlValue[] | Readonly<Record<string, SqlValue>>

/** What a write reports: rows changed and, for inserts, the new rowid. */
export interface RunResult {
  changes: number
  lastInsertRowid: number | bigint
}

/** Statements that run in or out of a transaction. Every method is async so a PostgreSQL store fits. */
export interface Queryable {
  /** Runs one or more statements without parameters (DDL). */
  exec(sql: string): Promise<void>
  /** Runs one statement that writes. */
  run(sql: string, params?: Params): Promise<RunResult>
  /** First row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>
  /** All rows. For large results prefer {@link Queryable.iterate}. */
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>
  /** Runs one statement for every parameter set; returns the number of rows changed. */
  runMany(sql: string, rows: Iterable<Params> | AsyncIterable<Params>): Promise<number>
}

/** One numbered schema change owned by a package, e.g. `linker/001-content-items`. */
export interface Migration {
  /** `<package>/<NNN>-<name>`; applied once, in id order within a package. */
  id: string
  /** SQL text, or a function of the dialect when SQLite and PostgreSQL need different text. */
  sql: string | ((dialect: Dialect) => string)
}

/** Store implementations. */
export type Dialect = 'sqlite' | 'postgres'

/** A migration recorded as applied. */
export interface AppliedMigration {
  id: string
  checksum: string
  appliedAt: string
}

/** Outcome of {@link Store.migrate}. */
export interface MigrateResult {
  applied: string[]
  skipped: string[]
}

/** Options for streaming reads. */
export interface IterateOptions {
  /** Rows fetched per step (default 1000). */
  batchSize?: number
  /**
   * Yield each row as an array of its column values in select order instead of an object
   * (better-sqlite3's raw mode): no per-row object with named keys, so bulk exports go faster.
   */
  raw?: boolean
  /** Yield arrays of up to `batchSize` rows instead of single rows: one `await` per batch, not per row. */
  batches?: boolean
}

/** One read of a {@link Store.readHeavy} job: every row (`all`) or the first (`get`). */
export interface HeavyRead {
  sql: string
  params?: Params
  op: 'all' | 'get'
}

/** Options of {@link Store.readHeavy}. */
export interface HeavyReadOptions {
  /** Time budget in ms (default 10 000); past it the read is stopped with `query_timeout`. */
  budgetMs?: number
}

/** What {@link Store.checkFile} finds. */
export type StoreFileState = 'ok' | 'replaced' | 'readonly'

/** A row in raw mode: column values in select order. */
export type RawRow = SqlValue[]

/**
 * The store every package talks to. Narrow on purpose: a PostgreSQL implementation must be able to
 * follow, and nothing may assume this process is the only one using the database.
 */
export interface Store extends Queryable {
  readonly dialect: Dialect
  /** Path of the database file, or ':memory:'. */
  readonly location: string
  /** Applies the migrations not yet applied, each in its own transaction; refuses edited ones. */
  migrate(migrations: readonly Migration[]): Promise<MigrateResult>
  /** Migrations applied so far, in application order. */
  appliedMigrations(): Promise<AppliedMigration[]>
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Streams rows of a read on a separate connection, so writers are not blocked. With
   * `{ raw: true }` rows are arrays of column values; with `{ batches: true }` arrays of rows.
   * @example for await (const [id, name] of store.iterate('SELECT id, name FROM t', [], { raw: true })) …
   */
  iterate<T = Record<string, unknown>>(
    sql: string,
    params?: Params,
    options?: IterateOptions & { raw?: false; batches?: false }
  ): AsyncIterable<T>
  iterate(
    sql: string,
    params: Params | undefined,
    options: IterateOptions & { raw: true; batches?: false }
  ): AsyncIterable<RawRow>
  iterate<T = Record<string, unknown>>(
    sql: string,
    params: Params | undefined,
    options: IterateOptions & { raw?: false; batches: true }
  ): AsyncIterable<T[]>
  iterate(
    sql: string,
    params: Params | undefined,
    options: IterateOptions & { raw: true; batches: true }
  ): AsyncIterable<RawRow[]>
  /**
   * Reads that may scan a whole table, run off the thread that answers light requests (SQLite: a
   * pool of worker threads with read-only connections) in one read transaction, under a time
   * budget; resolves to one result per read. Statements put `gk_budget()` (always 1) in their
   * WHERE clause so the budget can stop them mid-scan. Rejects with a {@link StoreError}:
   * `query_timeout` past the budget, `query_queue_full` when too many wait.
   */
  readHeavy(reads: readonly HeavyRead[], options?: HeavyReadOptions): Promise<unknown[]>
  /**
   * Whether the store's file is still the one this store opened and can be written: `replaced`
   * when it was deleted or another file took its path (a restore, a copy), `readonly` when the
   * file or its folder lost write permission. A server store (PostgreSQL) answers `ok`.
   */
  checkFile(): StoreFileState
  /** Online backup to a file (consistent while others write). */
  backup(destination: string): Promise<void>
  /** Closes the connection; further calls reject. */
  close(): Promise<void>
}
