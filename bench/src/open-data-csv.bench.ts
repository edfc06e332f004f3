// CSV export: 1,000,000 rows x 10 columns (Chinese text, integers, decimals, dates, ~5% of cells
// needing quotes), published once into a datastore cached under bench/.data/ (the publish measures
// ingest rows/s). Then, each run in its own child process so peak RSS is measured per contender:
// the datastore's CSV export (`ds.exportCsv`, what a fresh export of a version runs), the generic
// path (`iterateArrays` -> `writeCsv`), `writeCsv` over in-memory rows, csv-stringify over the same
// rows, and DuckDB's native COPY TO over the same table; in interleaved rounds (one run of every
// contender per round, the order flipping), with medians and the median of per-round ratios.
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { size } from './smoke.js'
import { loadAverage, median } from './stats.js'

const ROWS = size(1_000_000, 20_000, 'BENCH_CSV_ROWS')
// Bump when the generated rows or the stored format change: the cached datastore is rebuilt.
const DATA_VERSION = `csv-v1-${ROWS}`
const CACHE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '.data',
  `open-data-${DATA_VERSION}`
)
// The machine is shared: interleaved rounds, one run of every contender per round.
const ROUNDS = size(3, 1, 'BENCH_CSV_ROUNDS')
/** The generated table's header. */
export const HEADER = [
  'id',
  '名称',
  '街道',
  '位置',
  '金额',
  '数量',
  '日期',
  '更新时间',
  '类别',
  '备注',
]
/** The generated table's fields (table schema). */
export const FIELDS = [
  { name: 'id', type: 'integer' },
  { name: '名称', type: 'string' },
  { name: '街道', type: 'string' },
  { name: '位置', type: 'string' },
  { name: '金额', type: 'number' },
  { name: '数量', type: 'integer' },
  { name: '日期', type: 'date' },
  { name: '更新时间', type: 'datetime' },
  { name: '类别', type: 'string' },
  { name: '备注', type: 'string' },
]
// A character device: the writers write it in place (never a temporary file renamed over it).
const SINK = '/dev/null'

