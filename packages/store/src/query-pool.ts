import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { StoreError } from './store-error.js'
import type { HeavyRead } from './types.js'

/** Options of a {@link QueryPool}. */
export interface QueryPoolOptions {
  /** Worker threads (default: CPUs − 1, at least 1, at most 4). */
  size?: number
  /** Busy timeout of each worker's connection, ms. */
  busyTimeoutMs?: number
  /** Jobs that may wait for a worker before new ones are refused (default 32 per worker). */
  maxQueued?: number
  /**
   * Grace after a job's budget before its worker is terminated and replaced, for a statement that
   * never reaches a `gk_budget()` check (default 2000 ms).
   */
  graceMs?: number
}

/** Default number of query workers: one CPU stays for the thread that answers light routes. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1))
}

interface Job {
  id: number
  reads: readonly HeavyRead[]
  budgetMs: number
  resolve(results: unknown[]): void
  reject(err: unknown): void
  settled: boolean
  timer?: NodeJS.Timeout
}

interface Slot {
  worker: Worker
  job?: Job
  kill?: NodeJS.Timeout
}

interface Reply {
  id: number
  ok: boolean
  results?: unknown[]
  timeout?: boolean
  code?: string
  message?: string
}

const WORKER_URL = new URL('./query-worker.js', import.meta.url)

/**
 * A pool of worker threads, each with its own read-only connection to one SQLite file, for reads
 * that may scan a whole table (filters on unindexed columns, short full-text searches, totals).
 * They run off the event loop, so entry lookups and other light routes keep answering, and each
 * runs under a time budget: past it the caller gets `query_timeout` at once, the worker's
 * `gk_budget()` check aborts the statement, and a worker that does not come back within the grace
 * is terminated and replaced.
 */
export class QueryPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false
  private readonly size: number
  private readonly maxQueued: number
  private readonly graceMs: number

  constructor(
    private readonly path: string,
    private readonly options: QueryPoolOptions = {}
  ) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()))
    this.maxQueued = options.maxQueued ?? 32 * this.size
    this.graceMs = options.graceMs ?? 2000
  }

  /** Number of worker threads the pool runs when busy. */
  get threads(): number {
    return this.size
  }

  /** Runs `reads` in one read transaction on a worker; rejects with `query_timeout` past `budgetMs`. */
  run(reads: readonly HeavyRead[], budgetMs: number): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'the query pool is closed'))
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new StoreError(
          'query_queue_full',
          `${this.queue.length} heavy queries are waiting for ${this.size} worker(s); try again shortly`
        )
      )
    }
    return new Promise<unknown[]>((resolve, reject) => {
      const job: Job = { id: this.nextId++, reads, budgetMs, resolve, reject, settled: false }
      this.queue.push(job)
      this.pump()
    })
  }

  /** Terminates every worker; queued jobs are refused. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) this.fail(job, new StoreError('closed', 'closed'))
    const slots = this.slots.splice(0)
    await Promise.all(
      slots.map((s) => {
        if (s.kill) clearTimeout(s.kill)
        if (s.job) this.fail(s.job, new StoreError('closed', 'the store was closed'))
        return s.worker.terminate()
      })
    )
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job)
      if (!slot && this.slots.length < this.size) slot = this.spawn()
      if (!slot) return
      const job = this.queue.shift() as Job
      this.start(slot, job)
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      workerData: { path: this.path, busyTimeoutMs: this.options.busyTimeoutMs ?? 5000 },
    })
    const slot: Slot = { worker }
    worker.on('message', (reply: Reply) => this.onReply(slot, reply))
    worker.on('error', (err) => this.onCrash(slot, err))
    worker.on('exit', (code) => {
      if (this.slots.includes(slot))
        this.onCrash(slot, new Error(`query worker exited with code ${code}`))
    })
    // An idle worker must not keep a CLI process alive; a busy one is ref'd in start().
    worker.unref()
    this.slots.push(slot)
    return slot
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job
    slot.worker.ref()
    const deadline = Date.now() + job.budgetMs
    job.timer = setTimeout(() => {
      this.fail(
        job,
        new StoreError(
          'query_timeout',
          `the query ran past its time budget of ${job.budgetMs} ms and was stopped`
        )
      )
      // The worker's own check stops the statement; a statement that never reaches it (a full-text
      // MATCH, a sort without rows to check) costs a worker, replaced after the grace.
      slot.kill = setTimeout(() => this.replace(slot), this.graceMs)
    }, job.budgetMs)
    slot.worker.postMessage({ id: job.id, reads: job.reads, deadline })
  }

  private onReply(slot: Slot, reply: Reply): void {
    const job = slot.job
    if (!job || job.id !== reply.id) return
    this.release(slot)
    if (reply.ok) this.settle(job, reply.results ?? [])
    else if (reply.timeout)
      this.fail(
        job,
        new StoreError(
          'query_timeout',
          `the query ran past its time budget of ${job.budgetMs} ms and was stopped`
        )
      )
    else {
      const err = new StoreError('query_failed', reply.message ?? 'the query failed')
      ;(err as { sqliteCode?: string }).sqliteCode = reply.code
      this.fail(job, err)
    }
    this.pump()
  }

  private onCrash(slot: Slot, err: Error): void {
    const job = slot.job
    this.drop(slot)
    if (job) this.fail(job, new StoreError('query_failed', err.message, { cause: err }))
    if (!this.closed) this.pump()
  }

  /** Terminates a worker stuck past its grace and lets a new one take its place. */
  private replace(slot: Slot): void {
    this.drop(slot)
    void slot.worker.terminate()
    this.pump()
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot)
    if (i >= 0) this.slots.splice(i, 1)
    if (slot.kill) clearTimeout(slot.kill)
    if (slot.job?.timer) clearTimeout(slot.job.timer)
    slot.job = undefined
  }

  private release(slot: Slot): void {
    if (slot.kill) clearTimeout(slot.kill)
    slot.kill = undefined
    if (slot.job?.timer) clearTimeout(slot.job.timer)
    slot.job = undefined
    slot.worker.unref()
  }

  private settle(job: Job, results: unknown[]): void {
    if (job.settled) return
    job.settled = true
    job.resolve(results)
  }

  private fail(job: Job, err: unknown): void {
    if (job.settled) return
    job.settled = true
    if (job.timer) clearTimeout(job.timer)
    job.reject(err)
  }
}
