// Search (issue 21): sequential GET /api/v1/search requests over a socket, every labelled query
// of test-corpus/search/queries.json 20× after a warm-up, on the sample workspace (`gongkai init`)
// plus 100,000 generated documents whose titles are the sample workspace's titles under other
// streets and years: first, for every labelled query, copies of the sample items the query finds
// (those its labels call relevant, else the first it finds), then every sample document in turn.
// The run checks that every labelled query matches at least 1,000 generated documents (scaled
// down with the corpus in a smoke run) and fails otherwise. Reference: SQLite FTS5 trigram over
// the same titles, same requests over a socket, interleaved query by query. Also timed: building
// the index of the 100,000 documents (deriving them from the content index, the privacy mask,
// writing them to the store) and a replica's start (loading the index from the store into memory).
// Target: p99 < 50 ms. SEARCH_BENCH_CPU_PROF=<dir> writes a CPU profile of the gateway child there.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bufferIo, main } from '@gongkai/cli'
import { createDeps } from '@gongkai/gateway'
import { openContentIndex } from '@gongkai/linker'
import type { ContentItem } from '@gongkai/schema'
import type { SearchDoc, SearchIndex, SearchItem } from '@gongkai/search'
import { openWorkspace } from '@gongkai/store'
import { size } from './smoke.js'
import { median, quantile } from './stats.js'

const here = dirname(fileURLToPath(import.meta.url))
const GENERATED = size(100_000, 2_000, 'SEARCH_BENCH_DOCS')
const REPEATS = size(20, 2)
const WARMUP = size(3, 1)
const TARGET_MS = 50
// The 1,000 matches of 100,000 generated documents, scaled with the corpus.
const MIN_MATCHES = Math.ceil((1_000 * GENERATED) / 100_000)
// Copies per labelled query: the minimum with a margin (other queries' copies match too).
const PER_QUERY = Math.ceil(MIN_MATCHES * 1.05)
const GENERATED_PREFIX = 'https://gen.example.gov.cn/'
const LIST_CAP = 5_000
const STREETS = [
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

interface Labelled {
  q: string
  relevant: { ids?: string[]; titles?: string[] }
}
const labelled = (
  JSON.parse(readFileSync(join(here, '../../test-corpus/search/queries.json'), 'utf8')) as {
    queries: Labelled[]
  }
).queries
const queries = labelled.map((x) => x.q)

const idMatches = (pattern: string, id: string) =>
  pattern.startsWith('*') && pattern.endsWith('*')
    ? id.includes(pattern.slice(1, -1))
    : pattern.endsWith('*')
      ? id.startsWith(pattern.slice(0, -1))
      : id === pattern

const isRelevant = (q: Labelled, it: SearchItem) =>
  (q.relevant.ids ?? []).some((p) => idMatches(p, it.id)) ||
  (q.relevant.titles ?? []).some((t) => new RegExp(t).test(it.title))

// Sample items a query finds, as seeds: those its labels call relevant, else its first ten.
const SEEDS_WITHOUT_LABELS = 10

/**
 * The seeds of the generated documents: for each labelled query, PER_QUERY copies of the sample
 * items it finds (the relevant ones by its labels, cycled). Documents are taken as they are
 * (文号 and all); an entry or dataset seeds a document with its name as title and its other
 * texts (what the query found it by) as summary.
 */
async function seedsFor(
  samples: readonly ContentItem[],
  stored: ReadonlyMap<string, { title: string; body: string }>,
  index: SearchIndex
): Promise<ContentItem[]> {
  const byUrl = new Map(samples.map((s) => [s.url, s]))
  const asItem = (it: SearchItem): ContentItem => {
    const own = byUrl.get(it.id)
    if (own) return own
    const doc = stored.get(it.id)
    return { url: it.id, title: it.title.replaceAll(' / ', ''), summary: doc?.body ?? '' }
  }
  const seeds: ContentItem[] = []
  for (const q of labelled) {
    const { items } = await index.search({ q: q.q, limit: stored.size })
    const relevant = items.filter((it) => isRelevant(q, it))
    const pool = (relevant.length > 0 ? relevant : items.slice(0, SEEDS_WITHOUT_LABELS)).map(asItem)
    if (pool.length === 0) throw new Error(`labelled query ${q.q} finds nothing in the sample`)
    for (let i = 0; i < PER_QUERY; i++) seeds.push(pool[i % pool.length] as ContentItem)
  }
  return seeds
}

/** Generated documents: the seeds', then the sample documents' titles, under other streets and years. */
function* generated(
  samples: readonly ContentItem[],
  seeds: readonly ContentItem[]
): Generator<ContentItem> {
  for (let i = 0; i < GENERATED; i++) {
    const s = (i < seeds.length ? seeds[i] : samples[i % samples.length]) as ContentItem
    const street = STREETS[i % STREETS.length] as string
    const year = 2010 + (Math.floor(i / STREETS.length) % 17)
    yield {
      ...s,
      url: `${GENERATED_PREFIX}${i}.html`,
      title: `${street}${s.title.replace(/20\d\d/, String(year))}`,
      // 文号 and 索引号 copied as they are, so a 文号 query matches its copies too.
      publishedAt: `${year}-0${(i % 9) + 1}-1${i % 10}`,
    }
  }
}

/**
 * The labelled query matching the fewest generated documents, and how many it matches: counted
 * in the list of its matching documents, or, past LIST_CAP of them (listing costs a highlight
 * each), bounded below by the matching documents less every sample document.
 */
async function fewestGenerated(
  index: SearchIndex,
  sampleDocuments: number
): Promise<{ q: string; count: number }> {
  let fewest = { q: '', count: Number.POSITIVE_INFINITY }
  for (const q of queries) {
    const { total } = await index.search({ q, type: 'document', limit: 1 })
    const count =
      total > LIST_CAP
        ? total - sampleDocuments
        : (await index.search({ q, type: 'document', limit: total })).items.filter((it) =>
            it.id.startsWith(GENERATED_PREFIX)
          ).length
    if (count < fewest.count) fewest = { q, count }
  }
  return fewest
}

function startChild(mode: 'gateway' | 'fts', dir: string) {
  const profile = mode === 'gateway' ? process.env.SEARCH_BENCH_CPU_PROF : undefined
  const child = spawn(
    process.execPath,
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      '--import',
      'tsx',
      join(here, 'search-server.ts'),
      mode,
      dir,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  return new Promise<{ url: string; startMs: number; child: ChildProcess }>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /READY (\S+) (\d+)/.exec(out)
      if (m?.[1]) resolve({ url: m[1], startMs: Number(m[2]), child })
    })
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)))
  })
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 })

