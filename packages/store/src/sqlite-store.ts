import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { planMigrations } from './migrations.js'
import { Mutex } from './mutex.js'
import { QueryPool } from './query-pool.js'
import { StoreError } from './store-error.js'
import type {
  AppliedMigration,
  HeavyRead,
  HeavyReadOptions,
  IterateOptions,
  MigrateResult,
  Migration,
  Params,
  Queryable,
  RunResult,
  Store,
  StoreFileState,
} from './types.js'

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Milliseconds a writer waits for another process's lock before failing (default 5000). */
  busyTimeoutMs?: number
  /** Open read-only (default false). */
  readonly?: boolean
  /**
   * Worker threads for {@link Store.readHeavy} (default: CPUs − 1, 1 to 4; started on first use).
   * 0 runs heavy reads on the calling thread, still under their budget.
   */
  queryWorkers?: number
}

/** Default time budget of a heavy read, ms. */
export const DEFAULT_QUERY_BUDGET_MS = 10_000

type Statement = Database.Statement<unknown[], unknown>

const CACHE_LIMIT = 256

/**
 * Opens (creating if needed) an SQLite store at `path`, or an in-memory one for ':memory:'.
 * WAL mode and a busy timeout let several processes share the file.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  return new SqliteStore(path, options)
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const
  readonly location: string
  private db: Database.Database | undefined
  private readonly mutex = new Mutex()
  private readonly statements = new Map<string, Statement>()
  private readonly options: SqliteStoreOptions
  private readonly direct: Queryable
  private pool: QueryPool | undefined
  /** Deadline of the heavy read running on this thread (when there are no workers). */
  private deadline = Number.POSITIVE_INFINITY
  /** Identity (device, inode) of the file opened, to notice it being deleted or replaced. */
  private readonly identity: { dev: number; ino: number } | undefined

  constructor(path: string, options: SqliteStoreOptions) {
    this.location = path
    this.options = options
    if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true })
    const db = new Database(path, { readonly: options.readonly ?? false })
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`)
    if (path !== ':memory:' && !options.readonly) enableWal(db, options.busyTimeoutMs ?? 5000)
    db.pragma('foreign_keys = ON')
    if (!options.readonly) db.pragma('synchronous = NORMAL')
    registerBudget(db, () => this.deadline)
    this.db = db
    if (path !== ':memory:') {
      const st = statSync(path)
      this.identity = { dev: st.dev, ino: st.ino }
    }
    this.direct = {
      exec: async (sql) => this.execNow(sql),
      run: async (sql, params) => this.runNow(sql, params),
      get: async <T>(sql: string, params?: Params) => this.getNow<T>(sql, params),
      all: async <T>(sql: string, params?: Params) => this.allNow<T>(sql, params),
      runMany: (sql, rows) => this.runManyNow(sql, rows),
    }
  }

  private handle(): Database.Database {
    if (!this.db) throw new StoreError('closed', `store ${this.location} is closed`)
    return this.db
  }

  private prepare(sql: string): Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      stmt = this.handle().prepare(sql)
      // A small bounded cache: hot statements stay compiled, one-off SQL does not grow memory.
      if (this.statements.size >= CACHE_LIMIT) {
        const first = this.statements.keys().next().value
        if (first !== undefined) this.statements.delete(first)
      }
      this.statements.set(sql, stmt)
    }
    return stmt
  }

  private execNow(sql: string): void {
    this.handle().exec(sql)
  }

  private runNow(sql: string, params?: Params): RunResult {
    const r = bind(this.prepare(sql), params, 'run') as Database.RunResult
    return { changes: r.changes, lastInsertRowid: r.lastInsertRowid }
  }

  private getNow<T>(sql: string, params?: Params): T | undefined {
    return bind(this.prepare(sql), params, 'get') as T | undefined
  }

  private allNow<T>(sql: string, params?: Params): T[] {
    return bind(this.prepare(sql), params, 'all') as T[]
  }

  private async runManyNow(
    sql: string,
    rows: Iterable<Params> | AsyncIterable<Params>
  ): Promise<number> {
    const stmt = this.prepare(sql)
    let changes = 0
    if (Symbol.asyncIterator in rows) {
      for await (const p of rows as AsyncIterable<Params>) {
        changes += (bind(stmt, p, 'run') as Database.RunResult).changes
      }
    } else {
      for (const p of rows as Iterable<Params>) {
        changes += (bind(stmt, p, 'run') as Database.RunResult).changes
      }
    }
    return changes
  }

  /**
   * Runs a synchronous operation at once when no transaction is open (the common, fast path),
   * otherwise after the transaction, so it never lands inside someone else's BEGIN … COMMIT.
   */
  private async outside<T>(op: () => T): Promise<T> {
    if (!this.mutex.locked) return op()
    const release = await this.mutex.acquire()
    try {
      return op()
    } finally {
      release()
    }
  }

  exec(sql: string): Promise<void> {
    return this.outside(() => this.execNow(sql))
  }

  run(sql: string, params?: Params): Promise<RunResult> {
    return this.outside(() => this.runNow(sql, params))
  }

  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined> {
    return this.outside(() => this.getNow<T>(sql, params))
  }

  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    return this.outside(() => this.allNow<T>(sql, params))
  }

  async runMany(sql: string, rows: Iterable<Params> | AsyncIterable<Params>): Promise<number> {
    return this.transaction((tx) => tx.runMany(sql, rows))
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const release = await this.mutex.acquire()
    try {
      const db = this.handle()
      // IMMEDIATE takes the write lock up front, so two processes cannot both read-then-write.
      db.exec('BEGIN IMMEDIATE')
      try {
        const result = await fn(this.direct)
        db.exec('COMMIT')
        return result
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw err
      }
    } finally {
      release()
    }
  }

  checkFile(): StoreFileState {
    if (!this.identity) return 'ok'
    let st: { dev: number; ino: number }
    try {
      st = statSync(this.location)
    } catch {
      // Gone (deleted, or its folder moved): this connection reads a file nobody else sees.
      return 'replaced'
    }
    if (st.dev !== this.identity.dev || st.ino !== this.identity.ino) return 'replaced'
    if (this.options.readonly) return 'ok'
    try {
      // The file, and its folder for the -wal and -shm files SQLite writes beside it.
      accessSync(this.location, constants.W_OK)
      accessSync(dirname(this.location), constants.W_OK)
      return 'ok'
    } catch {
      return 'readonly'
    }
  }

  async readHeavy(reads: readonly HeavyRead[], options: HeavyReadOptions = {}): Promise<unknown[]> {
    this.handle()
    const budgetMs = options.budgetMs ?? DEFAULT_QUERY_BUDGET_MS
    const workers = this.options.queryWorkers
    if (this.location === ':memory:' || workers === 0) {
      // No workers (an in-memory store cannot be shared): run here, still stopped at the budget.
      return this.outside(() => this.readHere(reads, budgetMs))
    }
    this.pool ??= new QueryPool(this.location, {
      size: workers,
      busyTimeoutMs: this.options.busyTimeoutMs,
    })
    return this.pool.run(reads, budgetMs)
  }

  private readHere(reads: readonly HeavyRead[], budgetMs: number): unknown[] {
    const db = this.handle()
    this.deadline = Date.now() + budgetMs
    const own = !db.inTransaction
    try {
      if (own) db.exec('BEGIN')
      try {
        return reads.map((r) => bind(this.prepare(r.sql), r.params, r.op))
      } finally {
        if (own) db.exec('COMMIT')
      }
    } catch (err) {
      if (Date.now() > this.deadline)
        throw new StoreError(
          'query_timeout',
          `the query ran past its time budget of ${budgetMs} ms and was stopped`,
          { cause: err }
        )
      throw err
    } finally {
      this.deadline = Number.POSITIVE_INFINITY
    }
  }

  // The typed overloads live on the Store interface (openSqliteStore returns a Store); one
  // implementation signature here keeps them in one place.
  // biome-ignore lint/suspicious/noExplicitAny: rows are typed by the Store interface's overloads
  iterate(sql: string, params?: Params, options: IterateOptions = {}): AsyncIterable<any> {
    const rows = this.iterateBatches(sql, params, options)
    return options.batches ? rows : flatten(rows)
  }

  private async *iterateBatches(
    sql: string,
    params: Params | undefined,
    options: IterateOptions
  ): AsyncGenerator<unknown[]> {
    this.handle()
    const batch = Math.max(1, options.batchSize ?? 1000)
    // A private connection: better-sqlite3 keeps a connection busy while an iterator is open.
    const reader =
      this.location === ':memory:' ? undefined : new Database(this.location, { readonly: true })
    try {
      if (!reader) {
        // In-memory databases cannot be shared; read everything first (tests and tiny stores only).
        const stmt = this.handle().prepare(sql)
        if (options.raw) stmt.raw(true)
        const all = bind(stmt, params, 'all') as unknown[]
        for (let i = 0; i < all.length; i += batch) yield all.slice(i, i + batch)
        return
      }
      reader.pragma(`busy_timeout = ${this.options.busyTimeoutMs ?? 5000}`)
      const stmt = reader.prepare(sql)
      // Raw mode skips building an object with named keys for every row.
      if (options.raw) stmt.raw(true)
      const it = bind(stmt, params, 'iterate') as IterableIterator<unknown>
      let buffered: unknown[] = []
      for (const row of it) {
        buffered.push(row)
        if (buffered.length >= batch) {
          yield buffered
          buffered = []
        }
      }
      if (buffered.length > 0) yield buffered
    } finally {
      reader?.close()
    }
  }

  async migrate(migrations: readonly Migration[]): Promise<MigrateResult> {
    await this.ensureMigrationTable()
    const planned = planMigrations(migrations, this.dialect)
    const result: MigrateResult = { applied: [], skipped: [] }
    for (const m of planned) {
      // Each migration checks and applies under the write lock, so a second process that races us
      // sees the row we wrote and skips.
      await this.transaction(async (tx) => {
        const row = await tx.get<{ checksum: string }>(
          'SELECT checksum FROM _migrations WHERE id = ?',
          [m.id]
        )
        if (row) {
          if (row.checksum !== m.checksum) {
            throw new StoreError(
              'migration_changed',
              `migration ${m.id} was edited after it was applied (checksum ${row.checksum} → ${m.checksum}); add a new migration instead`
            )
          }
          result.skipped.push(m.id)
          return
        }
        try {
          await tx.exec(m.sql)
        } catch (err) {
          throw new StoreError(
            'migration_failed',
            `migration ${m.id} failed: ${(err as Error).message}`,
            { cause: err }
          )
        }
        await tx.run('INSERT INTO _migrations (id, checksum, applied_at) VALUES (?, ?, ?)', [
          m.id,
          m.checksum,
          new Date().toISOString(),
        ])
        result.applied.push(m.id)
      })
    }
    return result
  }

  private async ensureMigrationTable(): Promise<void> {
    await this.exec(
      'CREATE TABLE IF NOT EXISTS _migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)'
    )
  }

  async appliedMigrations(): Promise<AppliedMigration[]> {
    await this.ensureMigrationTable()
    const rows = await this.all<{ id: string; checksum: string; applied_at: string }>(
      'SELECT id, checksum, applied_at FROM _migrations ORDER BY applied_at, rowid'
    )
    return rows.map((r) => ({ id: r.id, checksum: r.checksum, appliedAt: r.applied_at }))
  }

  async backup(destination: string): Promise<void> {
    mkdirSync(dirname(destination), { recursive: true })
    await this.handle().backup(destination)
  }

  async close(): Promise<void> {
    const release = await this.mutex.acquire()
    try {
      this.statements.clear()
      await this.pool?.close()
      this.pool = undefined
      this.db?.close()
      this.db = undefined
    } finally {
      release()
    }
  }
}

/**
 * Switches a file to WAL. The switch needs an exclusive lock and SQLite does not call the busy
 * handler for it, so several processes opening a new file at once must retry by hand.
 */
function enableWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (let attempt = 0; ; attempt++) {
    try {
      if (db.pragma('journal_mode', { simple: true }) === 'wal') return
      db.pragma('journal_mode = WAL')
      return
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err
      // A short synchronous back-off: this runs once per connection, inside the constructor.
      Atomics.wait(pause, 0, 0, Math.min(50, 5 * (attempt + 1)))
    }
  }
}

/**
 * `gk_budget()`: always 1, so a statement may carry it in its WHERE clause; once the deadline of a
 * heavy read running on this connection has passed it throws (checked every 256 rows), which
 * aborts the statement. The query workers define the same function (query-worker.js).
 */
function registerBudget(db: Database.Database, deadline: () => number): void {
  let calls = 0
  db.function('gk_budget', { deterministic: false }, () => {
    calls = (calls + 1) & 255
    if (calls === 0 && Date.now() > deadline())
      throw new Error('gk_budget: the time budget is spent')
    return 1
  })
}

/**
 * Single rows out of batches, as a hand-written iterator: a buffered row costs one resolved
 * promise instead of the queueing an async generator's `yield` adds per row.
 */
function flatten(source: AsyncIterable<unknown[]>): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]()
      let items: unknown[] = []
      let j = 0
      let finished = false
      const refill = async (): Promise<IteratorResult<unknown>> => {
        for (;;) {
          if (finished) return { done: true, value: undefined }
          const r = await it.next()
          if (r.done) {
            finished = true
            return { done: true, value: undefined }
          }
          items = r.value
          j = 0
          if (items.length > 0) return { done: false, value: items[j++] }
        }
      }
      return {
        next: () =>
          j < items.length ? Promise.resolve({ done: false, value: items[j++] }) : refill(),
        // Breaking out of `for await` must close the private connection.
        return: async () => {
          finished = true
          items = []
          await it.return?.()
          return { done: true, value: undefined }
        },
      }
    },
  }
}

function bind(stmt: Statement, params: Params | undefined, op: 'run' | 'get' | 'all' | 'iterate') {
  if (params === undefined) return stmt[op]()
  if (Array.isArray(params)) return stmt[op](...params)
  return stmt[op](params)
}
