// Server-side render time of the portal's catalogue page, on a workspace seeded the way
// `gongkai init` seeds it (the sample content imported and bound, the sample datasets published):
// the largest catalogue that has bound content, rendered through app.request() (no socket), against
// a trivial page of the same app (the empty search page: layout only), interleaved.
// Target: the catalogue page renders in under 50 ms (mean and p99).
// The pages are reached through the gateway's createApp, which mounts the portal: the app a
// visitor hits, whichever package the pages live in.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { catalogues } from '@gongkai/catalogues'
import { bufferIo, main } from '@gongkai/cli'
import { createApp } from '@gongkai/gateway'
import { openContentIndex } from '@gongkai/linker'
import { openWorkspace } from '@gongkai/store'
import { size } from './smoke.js'
import { timeStats as stats } from './time-stats.js'

const RENDERS = size(200, 10, 'PORTAL_BENCH_RENDERS')
const WARMUP = size(20, 2)
const TARGET_MS = 50

type App = Awaited<ReturnType<typeof createApp>>

async function renderMs(app: App, path: string): Promise<number> {
  const t = process.hrtime.bigint()
  const res = await app.request(path)
  const body = await res.text()
  if (res.status !== 200 || !body.includes('<h1')) throw new Error(`${path}: HTTP ${res.status}`)
  return Number(process.hrtime.bigint() - t) / 1e6
}

/** Runs the benchmark and prints a Markdown table. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-portal-bench-'))
  try {
    const io = bufferIo(dir)
    const code = await main(['init', dir], io)
    if (code !== 0) throw new Error(`gongkai init failed (${code}): ${io.stderr}`)
    const ws = openWorkspace(dir)
    const store = ws.openStore()
    try {
      const index = await openContentIndex(store)
      const bound = new Map<string, Set<string>>()
      for (const b of await index.bindings()) {
        const urls = bound.get(b.entry.catalogue) ?? new Set()
        urls.add(b.content)
        bound.set(b.entry.catalogue, urls)
      }
      const largest = [...catalogues]
        .filter((c) => !c.template && (bound.get(c.id)?.size ?? 0) > 0)
        .sort((a, b) => b.entries.length - a.entries.length)[0]
      if (!largest) throw new Error('the sample binds no content to any catalogue')
      const app = await createApp(store, {
        baseUrl: 'http://127.0.0.1',
        organisation: ws.config.organisation,
        filesDir: join(dirname(ws.path(ws.config.store.path)), 'files'),
        rateLimit: false,
      })
      const pagePath = `/catalogues/${largest.id}`
      const html = await (await app.request(pagePath)).text()
      const items = bound.get(largest.id)?.size ?? 0
      // Each entry with bound content shows "<n> 条内容" (its count, late and broken items).
      const shown = [...html.matchAll(/(\d+) 条内容/g)].reduce((n, m) => n + Number(m[1]), 0)
      if (shown === 0) throw new Error(`${pagePath} shows none of its ${items} bound items`)
      for (let i = 0; i < WARMUP; i++) {
        await renderMs(app, pagePath)
        await renderMs(app, '/search')
      }
      // Interleaved, so a load spike on the shared machine hits both pages alike.
      const page: number[] = []
      const trivial: number[] = []
      for (let i = 0; i < RENDERS; i++) {
        page.push(await renderMs(app, pagePath))
        trivial.push(await renderMs(app, '/search'))
      }
      const p = stats(page)
      const t = stats(trivial)
      const f = (n: number) => n.toFixed(2)
      console.log(
        `sample workspace (gongkai init); catalogue ${largest.id}: ${largest.entries.length} entries, ${items} bound items (${shown} bindings counted on the page, ${(html.length / 1024).toFixed(0)} KB of HTML); ${RENDERS} interleaved renders each\n`
      )
      console.log('| page | mean ms | p50 ms | p99 ms |')
      console.log('|---|---|---|---|')
      console.log(`| ${pagePath} | ${f(p.mean)} | ${f(p.p50)} | ${f(p.p99)} |`)
      console.log(`| /search (layout only) | ${f(t.mean)} | ${f(t.p50)} | ${f(t.p99)} |`)
      console.log(`\nratio (mean): ${f(p.mean / t.mean)}x the trivial page`)
      const ok = p.mean < TARGET_MS && p.p99 < TARGET_MS
      console.log(`target < ${TARGET_MS} ms (mean and p99): ${ok ? 'met' : 'NOT met'}`)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