/** One GET over the keep-alive socket: milliseconds and the parsed body. */
function get(url: string): Promise<{ ms: number; body: { total: number } }> {
  const t = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => {
        text += d
      })
      res.on('end', () => {
        if (res.statusCode !== 200)
          reject(new Error(`${url}: HTTP ${res.statusCode} ${text.slice(0, 200)}`))
        else resolve({ ms: Number(process.hrtime.bigint() - t) / 1e6, body: JSON.parse(text) })
      })
    })
      .on('error', reject)
      .end()
  })
}

const f = (ms: number) => ms.toFixed(1)

/** CPU time (user + system, ms) the gateway child has used so far. */
async function cpuOf(base: string): Promise<number> {
  const { body } = await get(`${base}/cpu`)
  const { user, system } = body as unknown as { user: number; system: number }
  return (user + system) / 1000
}

/** Runs the benchmark and prints the figures. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-search-bench-'))
  const children: ChildProcess[] = []
  try {
    const io = bufferIo(dir)
    if ((await main(['init', dir], io)) !== 0) throw new Error(`gongkai init failed: ${io.stderr}`)
    const ws = openWorkspace(dir)
    const store = ws.openStore()
    const content = await openContentIndex(store)
    const samples: ContentItem[] = []
    for await (const item of content.all()) samples.push(item)
    const stored = new Map(
      (
        await store.all<{ id: string; doc_json: string }>(
          'SELECT id, doc_json FROM search_docs WHERE deleted = 0'
        )
      ).map((r) => {
        const doc = JSON.parse(r.doc_json) as SearchDoc
        const body = doc.texts.filter((t) => t.class !== 'title').map((t) => t.text)
        return [r.id, { title: doc.title, body: body.join('；') }] as const
      })
    )
    const deps = await createDeps(store, {
      baseUrl: 'http://127.0.0.1',
      organisation: ws.config.organisation,
      filesDir: join(dir, '.gongkai', 'files'),
      rateLimit: false,
    })
    const index = await deps.search.index()
    const seeds = await seedsFor(samples, stored, index)
    await content.upsert(generated(samples, seeds), { source: 'generated' })
    const t0 = performance.now()
    const built = await deps.search.refresh(['document'])
    const buildMs = performance.now() - t0
    console.log(
      `documents: ${samples.length} sample + ${GENERATED} generated; index build (derive, mask, store, load): ${(buildMs / 1000).toFixed(1)} s for ${built.document?.added} new documents; ${index.size()} items indexed`
    )
    const fewest = await fewestGenerated(index, samples.length)
    await store.close()
    console.log(
      `fewest generated documents matched by a labelled query: ${fewest.count} (${fewest.q}); required ≥ ${MIN_MATCHES}: ${fewest.count >= MIN_MATCHES ? 'met' : 'NOT met'}`
    )
    if (fewest.count < MIN_MATCHES)
      throw new Error(
        `labelled query ${fewest.q} matches ${fewest.count} generated documents, fewer than ${MIN_MATCHES}`
      )

    const ours = await startChild('gateway', dir)
    children.push(ours.child)
    const ref = await startChild('fts', dir)
    children.push(ref.child)
    console.log(
      `replica start with the index loaded from the store: ${(ours.startMs / 1000).toFixed(1)} s; FTS5 trigram table built in ${(ref.startMs / 1000).toFixed(1)} s`
    )

    const oursMs: number[] = []
    const refMs: number[] = []
    const ratios: number[] = []
    let refFewest = Number.POSITIVE_INFINITY
    const cpuBefore = await cpuOf(ours.url)
    for (const q of queries) {
      const ourUrl = `${ours.url}/api/v1/search?q=${encodeURIComponent(q)}`
      const refUrl = `${ref.url}/ref?q=${encodeURIComponent(q)}`
      for (let i = 0; i < WARMUP; i++) {
        await get(ourUrl)
        await get(refUrl)
      }
      const a: number[] = []
      const b: number[] = []
      for (let i = 0; i < REPEATS; i++) {
        const o = await get(ourUrl)
        const r = await get(refUrl)
        a.push(o.ms)
        b.push(r.ms)
        if (i === 0) refFewest = Math.min(refFewest, r.body.total)
      }
      oursMs.push(...a)
      refMs.push(...b)
      ratios.push(median(a) / median(b))
    }
    const cpuMs = ((await cpuOf(ours.url)) - cpuBefore) / (queries.length * (WARMUP + REPEATS))
    const p = (xs: number[], q: number) => f(quantile(xs, q))
    console.log(
      `${queries.length} labelled queries × ${REPEATS}, sequential, one keep-alive socket`
    )
    console.log('| contender | p50 ms | p95 ms | p99 ms | max ms |')
    console.log('|---|---|---|---|---|')
    console.log(
      `| GET /api/v1/search (ranked, synonyms, facets, highlights) | ${p(oursMs, 0.5)} | ${p(oursMs, 0.95)} | ${p(oursMs, 0.99)} | ${p(oursMs, 1)} |`
    )
    console.log(
      `| reference: SQLite FTS5 trigram, title substring, first 20 + count | ${p(refMs, 0.5)} | ${p(refMs, 0.95)} | ${p(refMs, 0.99)} | ${p(refMs, 1)} |`
    )
    console.log(`gateway CPU time per request (user + system, warm-ups included): ${f(cpuMs)} ms`)
    console.log(
      `median of per-query ratios (ours / reference): ${median(ratios).toFixed(2)}× (queries ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`
    )
    console.log(
      `the reference's fewest matches of a labelled query: ${refFewest} (no synonyms, no typo correction)`
    )
    const p99 = quantile(oursMs, 0.99)
    console.log(
      `target p99 < ${TARGET_MS} ms: ${p99 < TARGET_MS ? 'met' : 'NOT met'} (${f(p99)} ms)`
    )
  } finally {
    for (const c of children) c.kill()
    agent.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}
