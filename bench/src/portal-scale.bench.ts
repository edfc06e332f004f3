// The catalogue page at scale: the largest bundled catalogue with 1,000,000 bound items and 100,000
// stored link-check results (issue 24), rendered through the gateway's createApp (app.request, no
// socket). The page reads the linker's maintained per-entry summary (counts, broken links, the
// newest item by index), so its cost should not grow with the content bound.
// Reference, in the same interleaved rounds: what the page loaded before on the same store, every
// entry's bindings with their items (familyBindings → bindingsForEntry) plus the latest result of
// every URL ever checked (linkCheckLog.latest()), i.e. the data alone, before any rendering.
// Target: page p99 < 50 ms.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogues, layerIdOf } from '@gongkai/catalogues'
import { createApp } from '@gongkai/gateway'
import { contentMigrations, openContentIndex, openLinkCheckLog } from '@gongkai/linker'
import { openSqliteStore, type Store } from '@gongkai/store'
import { size } from './smoke.js'
import { timeStats as stats } from './time-stats.js'

const ITEMS = size(1_000_000, 2_000, 'PORTAL_SCALE_ITEMS')
const CHECKS = size(100_000, 200, 'PORTAL_SCALE_CHECKS')
const RENDERS = size(200, 10)
const REFERENCE_ROUNDS = size(5, 2)
const TARGET_MS = 50

const here = dirname(fileURLToPath(import.meta.url))
const url = (i: number) => `https://www.example.gov.cn/zwgk/${i}.html`

// The 2021 plan's largest field as the site works on it: the top layer with the most entries.
function largestCatalogue() {
  const tops = new Set(
    catalogues.flatMap((c) => (c.field && !c.template ? [layerIdOf(c.field)] : []))
  )
  const c = catalogues
    .filter((x) => tops.has(x.id))
    .sort((a, b) => b.entries.length - a.entries.length)[0]
  if (!c) throw new Error('no top-layer catalogue bundled')
  return c
}

/** Writes the store once per size (bench/.data), through the tables of the linker's migrations 001–003. */
async function seed(file: string, catalogueId: string, entryIds: string[]): Promise<void> {
  const tmp = `${file}.tmp`
  rmSync(tmp, { force: true })
  const store = openSqliteStore(tmp)
  try {
    await store.migrate(contentMigrations)
    await openLinkCheckLog(store) // (applies every linker migration; the summary starts empty)
    const BATCH = 20_000
    for (let from = 0; from < ITEMS; from += BATCH) {
      const rows: (string | number)[][] = []
      const binds: (string | number)[][] = []
      for (let i = from; i < Math.min(ITEMS, from + BATCH); i++) {
        const day = `20${String(10 + (i % 14)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
        const item = { url: url(i), title: `示例文件第${i}号`, publishedAt: day, formedAt: day }
        rows.push([url(i), item.title, day, 'bench', JSON.stringify(item), day, day])
        binds.push([catalogueId, entryIds[i % entryIds.length] as string, url(i), day])
      }
      await store.transaction(async (tx) => {
        await tx.runMany(
          `INSERT INTO content_items (url, title, published_at, source, item_json, imported_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          rows
        )
        await tx.runMany(
          `INSERT INTO bindings (catalogue, entry, url, method, confidence, bound_at, published)
           VALUES (?, ?, ?, 'title', 0.9, 'bench', ?)`,
          binds
        )
      })
    }
    // The link checker's results go through its own writer, which keeps the summary's broken counts.
    const log = await openLinkCheckLog(store)
    const step = Math.max(1, Math.floor(ITEMS / CHECKS))
    const results = Array.from({ length: CHECKS }, (_, k) => ({
      url: url(k * step),
      status: (k % 10 === 0 ? 'dead' : 'ok') as 'dead' | 'ok',
      httpStatus: k % 10 === 0 ? 404 : 200,
      reason: k % 10 === 0 ? 'HTTP 404' : 'HTTP 200',
      redirects: [],
      finalUrl: url(k * step),
      checkedAt: '2024-05-01T08:00:00.000Z',
      elapsedMs: 10,
    }))
    // Counts are built from the bindings once (what `gongkai link` does when it saves bindings).
    await store.exec(`DELETE FROM linker_entry_counts;
INSERT INTO linker_entry_counts (catalogue, entry, items, broken)
SELECT catalogue, entry, COUNT(*), 0 FROM bindings GROUP BY catalogue, entry;`)
    await log.save(results, { batchSize: 5_000 })
  } finally {
    await store.close()
  }
  renameSync(tmp, file)
}