// A fixed pool of row templates: contenders pay the same (tiny) cost per row, so the timings are
// serialisation, not data generation.
const POOL_SIZE = 4096
/** The row templates (deterministic). */
export function makePool(): unknown[][] {
  let seed = 42
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  const streets = [
    '华阳路街道',
    '江苏路街道',
    '新华路街道',
    '周家桥街道',
    '天山路街道',
    '仙霞新村街道',
    '虹桥街道',
    '程家桥街道',
    '北新泾街道',
    '新泾镇',
  ]
  const words = [
    '招生',
    '范围',
    '公共',
    '服务',
    '社区',
    '卫生',
    '养老',
    '教育',
    '文化',
    '体育',
    '交通',
    '环境',
  ]
  const kinds = ['行政许可', '行政处罚', '公共服务', '财政资金']
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T
  const pool: unknown[][] = []
  for (let i = 0; i < POOL_SIZE; i++) {
    const q = () => rand() < 0.0555 // ~5% of the 9 pooled cells (id never needs quotes)
    const name = `${pick(words)}${pick(words)}${pick(words)}项目${i}`
    const address = `长宁区${pick(streets)}${Math.floor(rand() * 999)}号${q() ? '，1单元,2室' : ''}`
    const note = q() ? `备注"${pick(words)}"\n第二行` : `${pick(words)}${pick(words)}说明`
    pool.push([
      q() ? `${name},分项` : name,
      pick(streets),
      address,
      Math.round(rand() * 1e7) / 100,
      Math.floor(rand() * 5000),
      `2024-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      `2024-06-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:30:00Z`,
      q() ? `${pick(kinds)}, 其他` : pick(kinds),
      note,
    ])
  }
  return pool
}

/** `count` rows: a running id, then the pooled template's cells. */
export function* rows(pool: unknown[][], count = ROWS): Generator<unknown[]> {
  for (let i = 0; i < count; i++) {
    const t = pool[i & (POOL_SIZE - 1)] as unknown[]
    yield [i + 1, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]]
  }
}

/** The package's exports. */
async function openData(): Promise<Record<string, unknown>> {
  return (await import('@gongkai/open-data')) as Record<string, unknown>
}

type WriteCsv = (
  rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
  header: readonly string[],
  out: string
) => Promise<{ bytes: number; rows: number }>

interface BenchDatastore {
  publish(
    input: unknown
  ): Promise<{ ok: boolean; rowCount?: number; reason?: string; errors?: unknown[] }>
  exportCsv(id: string, out: string): Promise<{ bytes: number; rows: number } | undefined>
  iterateArrays(id: string): { header: Promise<string[]>; rows: AsyncIterable<unknown[]> }
  filePath(id: string, version: number, format: string): string
}

async function openBenchDatastore(): Promise<BenchDatastore> {
  const od = await openData()
  const { openSqliteStore } = await import('@gongkai/store')
  const openDatastore = od.openDatastore as (
    s: unknown,
    o: { filesDir: string }
  ) => Promise<unknown>
  const store = openSqliteStore(join(CACHE, 'store.db'))
  return (await openDatastore(store, { filesDir: join(CACHE, 'files') })) as BenchDatastore
}

interface ChildResult {
  name: string
  ms: number
  bytes: number
  rows: number
  maxRssMb: number
  cpuMs?: number
  note?: string
}

interface CacheMeta {
  version: string
  rows: number
  sourceBytes: number
  ingestMs: number
  publishMs: number
  publishRssMb: number
  loadavg: string
}

const report = (r: Omit<ChildResult, 'maxRssMb'>): void => {
  const maxRssMb = process.resourceUsage().maxRSS / 1024
  console.log(`RESULT ${JSON.stringify({ ...r, maxRssMb })}`)
}

/** Wall and CPU time of one run of `fn`. */
async function timed(
  fn: () => Promise<{ bytes: number; rows: number }>
): Promise<{ ms: number; cpuMs: number; bytes: number; rows: number }> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const r = await fn()
  const ms = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { ms, cpuMs: (c.user + c.system) / 1000, ...r }
}

/** Publishes the rows once (CSV file -> ingest -> datastore + files) and records the timings. */
async function childPublish(): Promise<void> {
  rmSync(CACHE, { recursive: true, force: true })
  mkdirSync(CACHE, { recursive: true })
  const writeCsv = (await openData()).writeCsv as WriteCsv
  const source = join(CACHE, 'source.csv')
  const written = await writeCsv(rows(makePool()), HEADER, source)
  const ds = await openBenchDatastore()
  let lastProgress = 0
  const t0 = performance.now()
  const published = await ds.publish({
    descriptor: {
      id: 'bench',
      title: '基准数据',
      description: '基准测试数据集',
      publisher: { id: 'bench', name: '基准' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness: 'unconditional',
    },
    schema: { fields: FIELDS, primaryKey: 'id' },
    source,
    onProgress: () => {
      lastProgress = performance.now()
    },
  })
  const publishMs = performance.now() - t0
  rmSync(source, { force: true })
  if (!published.ok || published.rowCount !== ROWS) {
    throw new Error(
      `publish failed: ${published.reason} ${JSON.stringify(published.errors?.slice(0, 3))}`
    )
  }
  const meta: CacheMeta = {
    version: DATA_VERSION,
    rows: ROWS,
    sourceBytes: written.bytes,
    ingestMs: lastProgress - t0,
    publishMs,
    publishRssMb: process.resourceUsage().maxRSS / 1024,
    loadavg: (await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  }
  writeFileSync(join(CACHE, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`)
  report({ name: 'publish', ms: publishMs, bytes: written.bytes, rows: ROWS })
}

async function childDatastore(): Promise<void> {
  const ds = await openBenchDatastore()
  const r = await timed(async () => {
    const out = await ds.exportCsv('bench', SINK)
    if (!out) throw new Error('no dataset "bench" in the cached store')
    return out
  })
  report({ name: 'datastore exportCsv', ...r })
}

async function childDatastoreArrays(): Promise<void> {
  const ds = await openBenchDatastore()
  const writeCsv = (await openData()).writeCsv as WriteCsv
  const r = await timed(async () => {
    const { header, rows } = ds.iterateArrays('bench')
    return writeCsv(rows, await header, SINK)
  })
  report({ name: 'datastore iterateArrays -> writeCsv', ...r })
}

async function childOurs(): Promise<void> {
  const writeCsv = (await openData()).writeCsv as WriteCsv
  const pool = makePool()
  const r = await timed(() => writeCsv(rows(pool), HEADER, SINK))
  report({ name: 'writeCsv, in-memory rows', ...r })
}

async function childCsvStringify(): Promise<void> {
  const { stringify } = await import('csv-stringify')
  const pool = makePool()
  const r = await timed(async () => {
    const s = stringify({ header: true, columns: HEADER, record_delimiter: 'windows' })
    const out = createWriteStream(SINK)
    let bytes = 0
    let n = 0
    s.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (!out.write(chunk)) s.pause()
    })
    out.on('drain', () => s.resume())
    const ended = once(s, 'end')
    for (const row of rows(pool)) {
      n++
      if (!s.write(row)) await once(s, 'drain')
    }
    s.end()
    await ended
    out.end()
    await once(out, 'close')
    return { bytes, rows: n }
  })
  report({ name: 'csv-stringify, in-memory rows', ...r })
}

async function childDuckdb(): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api')
  const ds = await openBenchDatastore()
  const source = ds.filePath('bench', 1, 'csv')
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  // Load the same rows (the version's data.csv) first; only the COPY is timed.
  await c.run(
    `CREATE TABLE t AS SELECT * FROM read_csv('${source}', header = true, all_varchar = false)`
  )
  const target = join(CACHE, 'duck.csv')
  const r = await timed(async () => {
    await c.run(`COPY t TO '${target}' (HEADER, DELIMITER ',')`)
    const bytes = statSync(target).size
    rmSync(target)
    return { bytes, rows: ROWS }
  })
  report({ name: 'DuckDB COPY TO', ...r, note: 'native, multi-threaded, to a real file' })
}

