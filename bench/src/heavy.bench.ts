// Heavy next to light (issue 14): entry lookups while 2 clients run filters on unindexed columns of
// the 1,000,000-row dataset, against the same lookups on an idle gateway, in alternating rounds.
// The reference is the same gateway with `query.workers: 0` (heavy queries on the request thread,
// as before the query pool), measured in the same rounds.
// Targets: lookups keep p99 <= 50 ms and >= 50 % of their idle req/s; every heavy query answers
// 200 within 10 s.
import autocannon from 'autocannon'
import { ensureData, ROWS, startChild } from './gateway-data.js'
import { size } from './smoke.js'
import { loadAverage, median, quantile } from './stats.js'

const DURATION = size(4, 1, 'HEAVY_BENCH_SECONDS')
const ROUNDS = size(3, 1, 'HEAVY_BENCH_ROUNDS')
const LOOKUP_CONNECTIONS = 10
const HEAVY_CLIENTS = 2
const enc = encodeURIComponent

interface Lookups {
  reqPerSec: number
  p99: number
  failed: number
}

async function lookups(url: string): Promise<Lookups> {
  const r = await autocannon({ url, connections: LOOKUP_CONNECTIONS, duration: DURATION })
  return { reqPerSec: r.requests.average, p99: r.latency.p99, failed: r.non2xx + r.errors }
}

interface Heavy {
  ms: number[]
  statuses: Map<number, number>
}

// Each heavy query is new (the page cache never answers): an equality or a range on 金额, which
// is not a filter column, so SQLite scans every row for the page and again for the total.
let n = 0
const heavyPath = () => {
  const k = n++
  return k % 2
    ? `/api/v1/datasets/big/rows?${enc('金额')}=${(k * 7919) % 100_000}&limit=50`
    : `/api/v1/datasets/big/rows?${enc('金额[gte]')}=${k % 90_000}&${enc('金额[lt]')}=${(k % 90_000) + 40}&limit=50`
}

/** `clients` loops of sequential heavy queries until `stop` resolves. */
async function heavyLoad(base: string, clients: number, stop: Promise<void>): Promise<Heavy> {
  const out: Heavy = { ms: [], statuses: new Map() }
  let stopped = false
  void stop.then(() => {
    stopped = true
  })
  const loop = async () => {
    while (!stopped) {
      const t = performance.now()
      const r = await fetch(`${base}${heavyPath()}`)
      await r.arrayBuffer()
      out.ms.push(performance.now() - t)
      out.statuses.set(r.status, (out.statuses.get(r.status) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: clients }, loop))
  return out
}

/** Lookups on an idle server, then lookups while the heavy clients run. */
async function round(base: string, entry: string) {
  const idle = await lookups(`${base}${entry}`)
  let release!: () => void
  const stop = new Promise<void>((r) => {
    release = r
  })
  const heavy = heavyLoad(base, HEAVY_CLIENTS, stop)
  // Let the heavy clients get going before the lookups start.
  await new Promise((r) => setTimeout(r, 300))
  const loaded = await lookups(`${base}${entry}`)
  release()
  return { idle, loaded, heavy: await heavy }
}

/** Runs the benchmark and prints the table with the ratios and targets. */
export async function run(): Promise<void> {
  await ensureData()
  const servers = { pool: await startChild('gateway'), inline: await startChild('inline') }
  try {
    const cat = (await (
      await fetch(`${servers.pool.url}/api/v1/catalogues/compulsory_education`)
    ).json()) as { entries: { id: string }[] }
    const entry = `/api/v1/catalogues/compulsory_education/entries/${cat.entries[0]?.id}`
    for (const s of Object.values(servers)) {
      const check = await fetch(`${s.url}${heavyPath()}`)
      if (check.status !== 200)
        throw new Error(`heavy query: ${check.status} ${await check.text()}`)
      await autocannon({ url: `${s.url}${entry}`, connections: 10, duration: 1 })
    }
    console.log(`load average before: ${await loadAverage()}`)
    type Round = Awaited<ReturnType<typeof round>>
    const results: Record<keyof typeof servers, Round[]> = { pool: [], inline: [] }
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, s] of Object.entries(servers) as [keyof typeof servers, { url: string }][])
        results[name].push(await round(s.url, entry))
    }
    console.log(
      `\n${ROWS.toLocaleString('en')} rows; entry lookups at ${LOOKUP_CONNECTIONS} connections for ${DURATION} s, idle and beside ${HEAVY_CLIENTS} clients running unindexed filters (equality / range on 金额) one after another; ${ROUNDS} alternating rounds, medians\n`
    )
    const rows = []
    const verdicts: Record<string, string> = {}
    for (const [name, rs] of Object.entries(results)) {
      const ratio = median(rs.map((r) => r.loaded.reqPerSec / r.idle.reqPerSec))
      const p99 = median(rs.map((r) => r.loaded.p99))
      const heavyMs = rs.flatMap((r) => r.heavy.ms)
      const statuses = new Map<number, number>()
      for (const r of rs)
        for (const [k, v] of r.heavy.statuses) statuses.set(k, (statuses.get(k) ?? 0) + v)
      const label =
        name === 'pool' ? 'query pool (workers)' : 'reference: workers 0 (request thread)'
      rows.push({
        gateway: label,
        'idle lookups req/s': Math.round(median(rs.map((r) => r.idle.reqPerSec))),
        'idle p99 ms': median(rs.map((r) => r.idle.p99)),
        'loaded lookups req/s': Math.round(median(rs.map((r) => r.loaded.reqPerSec))),
        'loaded p99 ms': p99,
        'loaded / idle': ratio.toFixed(2),
        'heavy queries': heavyMs.length,
        'heavy p50 ms': heavyMs.length ? Math.round(quantile(heavyMs, 0.5)) : null,
        'heavy max ms': heavyMs.length ? Math.round(Math.max(...heavyMs)) : null,
        'heavy statuses': [...statuses].map(([k, v]) => `${k}×${v}`).join(' '),
        'lookup failures': rs.reduce((a, r) => a + r.loaded.failed + r.idle.failed, 0),
      })
      if (name === 'pool') {
        const all200 = [...statuses.keys()].every((k) => k === 200)
        verdicts['lookups beside heavy queries'] =
          `p99 <= 50 ms and >= 50 % of idle req/s: ${p99 <= 50 && ratio >= 0.5 ? 'met' : 'NOT met'} (p99 ${p99} ms, ${(ratio * 100).toFixed(0)} %)`
        verdicts['unindexed filters'] =
          `every one 200 within 10 s: ${all200 && Math.max(0, ...heavyMs) <= 10_000 ? 'met' : 'NOT met'}`
      }
    }
    console.table(rows)
    const pool = rows[0]
    const inline = rows[1]
    if (pool && inline)
      console.log(
        `loaded lookups req/s, pool vs reference: ${(pool['loaded lookups req/s'] / Math.max(1, inline['loaded lookups req/s'])).toFixed(1)}×`
      )
    console.table(verdicts)
    console.log(`load average after: ${await loadAverage()}`)
  } finally {
    for (const s of Object.values(servers)) s.child.kill('SIGTERM')
  }
}