/** Runs the benchmark and prints a Markdown table. */
export async function run(): Promise<void> {
  const cat = largestCatalogue()
  const dir = join(here, '..', '.data', `portal-scale-${ITEMS}-${CHECKS}`)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'store.db')
  const t0 = performance.now()
  if (!existsSync(file))
    await seed(
      file,
      cat.id,
      cat.entries.map((e) => e.id)
    )
  const seeded = ((performance.now() - t0) / 1000).toFixed(1)
  const store: Store = openSqliteStore(file)
  try {
    const app = await createApp(store, {
      baseUrl: 'http://127.0.0.1',
      organisation: { id: 'bench', name: '基准测试区' },
      filesDir: join(dir, 'files'),
      rateLimit: false,
    })
    const index = await openContentIndex(store)
    const log = await openLinkCheckLog(store)
    const path = `/catalogues/${cat.id}`
    const render = async () => {
      const t = process.hrtime.bigint()
      const res = await app.request(path)
      const html = await res.text()
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`)
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, html }
    }
    // What the page loaded before (data only): every binding of every entry, every latest check.
    const reference = async () => {
      const t = process.hrtime.bigint()
      let n = 0
      for (const e of cat.entries) n += (await index.bindingsForEntry(cat.id, e.id)).length
      n += (await log.latest()).length
      if (n < ITEMS) throw new Error(`reference read ${n} rows, expected at least ${ITEMS}`)
      return Number(process.hrtime.bigint() - t) / 1e6
    }
    const first = await render()
    const shown = [...first.html.matchAll(/(\d+) 条内容/g)].reduce((s, m) => s + Number(m[1]), 0)
    const broken = [...first.html.matchAll(/断链\/错链 (\d+)/g)].reduce(
      (s, m) => s + Number(m[1]),
      0
    )
    // Each entry's figures appear once (a phone shows the same table rows as cards).
    if (shown !== ITEMS) throw new Error(`the page counts ${shown} items, expected ${ITEMS}`)
    for (let i = 0; i < 5; i++) await render()
    const page: number[] = []
    const ref: number[] = []
    const perRound = Math.ceil(RENDERS / REFERENCE_ROUNDS)
    for (let r = 0; r < REFERENCE_ROUNDS; r++) {
      ref.push(await reference())
      for (let i = 0; i < perRound; i++) page.push((await render()).ms)
    }
    const p = stats(page)
    const q = stats(ref)
    const f = (n: number) => n.toFixed(1)
    console.log(
      `catalogue ${cat.id}: ${cat.entries.length} entries, ${ITEMS} bound items, ${CHECKS} link-check results (${broken} broken shown); store seeded in ${seeded} s; first render ${f(first.ms)} ms, ${(first.html.length / 1024).toFixed(0)} KB; ${page.length} renders in ${REFERENCE_ROUNDS} rounds interleaved with the reference\n`
    )
    console.log('| what | mean ms | p50 ms | p99 ms |')
    console.log('|---|---|---|---|')
    console.log(`| page ${path} (summary) | ${f(p.mean)} | ${f(p.p50)} | ${f(p.p99)} |`)
    console.log(
      `| reference: the data the page loaded before (bindings + all checks) | ${f(q.mean)} | ${f(q.p50)} | ${f(q.p99)} |`
    )
    console.log(`\nratio (p50): the former data load takes ${f(q.p50 / p.p50)}x the whole page now`)
    console.log(`target page p99 < ${TARGET_MS} ms: ${p.p99 < TARGET_MS ? 'met' : 'NOT met'}`)
  } finally {
    await store.close()
  }
}
