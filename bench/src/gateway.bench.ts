// Gateway throughput on loopback with autocannon, compared in the same run with a bare Hono route
// returning a constant (same connections, each server in its own process). The machine is shared,
// so the routes are measured in alternating rounds and each ratio is the median of per-round
// ratios: a load spike then hits one round of both rather than one route's whole measurement.
// - the one-click entry lookup (target: >= 60 % of the bare route's req/s, p99 < 20 ms at 50 connections);
// - filtered rows of a 1,000,000-row dataset (target p99 < 30 ms); the repeated query is answered
//   from the gateway's page cache (a version is immutable), so cache misses are timed separately;
// - the 1,000,000-row CSV download (MB/s).
// The 1M-row store is generated once and cached in bench/.data/gateway (gitignored).
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatastore } from '@gongkai/open-data'
import { openSqliteStore } from '@gongkai/store'
import autocannon from 'autocannon'

const here = dirname(fileURLToPath(import.meta.url))
const dataDir = join(here, '..', '.data', 'gateway')
const ROWS = Number(process.env.GATEWAY_BENCH_ROWS ?? 1_000_000)
const DURATION = Number(process.env.GATEWAY_BENCH_SECONDS ?? 3)
const ROUNDS = Number(process.env.GATEWAY_BENCH_ROUNDS ?? 3)
const CONNECTIONS = 50
const DISTRICTS = [
  '长宁区',
  '徐汇区',
  '静安区',
  '黄浦区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
]

