// Ingest at scale: a CSV of 1M and 3M rows x 10 columns (the generator of open-data-csv.bench.ts)
// published by us (`openDatastore(…).publish`, what `gongkai dataset add` runs), imported by the
// sqlite3 CLI (`.import` into the same table, indexes and FTS index, read from our store's
// sqlite_master after our publish) and read by DuckDB (`read_csv` into a table, the native
// reference), each in its own process, in interleaved rounds. Targets: our peak RSS < 300 MB at
// 3M rows (memory bounded by the batch, not the file) and our time <= 1.5x sqlite3's.
// BENCH_SCALE_TRACE=1 prints our process's memory every 100,000 rows (JS heap, external, RSS).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TableSchema } from '@gongkai/schema'
import { FIELDS, HEADER, makePool, rows } from './open-data-csv.bench.js'
import { smoke } from './smoke.js'
import { loadAverage, median } from './stats.js'

const SIZES = (process.env.BENCH_SCALE_ROWS ?? (smoke ? '20000' : '1000000,3000000'))
  .split(',')
  .map(Number)
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? (smoke ? 1 : 2))
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.data', 'ingest-scale')
// Bump when the generated rows change: the cached source files are rewritten.
const SOURCE_VERSION = 'v1'
const SQLITE3 = process.env.GONGKAI_SQLITE3 ?? '/usr/bin/sqlite3'
const RSS_TARGET_MB = 300
const RATIO_TARGET = 1.5
// Filters index two columns besides the primary key, as a published dataset usually does.
const SCHEMA = {
  fields: FIELDS,
  primaryKey: 'id',
  filterColumns: ['街道', '类别'],
} as TableSchema

interface ChildResult {
  name: string
  rows: number
  ms: number
  /** Ours: until the table, its indexes and the FTS index are complete (before the files). */
  tableMs?: number
  maxRssMb?: number
  /** Ours: the DDL our publish created (table, FTS, indexes), for the sqlite3 import. */
  ddl?: string[]
}

const sourceFile = (n: number) => join(DIR, `source-${SOURCE_VERSION}-${n}.csv`)

/** Writes the source CSV of `n` rows once (cached). */
async function ensureSource(n: number): Promise<string> {
  const file = sourceFile(n)
  if (existsSync(file)) return file
  mkdirSync(DIR, { recursive: true })
  const { writeCsv } = await import('@gongkai/open-data')
  await writeCsv(rows(makePool(), n), HEADER, `${file}.tmp`)
  renameSync(`${file}.tmp`, file)
  return file
}

/** In the child: our publish into a fresh store; time, peak RSS and the DDL it created. */
async function childOurs(n: number): Promise<void> {
  const { openDatastore } = await import('@gongkai/open-data')
  const { openSqliteStore } = await import('@gongkai/store')
  const dir = join(DIR, `ours-${n}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const store = openSqliteStore(join(dir, 'store.db'))
  // The version files are written from the stored rows: the first read marks the end of the
  // table, its indexes and its FTS index.
  let tableAt: number | undefined
  const marked = new Proxy(store, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver)
      if (typeof v !== 'function') return v
      if (key === 'iterate' || key === 'readHeavy')
        return (...args: unknown[]) => {
          tableAt ??= performance.now()
          return v.apply(target, args)
        }
      return v.bind(target)
    },
  })
  const ds = await openDatastore(marked, { filesDir: join(dir, 'files') })
  const trace = process.env.BENCH_SCALE_TRACE === '1'
  let nextTrace = 0
  const mb = (b: number) => (b / 2 ** 20).toFixed(0)
  const t0 = performance.now()
  const r = await ds.publish({
    descriptor: {
      id: 'bench',
      title: '基准数据',
      description: '基准测试数据集',
      publisher: { id: 'bench', name: '基准' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness: 'unconditional',
    },
    schema: SCHEMA,
    source: sourceFile(n),
    onProgress: (read) => {
      if (!trace || read < nextTrace) return
      nextTrace = read + 100_000
      const m = process.memoryUsage()
      console.error(
        `MEM rows ${read} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} rss ${mb(m.rss)} MB (peak ${mb(process.resourceUsage().maxRSS * 1024)})`
      )
    },
  })
  const ms = performance.now() - t0
  if (!r.ok || r.rowCount !== n)
    throw new Error(`publish failed: ${r.ok ? r.rowCount : JSON.stringify(r.errors.slice(0, 3))}`)
  const version = await store.get<{ table_name: string }>(
    "SELECT table_name FROM od_versions WHERE dataset_id = 'bench'"
  )
  const table = version?.table_name as string
  const ddl = (
    await store.all<{ sql: string }>(
      "SELECT sql FROM sqlite_master WHERE tbl_name IN (?, ?) AND sql IS NOT NULL ORDER BY type = 'index', rowid",
      [table, `${table}_fts`]
    )
  ).map((x) => x.sql)
  await store.close()
  rmSync(dir, { recursive: true, force: true })
  const result: ChildResult = {
    name: 'ours',
    rows: n,
    ms,
    tableMs: (tableAt ?? performance.now()) - t0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ddl,
  }
  console.log(`RESULT ${JSON.stringify(result)}`)
}

/** In the child: DuckDB's read_csv into a table of a fresh database file. */
async function childDuckdb(n: number): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api')
  const file = join(DIR, `duck-${n}.db`)
  rmSync(file, { force: true })
  const db = await DuckDBInstance.create(file)
  const c = await db.connect()
  const t0 = performance.now()
  await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${sourceFile(n)}', header = true)`)
  const ms = performance.now() - t0
  const count = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]?.[0])
  c.closeSync()
  rmSync(file, { force: true })
  if (count !== n) throw new Error(`DuckDB read ${count} rows, expected ${n}`)
  const result: ChildResult = {
    name: 'DuckDB read_csv',
    rows: n,
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }
  console.log(`RESULT ${JSON.stringify(result)}`)
}

