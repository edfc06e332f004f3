// Server-side render time of the portal's catalogue page for the largest catalogue (by entries),
// through app.request() (no socket), against a trivial page of the same app (the empty search
// page: layout only). Target: the catalogue page renders in under 50 ms (mean and p99).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { catalogues } from '@gongkai/catalogues'
import { createApp } from '@gongkai/gateway'
import { openSqliteStore } from '@gongkai/store'

const RENDERS = Number(process.env.PORTAL_BENCH_RENDERS ?? 200)
const WARMUP = 20
const TARGET_MS = 50

type App = Awaited<ReturnType<typeof createApp>>

async function time(app: App, path: string): Promise<number[]> {
  const once = async () => {
    const t = process.hrtime.bigint()
    const res = await app.request(path)
    const body = await res.text()
    if (res.status !== 200 || !body.includes('<h1>')) throw new Error(`${path}: HTTP ${res.status}`)
    return Number(process.hrtime.bigint() - t) / 1e6
  }
  for (let i = 0; i < WARMUP; i++) await once()
  const out: number[] = []
  for (let i = 0; i < RENDERS; i++) out.push(await once())
  return out.sort((a, b) => a - b)
}

const stats = (ms: number[]) => ({
  mean: ms.reduce((a, b) => a + b, 0) / ms.length,
  p50: ms[Math.floor(ms.length * 0.5)] ?? Number.NaN,
  p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] ?? Number.NaN,
})

/** Runs the benchmark and prints a Markdown table. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-portal-bench-'))
  const store = openSqliteStore(join(dir, 'store.db'))
  try {
    const app = await createApp(store, {
      baseUrl: 'http://127.0.0.1',
      organisation: { id: 'bench-district', name: '基准区人民政府' },
      filesDir: join(dir, 'files'),
      rateLimit: false,
    })
    const largest = [...catalogues]
      .filter((c) => !c.template)
      .sort((a, b) => b.entries.length - a.entries.length)[0]
    if (!largest) throw new Error('no catalogue to render')
    const page = stats(await time(app, `/catalogues/${largest.id}`))
    const trivial = stats(await time(app, '/search'))
    const f = (n: number) => n.toFixed(2)
    console.log(
      `catalogue: ${largest.id} (${largest.entries.length} entries), ${RENDERS} renders each\n`
    )
    console.log('| page | mean ms | p50 ms | p99 ms |')
    console.log('|---|---|---|---|')
    console.log(`| /catalogues/${largest.id} | ${f(page.mean)} | ${f(page.p50)} | ${f(page.p99)} |`)
    console.log(
      `| /search (layout only) | ${f(trivial.mean)} | ${f(trivial.p50)} | ${f(trivial.p99)} |`
    )
    console.log(`\nratio (mean): ${f(page.mean / trivial.mean)}x the trivial page`)
    const ok = page.mean < TARGET_MS && page.p99 < TARGET_MS
    console.log(`target < ${TARGET_MS} ms (mean and p99): ${ok ? 'met' : 'NOT met'}`)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
