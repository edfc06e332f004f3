// URLs/s of @gongkai/linker's checkLinks against linkinator 7 doing the same work on the same local
// site of 5,000 URLs (70 % pages, 20 % 404, 10 % 301 to a page): fetch the index page, take its
// links, check each with HEAD (GET when HEAD says nothing useful, redirects followed), at the same
// concurrency. Interleaved rounds, median of per-round ratios. The site counts the TCP connections
// each contender opens: Node's fetch (undici) closes the connection after every HEAD, so both
// HEAD-first checkers open one connection per HEAD; node:http over a keep-alive agent doing the same
// requests keeps its connections, and is shown as a reference for what that would give. Further rows:
// our defaults (one GET per URL, reading each page for soft 404s: more work, not comparable) and
// 4x the URLs (memory must stay flat). Every contender runs in its own process.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { Agent, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { size } from './smoke.js'
import { loadAverage, median } from './stats.js'

const URLS = size(5000, 200)
const CONCURRENCY = 16
const ROUNDS = size(3, 1)

interface ChildResult {
  name: string
  urls: number
  ms: number
  ok: number
  broken: number
  maxRssMb: number
  connections?: number
  requests?: number
  note?: string
}

const pageFor = (i: number): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>长宁区政务公开文件 ${i}</title></head><body><h1>长宁区政务公开文件 ${i}</h1>${'<p>正文内容，用于检查页面是否为真实文档。</p>'.repeat(20)}</body></html>`

/** The local site: /doc/<i>.html by i mod 10: 0–6 a page, 7–8 404, 9 a 301 to /moved/<i>.html. */
async function childSite(): Promise<void> {
  const index = `<!doctype html><html><head><title>index</title></head><body>${Array.from(
    { length: URLS },
    (_, i) => `<a href="/doc/${i}.html">文件${i}</a>`
  ).join('\n')}</body></html>`
  let connections = 0
  let requests = 0
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string
    if (path === '/__stats') {
      res.writeHead(200, { 'content-type': 'application/json', connection: 'close' })
      res.end(JSON.stringify({ connections, requests }))
      return
    }
    requests++
    // Content-Length on every answer, HEAD included, as a web server sends for a static page
    // (without it a HEAD answer cannot be followed by another request on the same connection).
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        ...headers,
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    if (path === '/index.html') return send(200, index)
    const m = /^\/(doc|moved)\/(\d+)\.html$/.exec(path)
    if (!m) return send(404, '<title>404 Not Found</title>')
    const i = Number(m[2])
    if (m[1] === 'moved') return send(200, pageFor(i))
    const k = i % 10
    if (k <= 6) return send(200, pageFor(i))
    if (k <= 8) return send(404, '<title>404 Not Found</title><p>not found</p>')
    send(301, '', { location: `/moved/${i}.html` })
  })
  server.on('connection', () => {
    connections++
  })
  server.keepAliveTimeout = 30_000
  server.listen(0, '127.0.0.1', () => {
    console.log(`PORT ${(server.address() as AddressInfo).port}`)
  })
}

const rssSampler = () => {
  let max = process.memoryUsage().rss
  const t = setInterval(() => {
    max = Math.max(max, process.memoryUsage().rss)
  }, 20)
  return () => {
    clearInterval(t)
    // resourceUsage().maxRSS is in KB and catches peaks between samples.
    return Math.max(max, process.resourceUsage().maxRSS * 1024) / 1e6
  }
}

/** The index page's links as absolute URLs, as linkinator finds them (one GET + a parse). */
async function linksOf(base: string, copies: number): Promise<string[]> {
  const html = await (await fetch(`${base}/index.html`)).text()
  const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1] as string, base).href)
  // More URLs than the site has pages (the memory check): the same pages under distinct queries.
  const out: string[] = []
  for (let c = 0; c < copies; c++) for (const l of links) out.push(c === 0 ? l : `${l}?n=${c}`)
  return out
}

async function childOurs(base: string, mode: string, copies: number): Promise<ChildResult> {
  const { checkLinks } = await import('@gongkai/linker')
  const modes: Record<string, { options: Record<string, unknown>; note: string }> = {
    status: {
      options: { softNotFound: false },
      note: 'HEAD, GET when HEAD answers 4xx/405/501, redirects followed: the same work as linkinator',
    },
    default: {
      options: {},
      note: 'our defaults: one GET per URL, reading each 200 page (≤256 KB) for soft 404s; more work',
    },
  }
  const m = modes[mode] as (typeof modes)[string]
  const stopRss = rssSampler()
  const t0 = performance.now()
  const urls = await linksOf(base, copies)
  let ok = 0
  let broken = 0
  for await (const r of checkLinks(urls, {
    concurrency: CONCURRENCY,
    perHost: CONCURRENCY,
    ...m.options,
  })) {
    if (r.status === 'ok') ok++
    else broken++
  }
  return {
    name: `gongkai checkLinks (${mode}${copies > 1 ? `, ${copies}x the URLs` : ''})`,
    urls: urls.length,
    ms: performance.now() - t0,
    ok,
    broken,
    maxRssMb: stopRss(),
    note: m.note,
  }
}

async function childLinkinator(base: string): Promise<ChildResult> {
  const { LinkChecker } = await import('linkinator')
  const checker = new LinkChecker()
  const stopRss = rssSampler()
  const t0 = performance.now()
  const result = await checker.check({
    path: `${base}/index.html`,
    recurse: false,
    concurrency: CONCURRENCY,
    timeout: 10_000,
  })
  const ms = performance.now() - t0
  const links = result.links.filter((l) => l.url !== `${base}/index.html`)
  return {
    name: 'linkinator 7.6 LinkChecker',
    urls: links.length,
    ms,
    ok: links.filter((l) => l.state === 'OK').length,
    broken: links.filter((l) => l.state === 'BROKEN').length,
    maxRssMb: stopRss(),
    note: 'GET + parse of the index page, then HEAD each link (GET on a failed HEAD), redirects followed by fetch',
  }
}

/** The same requests as the HEAD-first checkers, by node:http over a keep-alive agent. */
async function childKeepAlive(base: string): Promise<ChildResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const call = (url: string, method: string) =>
    new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = request(url, { method, agent }, (res) => {
        res.resume()
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location })
        )
      })
      req.on('error', reject)
      req.end()
    })
  const check = async (url: string): Promise<boolean> => {
    let current = url
    for (let hop = 0; hop < 10; hop++) {
      let r = await call(current, 'HEAD')
      if (r.status >= 400) r = await call(current, 'GET')
      if (r.status >= 300 && r.status < 400 && r.location) {
        current = new URL(r.location, current).href
        continue
      }
      return r.status >= 200 && r.status < 300
    }
    return false
  }
  const stopRss = rssSampler()
  const t0 = performance.now()
  const urls = await linksOf(base, 1)
  let ok = 0
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        if (await check(urls[next++] as string)) ok++
      }
    })
  )
  agent.destroy()
  return {
    name: 'reference: node:http keep-alive agent, same requests',
    urls: urls.length,
    ms: performance.now() - t0,
    ok,
    broken: urls.length - ok,
    maxRssMb: stopRss(),
    note: 'not a link checker (no retries, timeouts or classification): what reusing connections gives',
  }
}

async function stats(base: string): Promise<{ connections: number; requests: number }> {
  return (await (await fetch(`${base}/__stats`)).json()) as {
    connections: number
    requests: number
  }
}

async function runChild(base: string, args: string[]): Promise<ChildResult> {
  const before = await stats(base)
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--child',
      args[0] as string,
      base,
      ...args.slice(1),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24, env: process.env }
  )
  const after = await stats(base)
  const line = out.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`child ${args[0]} printed no result:\n${out}`)
  return {
    ...(JSON.parse(line.slice(7)) as ChildResult),
    // Minus the stats request itself.
    connections: after.connections - before.connections - 1,
    requests: after.requests - before.requests,
  }
}

const startSite = (): Promise<{ child: ChildProcess; base: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', 'site'],
      { stdio: ['ignore', 'pipe', 'inherit'], env: process.env }
    )
    child.once('error', reject)
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (text: string) => {
      const m = /PORT (\d+)/.exec(text)
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` })
    })
  })