/**
 * The sqlite3 CLI: our table and FTS DDL, `.import`, then our indexes and the FTS index filled in
 * one 'rebuild' (the fastest order SQLite offers), with our store's WAL and synchronous settings.
 */
function runSqlite3(n: number, ddl: readonly string[]): ChildResult {
  const file = join(DIR, `sqlite3-${n}.db`)
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  const creates = ddl.filter((s) => !s.startsWith('CREATE INDEX') && !s.startsWith('CREATE UNIQUE'))
  const indexes = ddl.filter((s) => s.startsWith('CREATE INDEX') || s.startsWith('CREATE UNIQUE'))
  const table = /CREATE TABLE "([^"]+)"/.exec(ddl[0] ?? '')?.[1]
  if (!table) throw new Error(`no table in the DDL: ${ddl[0]}`)
  const fts = ddl.some((s) => s.includes(`"${table}_fts"`)) ? `${table}_fts` : undefined
  const script = [
    'PRAGMA journal_mode = WAL;',
    'PRAGMA synchronous = NORMAL;',
    ...creates.map((s) => `${s};`),
    `.import --csv --skip 1 '${sourceFile(n)}' ${table}`,
    ...indexes.map((s) => `${s};`),
    ...(fts ? [`INSERT INTO "${fts}" ("${fts}") VALUES ('rebuild');`] : []),
    `SELECT count(*) FROM "${table}";`,
  ].join('\n')
  const timeBin = existsSync('/usr/bin/time')
  const [cmd, args] = timeBin
    ? ['/usr/bin/time', ['-f', 'MAXRSS %M', SQLITE3, '-bail', file]]
    : [SQLITE3, ['-bail', file]]
  const t0 = performance.now()
  const out = spawnSync(cmd, args, { input: script, encoding: 'utf8', maxBuffer: 1 << 24 })
  const ms = performance.now() - t0
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  const count = Number(out.stdout.trim().split('\n').pop())
  if (out.status !== 0 || count !== n)
    throw new Error(`sqlite3 failed (exit ${out.status}, ${count} rows): ${out.stderr}`)
  const rss = /MAXRSS (\d+)/.exec(out.stderr)?.[1]
  return {
    name: 'sqlite3 .import',
    rows: n,
    ms,
    ...(rss ? { maxRssMb: Number(rss) / 1024 } : {}),
  }
}

function runChild(name: string, n: number): ChildResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, String(n)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }
  )
  const line = out.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`child ${name} printed no result:\n${out}`)
  return JSON.parse(line.slice(7)) as ChildResult
}

interface Round {
  ours: ChildResult
  sqlite3: ChildResult
  duckdb: ChildResult
}