const CHILDREN: Record<string, () => Promise<void>> = {
  publish: childPublish,
  datastore: childDatastore,
  'datastore-arrays': childDatastoreArrays,
  ours: childOurs,
  'csv-stringify': childCsvStringify,
  duckdb: childDuckdb,
}

function runChild(name: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }
  )
  const line = out.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`child ${name} printed no result:\n${out}`)
  return JSON.parse(line.slice(7)) as ChildResult
}

/** Publishes once (cached), then runs every contender in its own process and prints the table. */
export async function run(): Promise<void> {
  const metaFile = join(CACHE, 'meta.json')
  let meta = existsSync(metaFile)
    ? (JSON.parse(readFileSync(metaFile, 'utf8')) as CacheMeta)
    : undefined
  const cached = meta?.version === DATA_VERSION
  if (!cached) {
    console.log(
      `publishing ${ROWS.toLocaleString('en')} rows into ${CACHE} (once; later runs reuse it) …`
    )
    runChild('publish')
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as CacheMeta
  }
  const m = meta as CacheMeta
  const names = ['datastore', 'datastore-arrays', 'ours', 'csv-stringify', 'duckdb']
  console.log(`load average before: ${await loadAverage()}`)
  const rounds: Record<string, ChildResult>[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse()
    const round: Record<string, ChildResult> = {}
    for (const name of order) round[name] = runChild(name)
    rounds.push(round)
  }
  console.log(`load average after: ${await loadAverage()}\n`)
  const mbps = (r: ChildResult) => r.bytes / 1e6 / (r.ms / 1000)
  const of = (name: string) => rounds.map((r) => r[name] as ChildResult)
  const ratio = (a: string, b: string) =>
    median(rounds.map((r) => mbps(r[a] as ChildResult) / mbps(r[b] as ChildResult)))
  const fast = of('datastore')
  console.log(
    `${ROWS.toLocaleString('en')} rows x ${HEADER.length} columns, ${((fast[0]?.bytes ?? 0) / 1e6).toFixed(1)} MB of CSV`
  )
  console.log(
    `ingest (publish from a ${(m.sourceBytes / 1e6).toFixed(0)} MB CSV: parse + validate + privacy scan + insert): ${Math.round(m.rows / (m.ingestMs / 1000)).toLocaleString('en')} rows/s; whole publish incl. indexes, FTS and the files ${(m.publishMs / 1000).toFixed(1)} s = ${Math.round(m.rows / (m.publishMs / 1000)).toLocaleString('en')} rows/s, peak RSS ${m.publishRssMb.toFixed(0)} MB (${cached ? 'cached from an earlier run' : 'this run'}, load ${m.loadavg})\n`
  )
  console.log(
    `${ROUNDS} interleaved rounds; median time, CPU and MB/s; peak RSS: the highest of the rounds\n`
  )
  console.log('| contender | time s | CPU s | MB/s | peak RSS MB | note |')
  console.log('|---|---:|---:|---:|---:|---|')
  for (const name of names) {
    const runs = of(name)
    const first = runs[0] as ChildResult
    console.log(
      `| ${first.name} | ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} | ${(median(runs.map((r) => r.cpuMs ?? 0)) / 1000).toFixed(2)} | ${median(runs.map(mbps)).toFixed(1)} | ${Math.max(...runs.map((r) => r.maxRssMb)).toFixed(0)} | ${first.note ?? ''} |`
    )
  }
  const vsStringify = ratio('datastore', 'csv-stringify')
  const fastRss = Math.max(...fast.map((r) => r.maxRssMb))
  console.log(
    `\ndatastore -> CSV / csv-stringify = ${vsStringify.toFixed(2)}x (median of per-round ratios; target >= 2.5) ${vsStringify >= 2.5 ? 'PASS' : 'FAIL'}`
  )
  console.log(
    `datastore -> CSV / DuckDB COPY  = ${ratio('datastore', 'duckdb').toFixed(2)}x (native reference)`
  )
  console.log(
    `datastore -> CSV peak RSS ${fastRss.toFixed(0)} MB (target < 200) ${fastRss < 200 ? 'PASS' : 'FAIL'}`
  )
  console.log(
    `(iterateArrays -> writeCsv = ${ratio('datastore-arrays', 'csv-stringify').toFixed(2)}x, writeCsv over in-memory rows = ${ratio('ours', 'csv-stringify').toFixed(2)}x csv-stringify)`
  )
  if (rounds.some((r) => r.datastore?.bytes !== r['datastore-arrays']?.bytes))
    throw new Error('the two datastore paths wrote different sizes')
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0 && process.argv[1] === fileURLToPath(import.meta.url)) {
  const name = process.argv[childAt + 1] as string
  const main = CHILDREN[name]
  if (!main) throw new Error(`unknown child ${name}`)
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
