// `npm run lighthouse`: Lighthouse 12.8 (pinned; 13 needs Node 22) on the portal of the sample
// workspace (`gongkai init`), served over a real socket, in the Chromium at GONGKAI_CHROMIUM
// (default /usr/bin/chromium): the home page, the largest catalogue page the sample binds content
// to, and a dataset page with its preview. Targets (issue 24): SEO ≥ 95, Best Practices 100,
// Accessibility 100. Prints each page's scores and every failing audit; exits 1 when a target is
// missed, 2 when it cannot run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { catalogues } from '@gongkai/catalogues'
import { bufferIo, main } from '@gongkai/cli'
import { createApp } from '@gongkai/gateway'
import { openContentIndex } from '@gongkai/linker'
import { openWorkspace } from '@gongkai/store'
import { serve } from '@hono/node-server'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

const CHROMIUM = process.env.GONGKAI_CHROMIUM || '/usr/bin/chromium'
const TARGETS = { seo: 95, 'best-practices': 100, accessibility: 100 } as const
type Category = keyof typeof TARGETS

/** One page's scores (0–100) and the audits that pulled them down. */
export interface PageScores {
  url: string
  scores: Record<Category, number>
  failing: string[]
}

/** Serves the sample workspace's gateway on a free loopback port; returns the pages to audit. */
async function sampleSite() {
  const dir = mkdtempSync(join(tmpdir(), 'gk-lighthouse-'))
  const io = bufferIo(dir)
  const code = await main(['init', dir], io)
  if (code !== 0) throw new Error(`gongkai init failed (${code}): ${io.stderr}`)
  const ws = openWorkspace(dir)
  const store = ws.openStore()
  const index = await openContentIndex(store)
  const bound = new Set((await index.bindings()).map((b) => b.entry.catalogue))
  const largest = [...catalogues]
    .filter((c) => !c.template && bound.has(c.id))
    .sort((a, b) => b.entries.length - a.entries.length)[0]
  if (!largest) throw new Error('the sample binds no content to any catalogue')
  let handler: (req: Request) => Response | Promise<Response> = () =>
    new Response('', { status: 503 })
  const server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://localhost:${(server.address() as AddressInfo).port}`
  const app = await createApp(store, {
    baseUrl: base,
    organisation: ws.config.organisation,
    filesDir: join(dirname(ws.path(ws.config.store.path)), 'files'),
    rateLimit: false,
    organs: ws.config.organs,
    site: ws.config.site,
    xxgk: ws.config.xxgk,
  })
  handler = (req) => app.fetch(req)
  // A dataset whose page shows a preview table (无条件开放, rows stored).
  const list = await (await app.request('/datasets')).text()
  let dataset: string | undefined
  for (const m of list.matchAll(/href="(\/datasets\/[^"/?.]+)"/g)) {
    const html = await (await app.request(m[1] as string)).text()
    if (/<table/.test(html) && html.includes('数据预览')) {
      dataset = m[1]
      break
    }
  }
  if (!dataset) throw new Error('the sample has no dataset page with a preview')
  return {
    pages: [`${base}/`, `${base}/catalogues/${largest.id}`, `${base}${dataset}`],
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs Lighthouse on each page in one Chromium; returns the scores. */
export async function audit(pages: readonly string[]): Promise<PageScores[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  try {
    const out: PageScores[] = []
    for (const url of pages) {
      const r = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: Object.keys(TARGETS),
        // The machine may be shared: generous limits, so a slow load is not taken for a broken page.
        maxWaitForLoad: 90_000,
      })
      if (!r) throw new Error(`${url}: Lighthouse returned nothing`)
      const { lhr } = r
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`)
      const scores = {} as Record<Category, number>
      const failing: string[] = []
      for (const cat of Object.keys(TARGETS) as Category[]) {
        const c = lhr.categories[cat]
        scores[cat] = Math.round((c?.score ?? 0) * 100)
        for (const ref of c?.auditRefs ?? []) {
          const a = lhr.audits[ref.id]
          if (ref.weight > 0 && a && a.score !== null && a.score < 1) {
            // The offending elements, so a failure says where to look.
            const items = (
              (a.details as { items?: { node?: { selector?: string } }[] } | undefined)?.items ?? []
            )
              .flatMap((i) => (i.node?.selector ? [i.node.selector] : []))
              .slice(0, 5)
            failing.push(
              `${cat}: ${a.id} (${a.title})${items.length ? ` at ${items.join(', ')}` : ''}`
            )
          }
        }
      }
      out.push({ url, scores, failing })
    }
    return out
  } finally {
    chrome.kill()
  }
}

/** Whether every page meets every target. */
export function meetsTargets(results: readonly PageScores[]): boolean {
  return results.every((r) =>
    (Object.keys(TARGETS) as Category[]).every((c) => r.scores[c] >= TARGETS[c])
  )
}

async function cli(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set GONGKAI_CHROMIUM`
    )
    return 2
  }
  const site = await sampleSite()
  try {
    const results = await audit(site.pages)
    console.log('| page | SEO | Best Practices | Accessibility |')
    console.log('|---|---|---|---|')
    for (const r of results)
      console.log(
        `| ${new URL(r.url).pathname} | ${r.scores.seo} | ${r.scores['best-practices']} | ${r.scores.accessibility} |`
      )
    for (const r of results)
      for (const f of r.failing) console.log(`${new URL(r.url).pathname}: ${f}`)
    const ok = meetsTargets(results)
    console.log(
      `targets SEO ≥ 95, Best Practices 100, Accessibility 100: ${ok ? 'met' : 'NOT met'}`
    )
    return ok ? 0 : 1
  } finally {
    await site.close()
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string))
  process.exit(await cli())
