// CSV export: 1,000,000 rows x 10 columns (Chinese text, integers, decimals, dates, ~5% of cells
// needing quotes), published once into a datastore cached under bench/.data/ (the publish measures
// ingest rows/s). Then, each in its own child process so peak RSS is measured per contender: the
// datastore's CSV export (`ds.exportCsv`, what a fresh export of a version runs), the generic path
// (`iterateArrays` -> `writeCsv`), `writeCsv` over in-memory rows, csv-stringify over the same
// rows, and DuckDB's native COPY TO over the same table.
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

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000)
// Bump when the generated rows or the stored format change: the cached datastore is rebuilt.
const DATA_VERSION = `csv-v1-${ROWS}`
const CACHE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '.data',
  `open-data-${DATA_VERSION}`
)
// The machine is shared: take the best of a few runs per contender (the first also warms the JIT).
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3)
const HEADER = ['id', '名称', '街道', '位置', '金额', '数量', '日期', '更新时间', '类别', '备注']
const FIELDS = [
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
function makePool(): unknown[][] {
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

function* rows(pool: unknown[][], count = ROWS): Generator<unknown[]> {
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

/** Best wall time of `REPEATS` runs, with the CPU time of that run. */
async function best(
  fn: () => Promise<{ bytes: number; rows: number }>,
  repeats = REPEATS
): Promise<{ ms: number; cpuMs: number; bytes: number; rows: number }> {
  let out = { ms: Number.POSITIVE_INFINITY, cpuMs: 0, bytes: 0, rows: 0 }
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const r = await fn()
    const ms = performance.now() - t0
    const c = process.cpuUsage(c0)
    if (ms < out.ms) out = { ms, cpuMs: (c.user + c.system) / 1000, ...r }
  }
  return out
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
  const r = await best(async () => {
    const out = await ds.exportCsv('bench', SINK)
    if (!out) throw new Error('no dataset "bench" in the cached store')
    return out
  })
  report({ name: 'datastore exportCsv', ...r, note: `best of ${REPEATS}` })
}

async function childDatastoreArrays(): Promise<void> {
  const ds = await openBenchDatastore()
  const writeCsv = (await openData()).writeCsv as WriteCsv
  const repeats = Math.max(1, REPEATS - 1)
  const r = await best(async () => {
    const { header, rows } = ds.iterateArrays('bench')
    return writeCsv(rows, await header, SINK)
  }, repeats)
  report({ name: 'datastore iterateArrays -> writeCsv', ...r, note: `best of ${repeats}` })
}

async function childOurs(): Promise<void> {
  const writeCsv = (await openData()).writeCsv as WriteCsv
  const pool = makePool()
  const r = await best(() => writeCsv(rows(pool), HEADER, SINK))
  report({ name: 'writeCsv, in-memory rows', ...r, note: `best of ${REPEATS}` })
}

async function childCsvStringify(): Promise<void> {
  const { stringify } = await import('csv-stringify')
  const pool = makePool()
  const repeats = Math.max(1, REPEATS - 1)
  const r = await best(async () => {
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
  }, repeats)
  report({ name: 'csv-stringify, in-memory rows', ...r, note: `best of ${repeats}` })
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
  const repeats = Math.max(1, REPEATS - 1)
  const r = await best(async () => {
    await c.run(`COPY t TO '${target}' (HEADER, DELIMITER ',')`)
    const bytes = statSync(target).size
    rmSync(target)
    return { bytes, rows: ROWS }
  }, repeats)
  report({
    name: 'DuckDB COPY TO',
    ...r,
    note: `native, multi-threaded, to a real file, best of ${repeats}`,
  })
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

const loadavg = async (): Promise<string> =>
  (await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

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
  console.log(`load average before: ${await loadavg()}`)
  const results = ['datastore', 'datastore-arrays', 'ours', 'csv-stringify', 'duckdb'].map(runChild)
  console.log(`load average after: ${await loadavg()}\n`)
  const mbps = (r: ChildResult) => r.bytes / 1e6 / (r.ms / 1000)
  const [fast, arrays, ours, stringifyR, duck] = results as [
    ChildResult,
    ChildResult,
    ChildResult,
    ChildResult,
    ChildResult,
  ]
  console.log(
    `${ROWS.toLocaleString('en')} rows x ${HEADER.length} columns, ${(fast.bytes / 1e6).toFixed(1)} MB of CSV`
  )
  console.log(
    `ingest (publish from a ${(m.sourceBytes / 1e6).toFixed(0)} MB CSV: parse + validate + privacy scan + insert): ${Math.round(m.rows / (m.ingestMs / 1000)).toLocaleString('en')} rows/s; whole publish incl. indexes, FTS and the files ${(m.publishMs / 1000).toFixed(1)} s = ${Math.round(m.rows / (m.publishMs / 1000)).toLocaleString('en')} rows/s, peak RSS ${m.publishRssMb.toFixed(0)} MB (${cached ? 'cached from an earlier run' : 'this run'}, load ${m.loadavg})\n`
  )
  console.log('| contender | time s | CPU s | MB/s | peak RSS MB | note |')
  console.log('|---|---:|---:|---:|---:|---|')
  for (const r of results) {
    console.log(
      `| ${r.name} | ${(r.ms / 1000).toFixed(2)} | ${r.cpuMs !== undefined ? (r.cpuMs / 1000).toFixed(2) : '-'} | ${mbps(r).toFixed(1)} | ${r.maxRssMb.toFixed(0)} | ${r.note ?? ''} |`
    )
  }
  const ratio = mbps(fast) / mbps(stringifyR)
  console.log(
    `\ndatastore -> CSV / csv-stringify = ${ratio.toFixed(2)}x (target >= 2.5) ${ratio >= 2.5 ? 'PASS' : 'FAIL'}`
  )
  console.log(
    `datastore -> CSV / DuckDB COPY  = ${(mbps(fast) / mbps(duck)).toFixed(2)}x (native reference)`
  )
  console.log(
    `datastore -> CSV peak RSS ${fast.maxRssMb.toFixed(0)} MB (target < 200) ${fast.maxRssMb < 200 ? 'PASS' : 'FAIL'}`
  )
  console.log(
    `(iterateArrays -> writeCsv = ${(mbps(arrays) / mbps(stringifyR)).toFixed(2)}x, writeCsv over in-memory rows = ${(mbps(ours) / mbps(stringifyR)).toFixed(2)}x csv-stringify)`
  )
  if (fast.bytes !== arrays.bytes) throw new Error('the two datastore paths wrote different sizes')
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
