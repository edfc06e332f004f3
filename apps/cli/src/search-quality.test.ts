import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDeps } from '@gongkai/gateway'
import type { SearchIndex } from '@gongkai/search'
import { openWorkspace, type Store } from '@gongkai/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { workspaceFilesDir } from './workspace-datastore.js'

// The labelled everyday queries (test-corpus/search/queries.json) against the sample workspace
// that `gongkai init` makes: precision@5, recall@10 and MRR, printed, with the floors.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const corpus = JSON.parse(
  readFileSync(new URL('../../../test-corpus/search/queries.json', import.meta.url), 'utf8')
) as {
  queries: {
    q: string
    kind: string
    relevant: { ids?: string[]; titles?: string[] }
    top3?: string
  }[]
}

const idMatches = (pattern: string, id: string) => {
  if (pattern.startsWith('*') && pattern.endsWith('*')) return id.includes(pattern.slice(1, -1))
  if (pattern.endsWith('*')) return id.startsWith(pattern.slice(0, -1))
  return id === pattern
}

let store: Store
let index: SearchIndex
let all: { id: string; title: string }[] = []

beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'gk-search-')), 'ws')
  const init = spawnSync(process.execPath, [bin, 'init', dir], { encoding: 'utf8' })
  expect(init.status, init.stderr).toBe(0)
  const ws = openWorkspace(dir)
  store = ws.openStore()
  const deps = await createDeps(store, {
    baseUrl: ws.config.baseUrl,
    organisation: ws.config.organisation,
    filesDir: workspaceFilesDir(ws),
    rateLimit: false,
    layer: ws.config.layer,
  })
  index = await deps.search.index()
  all = (
    await store.all<{ id: string; title: string }>(
      "SELECT id, json_extract(doc_json, '$.title') AS title FROM search_docs WHERE deleted = 0"
    )
  ).map((r) => ({ id: r.id, title: r.title }))
}, 240_000)

afterAll(async () => {
  await store?.close()
})

describe('search quality on the labelled everyday queries', () => {
  it('has at least 60 labelled queries, each with relevant items in the sample workspace', () => {
    expect(corpus.queries.length).toBeGreaterThanOrEqual(60)
  })

  it('reaches precision@5 ≥ 0.6 and recall@10 ≥ 0.8, and puts the intended entry in the top 3', async () => {
    const rows: { q: string; kind: string; p5: number; r10: number; rr: number }[] = []
    const top3Misses: string[] = []
    for (const query of corpus.queries) {
      const relevant = (item: { id: string; title: string }) =>
        (query.relevant.ids ?? []).some((p) => idMatches(p, item.id)) ||
        (query.relevant.titles ?? []).some((t) => new RegExp(t).test(item.title))
      const judged = all.filter(relevant).length
      expect(judged, `${query.q}: no relevant item in the workspace`).toBeGreaterThan(0)
      const { items } = await index.search({ q: query.q, limit: 10 })
      const hits = items.map((i) => relevant(i))
      const first = hits.indexOf(true)
      // Capped at the number of relevant items, so a query with one right answer can score 1.
      const p5 = hits.slice(0, 5).filter(Boolean).length / Math.min(5, judged)
      const r10 = hits.filter(Boolean).length / Math.min(10, judged)
      rows.push({ q: query.q, kind: query.kind, p5, r10, rr: first < 0 ? 0 : 1 / (first + 1) })
      if (query.top3 && !items.slice(0, 3).some((i) => idMatches(query.top3 as string, i.id)))
        top3Misses.push(
          `${query.q} → ${items
            .slice(0, 3)
            .map((i) => i.id)
            .join(', ')}`
        )
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const kinds = [...new Set(rows.map((r) => r.kind))]
    const lines = [
      ...kinds.map((k) => {
        const rs = rows.filter((r) => r.kind === k)
        return `${k.padEnd(12)} n=${String(rs.length).padStart(2)}  p@5 ${mean(rs.map((r) => r.p5)).toFixed(3)}  recall@10 ${mean(rs.map((r) => r.r10)).toFixed(3)}  MRR ${mean(rs.map((r) => r.rr)).toFixed(3)}`
      }),
      `${'all'.padEnd(12)} n=${rows.length}  p@5 ${mean(rows.map((r) => r.p5)).toFixed(3)}  recall@10 ${mean(rows.map((r) => r.r10)).toFixed(3)}  MRR ${mean(rows.map((r) => r.rr)).toFixed(3)}`,
      ...rows
        .filter((r) => r.p5 < 0.6 || r.r10 < 0.8)
        .map((r) => `  weak: ${r.q} p@5 ${r.p5.toFixed(2)} recall@10 ${r.r10.toFixed(2)}`),
    ]
    console.log(`search quality (${rows.length} labelled queries)\n${lines.join('\n')}`)
    expect(top3Misses).toEqual([])
    expect(mean(rows.map((r) => r.p5))).toBeGreaterThanOrEqual(0.6)
    expect(mean(rows.map((r) => r.r10))).toBeGreaterThanOrEqual(0.8)
  })
})
