// A query worker of the heavy-read pool (query-pool.ts). Plain JavaScript so that the same file
// runs from `src/` under the tests and from `dist/` once built (tsup copies it as an entry).
//
// Each worker holds its own read-only connection to the store file. A job is a list of reads run in
// one read transaction (so a page and its total see the same snapshot) under a deadline: the
// `gk_budget()` SQL function, which the row planner puts in front of its WHERE clauses, checks the
// deadline every 256 rows and throws, which SQLite turns into an aborted statement. That is the
// interrupt: better-sqlite3 has no sqlite3_interrupt, and Worker.terminate() waits until a native
// call returns (a 20 s scan stays a 20 s scan), so the check has to run inside the scan.
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const db = new Database(workerData.path, { readonly: true, fileMustExist: true })
db.pragma(`busy_timeout = ${workerData.busyTimeoutMs}`)

let deadline = Number.POSITIVE_INFINITY
let calls = 0
db.function('gk_budget', { deterministic: false, varargs: false }, () => {
  // Date.now() every 256 rows: about 50 ms per million rows scanned, measured.
  calls = (calls + 1) & 255
  if (calls === 0 && Date.now() > deadline) throw new Error('gk_budget: the time budget is spent')
  return 1
})

/** A small cache of prepared statements: the row planner repeats a handful of shapes. */
const statements = new Map()
function prepare(sql) {
  let stmt = statements.get(sql)
  if (!stmt) {
    stmt = db.prepare(sql)
    if (statements.size >= 128) statements.delete(statements.keys().next().value)
    statements.set(sql, stmt)
  }
  return stmt
}

function run(read) {
  const stmt = prepare(read.sql)
  const params = read.params
  if (params === undefined) return stmt[read.op]()
  return Array.isArray(params) ? stmt[read.op](...params) : stmt[read.op](params)
}

parentPort.on('message', (job) => {
  deadline = job.deadline
  calls = 0
  try {
    db.exec('BEGIN')
    try {
      const results = job.reads.map(run)
      parentPort.postMessage({ id: job.id, ok: true, results })
    } finally {
      db.exec('COMMIT')
    }
  } catch (err) {
    const timeout = Date.now() > deadline
    parentPort.postMessage({
      id: job.id,
      ok: false,
      timeout,
      code: typeof err?.code === 'string' ? err.code : undefined,
      message: String(err?.message ?? err),
    })
  } finally {
    deadline = Number.POSITIVE_INFINITY
  }
})