/** Checks the same local site with each contender in its own process and prints URLs/s, ratio and RSS. */
export async function run(): Promise<void> {
  const { child, base } = await startSite()
  try {
    console.log(`load average before: ${await loadAverage()}`)
    await runChild(base, ['ours', 'status', '1']) // warm the site process and the OS
    const rate = (r: ChildResult) => r.urls / (r.ms / 1000)
    const rounds: { ours: ChildResult; lk: ChildResult }[] = []
    for (let i = 0; i < ROUNDS; i++) {
      // The order flips every round.
      let ours: ChildResult
      let lk: ChildResult
      if (i % 2 === 0) {
        ours = await runChild(base, ['ours', 'status', '1'])
        lk = await runChild(base, ['linkinator'])
      } else {
        lk = await runChild(base, ['linkinator'])
        ours = await runChild(base, ['ours', 'status', '1'])
      }
      rounds.push({ ours, lk })
    }
    // Each contender's row is its median round.
    const medianRun = (runs: ChildResult[]) =>
      [...runs].sort((a, b) => rate(a) - rate(b))[runs.length >> 1] as ChildResult
    const ours = medianRun(rounds.map((r) => r.ours))
    const lk = medianRun(rounds.map((r) => r.lk))
    const ratios = rounds.map((r) => rate(r.ours) / rate(r.lk))
    const ratio = median(ratios)
    const keepAlive = await runChild(base, ['keep-alive'])
    const defaults = await runChild(base, ['ours', 'default', '1'])
    const big = await runChild(base, ['ours', 'status', '4'])
    console.log(`load average after: ${await loadAverage()}\n`)
    console.log(
      `${URLS.toLocaleString('en')} URLs on one local site (70% pages, 20% 404, 10% 301 → page), concurrency ${CONCURRENCY} for every contender (ours: perHost = concurrency); first two rows: median of ${ROUNDS} interleaved rounds\n`
    )
    console.log(
      '| contender | URLs | ok | broken | time s | URLs/s | requests | TCP connections | peak RSS MB | what it does |'
    )
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|')
    for (const r of [ours, lk, keepAlive, defaults, big]) {
      console.log(
        `| ${r.name} | ${r.urls} | ${r.ok} | ${r.broken} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(rate(r))} | ${r.requests} | ${r.connections} | ${r.maxRssMb.toFixed(0)} | ${r.note ?? ''} |`
      )
    }
    console.log(
      `\nsame work: ours / linkinator = ${ratio.toFixed(2)}x (median of per-round ratios ${ratios.map((x) => x.toFixed(2)).join(', ')}; target >= 1: ${ratio >= 1 ? 'met' : 'NOT met'})`
    )
    console.log(
      `keep-alive reference / ours = ${(rate(keepAlive) / rate(ours)).toFixed(2)}x with ${keepAlive.connections} connections instead of ${ours.connections}: the gain left to a HEAD client that keeps connections`
    )
    const growth = big.maxRssMb - ours.maxRssMb
    console.log(
      `flat memory: peak RSS ${ours.maxRssMb.toFixed(0)} MB for ${URLS} URLs vs ${big.maxRssMb.toFixed(0)} MB for ${big.urls} (+${growth.toFixed(0)} MB for 4x the URLs) ${growth < 30 ? 'met' : 'NOT met'}`
    )
    if (ours.ok !== lk.ok || ours.broken !== lk.broken) {
      throw new Error(
        `the checkers disagree: ours ${ours.ok} ok / ${ours.broken} broken, linkinator ${lk.ok} / ${lk.broken}`
      )
    }
  } finally {
    child.kill()
  }
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0 && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, base, mode, copies] = process.argv.slice(childAt + 1)
  if (name === 'site') {
    childSite()
  } else {
    const main =
      name === 'linkinator'
        ? () => childLinkinator(base as string)
        : name === 'keep-alive'
          ? () => childKeepAlive(base as string)
          : () => childOurs(base as string, mode as string, Number(copies))
    main()
      .then((r) => {
        console.log(`RESULT ${JSON.stringify(r)}`)
        process.exit(0)
      })
      .catch((err) => {
        console.error(err)
        process.exit(1)
      })
  }
}