async function ensureData(): Promise<void> {
  const marker = join(dataDir, `ready-${ROWS}`)
  if (existsSync(marker)) return
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const store = openSqliteStore(join(dataDir, 'store.db'))
  const ds = await openDatastore(store, {
    filesDir: join(dataDir, 'files'),
    baseUrl: 'http://127.0.0.1',
  })
  const t = performance.now()
  function* rows() {
    for (let i = 1; i <= ROWS; i++) {
      yield {
        编号: i,
        区: DISTRICTS[i % DISTRICTS.length],
        街道: `第${(i % 200) + 1}街道`,
        名称: `示例单位${i}号`,
        金额: (i * 37) % 100_000,
        日期: `2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      }
    }
  }
  const r = await ds.publish({
    descriptor: {
      id: 'big',
      title: '百万行示例数据',
      description: '基准测试用的一百万行数据集',
      publisher: { id: 'bench-district', name: '基准区人民政府' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness: 'unconditional',
    },
    schema: {
      fields: [
        { name: '编号', type: 'integer' },
        { name: '区', type: 'string' },
        { name: '街道', type: 'string' },
        { name: '名称', type: 'string' },
        { name: '金额', type: 'integer' },
        { name: '日期', type: 'date' },
      ],
      primaryKey: '编号',
      filterColumns: ['区', '街道'],
    },
    source: { rows: rows() },
  })
  if (!r.ok)
    throw new Error(
      `publishing the bench dataset failed: ${r.reason} ${JSON.stringify(r.errors.slice(0, 3))}`
    )
  console.log(
    `generated ${ROWS} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (cached in bench/.data/gateway)`
  )
  await store.close()
  const { writeFileSync } = await import('node:fs')
  writeFileSync(marker, new Date().toISOString())
}

function startChild(
  mode: 'bare' | 'gateway' | 'baseline'
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'gateway-server.ts'), mode, dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /READY (\S+)/.exec(out)
      if (m?.[1]) resolve({ url: m[1], child })
    })
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)))
  })
}

interface Result {
  name: string
  reqPerSec: number
  p99: number
  mbPerSec: number
  non2xx: number
}

async function load(
  name: string,
  url: string,
  connections = CONNECTIONS,
  duration = DURATION
): Promise<Result> {
  const r = await autocannon({ url, connections, duration, pipelining: 1 })
  return {
    name,
    reqPerSec: r.requests.average,
    p99: r.latency.p99,
    mbPerSec: r.throughput.average / 1e6,
    non2xx: r.non2xx + r.errors,
  }
}

/** Runs the gateway benchmark and prints a table with the ratios and targets. */
export async function run(): Promise<void> {
  await ensureData()
  const bare = await startChild('bare')
  const gw = await startChild('gateway')
  // GATEWAY_BENCH_BASELINE=<another build's dist/index.js> adds that build's routes to every round.
  const base = process.env.GATEWAY_BENCH_BASELINE ? await startChild('baseline') : undefined
  try {
    const cat = (await (
      await fetch(`${gw.url}/api/v1/catalogues/compulsory_education`)
    ).json()) as { entries: { id: string }[] }
    const entryId = cat.entries[0]?.id
    const entryPath = `/api/v1/catalogues/compulsory_education/entries/${entryId}`
    const rowsPath = `/api/v1/datasets/big/rows?${encodeURIComponent('街道')}=${encodeURIComponent('第21街道')}&limit=50`
    const check = await fetch(`${gw.url}${rowsPath}`)
    if (check.status !== 200)
      throw new Error(`rows answered ${check.status}: ${await check.text()}`)
    // Warm up both servers (JIT, statement cache) before measuring.
    await load('warm', `${bare.url}${entryPath}`, 10, 1)
    await load('warm', `${gw.url}${entryPath}`, 10, 1)
    if (base) await load('warm', `${base.url}${entryPath}`, 10, 1)
    const routes = [
      { name: 'bare Hono constant', url: `${bare.url}${entryPath}` },
      { name: 'GET entry lookup', url: `${gw.url}${entryPath}` },
      { name: 'GET rows, filter, 1M rows', url: `${gw.url}${rowsPath}` },
      ...(base
        ? [
            { name: 'baseline: GET entry lookup', url: `${base.url}${entryPath}` },
            { name: 'baseline: GET rows, filter', url: `${base.url}${rowsPath}` },
          ]
        : []),
    ]
    const rounds: Result[][] = []
    for (let i = 0; i < ROUNDS; i++) {
      const round: Result[] = []
      for (const r of routes) round.push(await load(r.name, r.url))
      rounds.push(round)
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b)
      const m = s.length >> 1
      return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
    }
    const results = routes.map((r, k) => {
      const mine = rounds.map((round) => round[k] as Result)
      return {
        name: r.name,
        reqPerSec: median(mine.map((x) => x.reqPerSec)),
        ratio: median(
          rounds.map((round) => (round[k] as Result).reqPerSec / (round[0] as Result).reqPerSec)
        ),
        p99: median(mine.map((x) => x.p99)),
        worstP99: Math.max(...mine.map((x) => x.p99)),
        mbPerSec: median(mine.map((x) => x.mbPerSec)),
        non2xx: mine.reduce((n, x) => n + x.non2xx, 0),
      }
    })
    // Cache misses: 150 other streets once each, one connection, so every answer runs the datastore query.
    const misses: number[] = []
    for (let i = 30; i < 180; i++) {
      const t0 = performance.now()
      const r = await fetch(
        `${gw.url}/api/v1/datasets/big/rows?${encodeURIComponent('街道')}=${encodeURIComponent(`第${i}街道`)}&limit=50`
      )
      await r.arrayBuffer()
      misses.push(performance.now() - t0)
    }
    misses.sort((a, b) => a - b)
    const pct = (p: number) =>
      misses[Math.min(misses.length - 1, Math.floor(p * misses.length))]?.toFixed(1)
    // The CSV download: a few connections, each reading the whole file repeatedly.
    const t = performance.now()
    const res = await fetch(`${gw.url}/datasets/big.csv`)
    const bytes = (await res.arrayBuffer()).byteLength
    const secs = (performance.now() - t) / 1000
    const csv = await load(
      'CSV download (1M rows), 4 conn.',
      `${gw.url}/datasets/big.csv`,
      4,
      DURATION
    )
    console.log(
      `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per route, loopback, each server in its own process; medians over rounds\n`
    )
    console.log(
      '| route | req/s | ratio to bare | p99 ms | worst p99 ms | MB/s | non-2xx | target |'
    )
    console.log('|---|---:|---:|---:|---:|---:|---:|---|')
    const [, entry, rowsRes] = results
    const targets: Record<string, string> = {
      'GET entry lookup': `>= 60 % of bare, p99 < 20 ms: ${entry && entry.ratio >= 0.6 && entry.p99 < 20 ? 'met' : 'NOT met'}`,
      'GET rows, filter, 1M rows': `p99 < 30 ms: ${rowsRes && rowsRes.p99 < 30 ? 'met' : 'NOT met'}`,
    }
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.reqPerSec.toFixed(0)} | ${(r.ratio * 100).toFixed(0)} % | ${r.p99} | ${r.worstP99} | ${r.mbPerSec.toFixed(1)} | ${r.non2xx} | ${targets[r.name] ?? ''} |`
      )
    }
    console.log(
      `| ${csv.name} | ${csv.reqPerSec.toFixed(1)} | | ${csv.p99} | | ${csv.mbPerSec.toFixed(1)} | ${csv.non2xx} | |`
    )
    console.log(
      `\nrows cache misses (150 distinct filters, 1 connection): median ${pct(0.5)} ms, p99 ${pct(0.99)} ms`
    )
    console.log(
      `single CSV download: ${(bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(2)} s = ${(bytes / 1e6 / secs).toFixed(0)} MB/s`
    )
  } finally {
    bare.child.kill()
    gw.child.kill()
    base?.child.kill()
  }
}
