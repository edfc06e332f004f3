// Gateway throughput on loopback, each server in its own process, measured in alternating rounds
// (a load spike on the shared machine then hits one round of every route, not one route's whole
// measurement); each ratio is the median of per-round ratios.
// - The one-click entry lookup with autocannon, against a bare Hono route returning a constant
//   (target: >= 60 % of the bare route's req/s, p99 < 20 ms at 50 connections).
// - Filtered rows of a 1,000,000-row dataset, every request a different query (street x amount
//   threshold), so the gateway's page cache never answers and the datastore runs every one: the
//   latency one client sees (sequential requests; target p99 < 30 ms) and the throughput under
//   50 connections (the datastore answers one query at a time, so there p99 is queueing). The same
//   query repeated (answered from the cache) is shown for reference.
// - The 1,000,000-row CSV download, read by raw sockets that count and discard the bytes, against
//   node:http streaming the same file with fs.createReadStream (MB/s; what the gateway adds).
// The 1M-row store is generated once and cached in bench/.data/gateway-<rows> (gitignored).
import { connect } from 'node:net'
import autocannon from 'autocannon'
import { ensureData, ROWS, STREETS, startChild } from './gateway-data.js'
import { size } from './smoke.js'
import { loadAverage, median, quantile } from './stats.js'

const DURATION = size(3, 1, 'GATEWAY_BENCH_SECONDS')
const ROUNDS = size(3, 1, 'GATEWAY_BENCH_ROUNDS')
const CONNECTIONS = 50
const SEQUENTIAL_QUERIES = size(200, 20)
const DOWNLOAD_CONNECTIONS = 4

interface Result {
  reqPerSec: number
  p99: number
  non2xx: number
}

/** autocannon against `url`; `path(n)` gives the n-th request a path of its own when set. */
async function load(
  url: string,
  options: { connections?: number; duration?: number; path?: (n: number) => string } = {}
): Promise<Result> {
  let n = 0
  const pathOf = options.path
  const r = await autocannon({
    url,
    connections: options.connections ?? CONNECTIONS,
    duration: options.duration ?? DURATION,
    pipelining: 1,
    ...(pathOf
      ? {
          requests: [
            { setupRequest: (req: autocannon.Request) => ({ ...req, path: pathOf(n++) }) },
          ],
        }
      : {}),
  })
  return { reqPerSec: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors }
}

const enc = encodeURIComponent
const rowsPath = (street: number, min?: number) =>
  `/api/v1/datasets/big/rows?${enc('街道')}=${enc(`第${street}街道`)}${min === undefined ? '' : `&${enc('金额[gte]')}=${min}`}&limit=50`
// Request n asks for a street and an amount threshold no earlier request asked for (n itself is
// part of the query), so no answer can come from the page cache.
let queries = 0
const distinctRowsPath = () => {
  const n = queries++
  return rowsPath((n % STREETS) + 1, n % 90_000)
}

interface Download {
  mbPerSec: number
  responses: number
  bodyBytes: number
}

/**
 * Downloads `url` over and over on `connections` raw sockets for `seconds`, counting and discarding
 * the bytes (no HTTP parsing beyond finding the end of the header), so the figure is the server's.
 */
