// Binding 100,000 content items to every catalogue entry with the indexed defaults, against a
// naive matcher that compares every entry name with every item (measured on 5,000, extrapolated).
import { layers } from '@gongkai/catalogues'
import { bind } from '@gongkai/linker'
import type { Catalogue, ContentItem } from '@gongkai/schema'
import { size } from './smoke.js'

const ITEMS = size(100_000, 2_000)
const NAIVE_SAMPLE = size(5_000, 200)

// A small deterministic PRNG (mulberry32), so every run binds the same items.
function rng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NOISE_TITLES = [
  '区领导调研城市更新工作',
  '召开2021年度工作会议',
  '开展志愿服务活动',
  '关于春节放假安排的通知',
  '街道举办文艺汇演',
]
const GENERIC_COLUMNS = ['通知公告', '工作动态', '政务要闻', '其他']

/** Items whose titles and columns are drawn from real entry names, with noise and distractors. */
export function generateItems(catalogues: Catalogue[], n: number): ContentItem[] {
  const random = rng(42)
  const entries = catalogues.flatMap((c) => c.entries.map((e) => ({ c, e })))
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T
  const items: ContentItem[] = []
  for (let i = 0; i < n; i++) {
    const { e } = pick(entries)
    const name = e.item.level2 ?? e.item.level1
    const r = random()
    const year = 2015 + Math.floor(random() * 7)
    let title: string
    let column: string
    if (r < 0.35) {
      title = `${year}年${name}公告（第${i % 40}期）`
      column = name
    } else if (r < 0.6) {
      title = `关于${year}年${name}${pick(['工作', '事项', '情况'])}的通知`
      column = e.item.level1
    } else if (r < 0.85) {
      title = `长宁区${year}年${name}`
      column = pick(GENERIC_COLUMNS)
    } else {
      title = `${pick(NOISE_TITLES)}（${i}）`
      column = pick(GENERIC_COLUMNS)
    }
    items.push({
      url: `https://www.example.gov.cn/xxgk/${i}.html`,
      title,
      column,
      publishedAt: `${year}-06-01`,
    })
  }
  return items
}

/** The naive baseline: every entry name against every item's title and column. */
function naiveBind(catalogues: Catalogue[], items: ContentItem[]) {
  const names = catalogues.flatMap((c) =>
    c.entries.flatMap((e) =>
      [e.item.level2, e.item.level3, e.item.level1]
        .filter((s): s is string => !!s)
        .map((name) => ({ catalogue: c.id, entry: e.id, name }))
    )
  )
  let bound = 0
  for (const item of items) {
    let best: { entry: string; score: number } | undefined
    for (const n of names) {
      const score =
        item.column === n.name ? 2 : item.title.includes(n.name) ? n.name.length / 100 : 0
      if (score > 0 && (!best || score > best.score)) best = { entry: n.entry, score }
    }
    if (best) bound++
  }
  return bound
}

export async function run() {
  // Every bundled catalogue file as written (layers unresolved), as before.
  const catalogues = [...layers]
  const entryCount = catalogues.reduce((n, c) => n + c.entries.length, 0)
  const items = generateItems(catalogues, ITEMS)
  await bind({ catalogues, items: items.slice(0, 2000) }) // warm-up
  const heapBefore = process.memoryUsage().heapUsed
  const t0 = performance.now()
  const result = await bind({ catalogues, items })
  const ms = performance.now() - t0
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
  const sample = items.slice(0, NAIVE_SAMPLE)
  const t1 = performance.now()
  naiveBind(catalogues, sample)
  const naiveMs = ((performance.now() - t1) * ITEMS) / NAIVE_SAMPLE
  console.log(
    `${catalogues.length} catalogues, ${entryCount} entries, ${ITEMS.toLocaleString('en')} items`
  )
  console.log('| matcher | total ms | items/s | bound | unbound |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(
    `| gongkai bind (indexed) | ${ms.toFixed(0)} | ${Math.round((ITEMS / ms) * 1000).toLocaleString('en')} | ${result.bindings.length} | ${result.unbound.length} |`
  )
  console.log(
    `| naive scan (${NAIVE_SAMPLE.toLocaleString('en')} measured, extrapolated) | ${naiveMs.toFixed(0)} | ${Math.round((ITEMS / naiveMs) * 1000).toLocaleString('en')} | – | – |`
  )
  console.log(
    `ratio naive / indexed: ${(naiveMs / ms).toFixed(1)}x; target < 2000 ms: ${ms < 2000 ? 'met' : 'MISSED'}; heap growth ${heapMb.toFixed(0)} MB`
  )
}