/** One round: ours first (the sqlite3 import needs its DDL), then the others in flipping order. */
function round(n: number, i: number): Round {
  const ours = runChild('ours', n)
  const ddl = ours.ddl ?? []
  if (i % 2 === 0) return { ours, sqlite3: runSqlite3(n, ddl), duckdb: runChild('duckdb', n) }
  const duckdb = runChild('duckdb', n)
  return { ours, sqlite3: runSqlite3(n, ddl), duckdb }
}

export async function run(): Promise<void> {
  if (!existsSync(SQLITE3)) throw new Error(`${SQLITE3} is missing (apt-get install sqlite3)`)
  for (const n of SIZES) {
    const file = await ensureSource(n)
    console.log(
      `\n${n.toLocaleString('en')} rows x ${HEADER.length} columns, ${(statSync(file).size / 1e6).toFixed(0)} MB of CSV; ${ROUNDS} round(s); load average before ${await loadAverage()}`
    )
    const rounds: Round[] = []
    for (let i = 0; i < ROUNDS; i++) rounds.push(round(n, i))
    console.log(`load average after ${await loadAverage()}\n`)
    const ddl = rounds[0]?.ours.ddl ?? []
    console.log(`same schema for ours and sqlite3: ${ddl.length} statements (table, FTS, indexes)`)
    console.log('| contender | time s (median) | rows/s | peak RSS MB (max) | note |')
    console.log('|---|---:|---:|---:|---|')
    const line = (name: string, runs: number[], rss: (number | undefined)[], note: string) => {
      const ms = median(runs)
      const peak = rss.every((x) => x !== undefined) ? Math.max(...(rss as number[])) : undefined
      console.log(
        `| ${name} | ${(ms / 1000).toFixed(1)} | ${Math.round(n / (ms / 1000)).toLocaleString('en')} | ${peak === undefined ? '–' : peak.toFixed(0)} | ${note} |`
      )
    }
    const rssOf = (k: keyof Round) => rounds.map((r) => r[k].maxRssMb)
    line(
      'ours: publish',
      rounds.map((r) => r.ours.ms),
      rssOf('ours'),
      'what `gongkai dataset add` runs: + CSV, Excel CSV, JSON, NDJSON files'
    )
    line(
      'ours: table, indexes, FTS',
      rounds.map((r) => r.ours.tableMs ?? r.ours.ms),
      rssOf('ours'),
      'the same work as sqlite3 (the files not yet written)'
    )
    line(
      'sqlite3 .import',
      rounds.map((r) => r.sqlite3.ms),
      rssOf('sqlite3'),
      'no casting, validation or privacy scan'
    )
    line(
      'DuckDB read_csv',
      rounds.map((r) => r.duckdb.ms),
      rssOf('duckdb'),
      'native, multi-threaded, columnar; no indexes or FTS (reference)'
    )
    const ratio = (f: (r: Round) => number) => median(rounds.map(f))
    const table = ratio((r) => (r.ours.tableMs ?? r.ours.ms) / r.sqlite3.ms)
    const whole = ratio((r) => r.ours.ms / r.sqlite3.ms)
    const peak = Math.max(...rounds.map((r) => r.ours.maxRssMb ?? 0))
    console.log(
      `\nours / sqlite3 .import (table, indexes, FTS) = ${table.toFixed(2)}x (target <= ${RATIO_TARGET}) ${table <= RATIO_TARGET ? 'PASS' : 'FAIL'}`
    )
    console.log(`ours / sqlite3 .import (whole publish, files included) = ${whole.toFixed(2)}x`)
    console.log(
      `ours / DuckDB read_csv (whole publish) = ${ratio((r) => r.ours.ms / r.duckdb.ms).toFixed(1)}x (reference)`
    )
    console.log(
      `our peak RSS ${peak.toFixed(0)} MB (target < ${RSS_TARGET_MB}) ${peak < RSS_TARGET_MB ? 'PASS' : 'FAIL'}`
    )
  }
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0 && process.argv[1] === fileURLToPath(import.meta.url)) {
  const name = process.argv[childAt + 1]
  const n = Number(process.argv[childAt + 2])
  const main = name === 'ours' ? childOurs : name === 'duckdb' ? childDuckdb : undefined
  if (!main) throw new Error(`unknown child ${name}`)
  main(n).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