async function download(url: string, connections: number, seconds: number): Promise<Download> {
  const { hostname, port, pathname } = new URL(url)
  const until = performance.now() + seconds * 1000
  let bodyBytes = 0
  let responses = 0
  const sizes = new Set<number>()
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), hostname)
      let header = true
      let body = 0
      let head = ''
      socket.on('connect', () =>
        socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`)
      )
      socket.on('data', (chunk: Buffer) => {
        if (!header) {
          body += chunk.length
          return
        }
        head += chunk.toString('latin1')
        const end = head.indexOf('\r\n\r\n')
        if (end < 0) return
        if (!head.startsWith('HTTP/1.1 200')) reject(new Error(`${url}: ${head.slice(0, 40)}`))
        header = false
        body = head.length - end - 4
      })
      socket.on('error', reject)
      socket.on('close', () => {
        bodyBytes += body
        responses++
        sizes.add(body)
        resolve()
      })
    })
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) await once()
    })
  )
  const secs = (performance.now() - t0) / 1000
  if (sizes.size !== 1) throw new Error(`${url}: responses of different sizes ${[...sizes]}`)
  return { mbPerSec: bodyBytes / 1e6 / secs, responses, bodyBytes: bodyBytes / responses }
}

/** Runs the gateway benchmark and prints a table with the ratios and targets. */
export async function run(): Promise<void> {
  await ensureData()
  const bare = await startChild('bare')
  const gw = await startChild('gateway')
  const file = await startChild('file')
  // GATEWAY_BENCH_BASELINE=<another build's dist/index.js> adds that build's routes to every round.
  const base = process.env.GATEWAY_BENCH_BASELINE ? await startChild('baseline') : undefined
  try {
    const cat = (await (
      await fetch(`${gw.url}/api/v1/catalogues/compulsory_education`)
    ).json()) as { entries: { id: string }[] }
    const entryPath = `/api/v1/catalogues/compulsory_education/entries/${cat.entries[0]?.id}`
    const check = await fetch(`${gw.url}${rowsPath(21, 500)}`)
    if (check.status !== 200)
      throw new Error(`rows answered ${check.status}: ${await check.text()}`)
    const checked = (await check.json()) as { items: unknown[] }
    if (checked.items.length === 0) throw new Error('the rows query found nothing')
    // Warm up every server (JIT, statement cache) before measuring.
    await load(`${bare.url}${entryPath}`, { connections: 10, duration: 1 })
    await load(`${gw.url}${entryPath}`, { connections: 10, duration: 1 })
    await load(gw.url, { connections: 10, duration: 1, path: distinctRowsPath })
    if (base) await load(`${base.url}${entryPath}`, { connections: 10, duration: 1 })
    await download(`${gw.url}/datasets/big.csv`, 1, 0.5)
    await download(`${file.url}/big.csv`, 1, 0.5)
    console.log(`load average before: ${await loadAverage()}`)

    const routes: { name: string; run: () => Promise<Result> }[] = [
      { name: 'bare Hono constant', run: () => load(`${bare.url}${entryPath}`) },
      { name: 'GET entry lookup', run: () => load(`${gw.url}${entryPath}`) },
      {
        name: 'GET rows, filter, every query new (no cache)',
        run: () => load(gw.url, { path: distinctRowsPath }),
      },
      {
        name: 'GET rows, one query repeated (page cache)',
        run: () => load(`${gw.url}${rowsPath(21, 500)}`),
      },
      ...(base
        ? [
            { name: 'baseline: GET entry lookup', run: () => load(`${base.url}${entryPath}`) },
            {
              name: 'baseline: GET rows, every query new',
              run: () => load(base.url, { path: distinctRowsPath }),
            },
          ]
        : []),
    ]
    const rounds: Result[][] = []
    const downloads: { gateway: Download; file: Download }[] = []
    for (let i = 0; i < ROUNDS; i++) {
      const round: Result[] = []
      for (const r of routes) round.push(await r.run())
      rounds.push(round)
      const g = () => download(`${gw.url}/datasets/big.csv`, DOWNLOAD_CONNECTIONS, DURATION)
      const f = () => download(`${file.url}/big.csv`, DOWNLOAD_CONNECTIONS, DURATION)
      // The order of the two downloads flips every round.
      if (i % 2 === 0) {
        const gateway = await g()
        downloads.push({ gateway, file: await f() })
      } else {
        const fileRound = await f()
        downloads.push({ gateway: await g(), file: fileRound })
      }
    }
    // One client, one request at a time: the latency of a query the cache cannot answer.
    const sequential: number[] = []
    for (let i = 0; i < SEQUENTIAL_QUERIES; i++) {
      const t0 = performance.now()
      const res = await fetch(`${gw.url}${distinctRowsPath()}`)
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`rows answered ${res.status}`)
      sequential.push(performance.now() - t0)
    }
    console.log(`load average after: ${await loadAverage()}\n`)
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
        non2xx: mine.reduce((n, x) => n + x.non2xx, 0),
      }
    })
    console.log(
      `${ROWS.toLocaleString('en')} rows; ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s per route, loopback, each server in its own process; medians over rounds; ${queries.toLocaleString('en')} distinct row queries in all\n`
    )
    console.log('| route | req/s | ratio to bare | p99 ms | worst p99 ms | non-2xx | target |')
    console.log('|---|---:|---:|---:|---:|---:|---|')
    const [, entry] = results
    const targets: Record<string, string> = {
      'GET entry lookup': `>= 60 % of bare, p99 < 20 ms: ${entry && entry.ratio >= 0.6 && entry.p99 < 20 ? 'met' : 'NOT met'}`,
      'GET rows, filter, every query new (no cache)': 'throughput; p99 here is queueing',
    }
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.reqPerSec.toFixed(0)} | ${(r.ratio * 100).toFixed(0)} % | ${r.p99} | ${r.worstP99} | ${r.non2xx} | ${targets[r.name] ?? ''} |`
      )
    }
    const seqP99 = quantile(sequential, 0.99)
    console.log(
      `\nrows, every query new, one client sending ${SEQUENTIAL_QUERIES} requests one at a time: median ${median(sequential).toFixed(1)} ms, p99 ${seqP99.toFixed(1)} ms; target p99 < 30 ms: ${seqP99 < 30 ? 'met' : 'NOT met'}`
    )
    const g = median(downloads.map((d) => d.gateway.mbPerSec))
    const f = median(downloads.map((d) => d.file.mbPerSec))
    const ratio = median(downloads.map((d) => d.gateway.mbPerSec / d.file.mbPerSec))
    const fileMb = (downloads[0]?.gateway.bodyBytes ?? 0) / 1e6
    if (downloads.some((d) => d.gateway.bodyBytes !== d.file.bodyBytes))
      throw new Error('the gateway and the file server sent different sizes')
    console.log(
      `\nCSV download (${fileMb.toFixed(1)} MB, ${DOWNLOAD_CONNECTIONS} raw-socket readers discarding the bytes, ${DURATION} s per round): gateway ${g.toFixed(0)} MB/s, node:http + fs.createReadStream of the same file ${f.toFixed(0)} MB/s; gateway / file server = ${ratio.toFixed(2)} (median of per-round ratios)`
    )
  } finally {
    bare.child.kill()
    gw.child.kill()
    file.child.kill()
    base?.child.kill()
  }
}
