import type { Binding, ContentItem } from '@gongkai/schema'
import { openSqliteStore, type Store } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import type { BindingResult } from '../binding/binding-result.js'
import { openLinkCheckLog } from '../check/link-check-log.js'
import { linkCheckMigrations } from '../check/link-check-migrations.js'
import type { LinkCheckResult, LinkStatus } from '../check/link-check-result.js'
import { openContentIndex } from './content-index.js'
import { LATEST_PER_ENTRY_SQL } from './entry-summaries.js'
import { contentMigrations } from './migrations.js'

const url = (n: number) => `https://www.example.gov.cn/a/${n}.html`
const item = (n: number, publishedAt?: string): ContentItem => ({
  url: url(n),
  title: `文件${n}`,
  ...(publishedAt ? { publishedAt } : {}),
})
const bind = (catalogue: string, entry: string, n: number): Binding => ({
  entry: { catalogue, entry },
  content: url(n),
  method: 'manual',
  confidence: 1,
})
const result = (bindings: Binding[]): BindingResult => ({
  bindings,
  unbound: [],
  entriesWithoutContent: [],
})
const check = (n: number, status: LinkStatus, checkedAt: string): LinkCheckResult => ({
  url: url(n),
  status,
  reason: status,
  redirects: [],
  finalUrl: url(n),
  checkedAt,
  elapsedMs: 1,
})

/** The same figures counted the slow way, from every binding and every stored check. */
async function counted(store: Store, family: string[], entry: string) {
  const index = await openContentIndex(store)
  const log = await openLinkCheckLog(store)
  const latest = new Map((await log.latest()).map((r) => [r.url, r.status]))
  const urls = new Set<string>()
  for (const c of family)
    for (const b of await index.bindingsForEntry(c, entry)) urls.add(b.content)
  const broken = [...urls].filter((u) => ['dead', 'wrong_target'].includes(latest.get(u) ?? ''))
  return { items: urls.size, broken: broken.length }
}

describe('entrySummaries', () => {
  it('counts items and broken links, keeps them in step with link checks, and names the newest item', async () => {
    const store = openSqliteStore(':memory:')
    const index = await openContentIndex(store)
    await index.upsert(
      [item(1, '2021-03-01'), item(2, '2021-05-01'), item(3, '2021-04-01'), item(4)],
      { source: 't' }
    )
    await index.saveBindings(
      result([
        bind('cat', 'e1', 1),
        bind('cat', 'e1', 2),
        bind('cat', 'e1', 3),
        bind('cat', 'e2', 4),
      ])
    )
    let s = await index.entrySummaries(['cat'], ['e1', 'e2', 'e3'])
    expect(s.get('e1')).toMatchObject({ items: 3, broken: 0, latest: { content: url(2) } })
    expect(s.get('e1')?.latest?.item.title).toBe('文件2')
    expect(s.get('e2')).toMatchObject({ items: 1, broken: 0, latest: { content: url(4) } })
    expect(s.has('e3')).toBe(false)

    const log = await openLinkCheckLog(store)
    await log.save([
      check(1, 'dead', '2021-06-01T00:00:00Z'),
      check(2, 'wrong_target', '2021-06-01T00:00:00Z'),
    ])
    expect((await index.entrySummaries(['cat'], ['e1'])).get('e1')?.broken).toBe(2)
    // A later run fixes one and adds an unreachable (not counted as broken: it may be our network).
    await log.save([
      check(1, 'ok', '2021-06-02T00:00:00Z'),
      check(3, 'unreachable', '2021-06-02T00:00:00Z'),
    ])
    s = await index.entrySummaries(['cat'], ['e1'])
    expect(s.get('e1')?.broken).toBe(1)
    expect(s.get('e1')).toMatchObject(await counted(store, ['cat'], 'e1'))
    // An older result saved late does not overwrite the latest one.
    await log.save([check(1, 'dead', '2021-05-01T00:00:00Z')])
    expect((await index.entrySummaries(['cat'], ['e1'])).get('e1')?.broken).toBe(1)
    expect((await log.statuses([url(1), url(2), url(9)])).get(url(1))).toBe('ok')

    // A re-import that changes a date moves the newest item.
    await index.upsert([item(3, '2021-07-01')], { source: 't' })
    expect((await index.entrySummaries(['cat'], ['e1'])).get('e1')?.latest?.content).toBe(url(3))
    // Rebinding replaces the counts, keeping the broken ones of the latest checks.
    await index.saveBindings(result([bind('cat', 'e1', 2)]))
    expect((await index.entrySummaries(['cat'], ['e1', 'e2'])).get('e1')).toMatchObject({
      items: 1,
      broken: 1,
    })
    expect((await index.entrySummaries(['cat'], ['e2'])).has('e2')).toBe(false)
  })

  it('counts a URL bound in two layers of a family once, and takes the newest across layers', async () => {
    const store = openSqliteStore(':memory:')
    const index = await openContentIndex(store)
    await index.upsert([item(1, '2021-01-01'), item(2, '2022-01-01'), item(3, '2020-01-01')], {
      source: 't',
    })
    await index.saveBindings(
      result([bind('top', 'e', 1), bind('top', 'e', 3), bind('base', 'e', 1), bind('base', 'e', 2)])
    )
    await (await openLinkCheckLog(store)).save([check(1, 'dead', '2021-06-01T00:00:00Z')])
    const s = (await index.entrySummaries(['top', 'base'], ['e'])).get('e')
    expect(s).toMatchObject({ items: 3, broken: 1, latest: { content: url(2) } })
    expect(s).toMatchObject(await counted(store, ['top', 'base'], 'e'))
  })

  it('fills the summary from what a store held before the migration', async () => {
    const store = openSqliteStore(':memory:')
    await store.migrate([...contentMigrations, ...linkCheckMigrations])
    await store.run(
      `INSERT INTO content_items (url, title, published_at, source, item_json, imported_at, updated_at)
       VALUES (?, '文件1', '2021-01-01', 't', ?, 'x', 'x')`,
      [url(1), JSON.stringify(item(1, '2021-01-01'))]
    )
    await store.run(
      `INSERT INTO bindings (catalogue, entry, url, method, confidence, bound_at) VALUES ('c', 'e', ?, 'manual', 1, 'x')`,
      [url(1)]
    )
    await store.run(
      `INSERT INTO linker_check_runs (id, started_at, finished_at, checked) VALUES ('r1', 'x', 'x', 1)`
    )
    await store.run(
      `INSERT INTO linker_link_checks (run_id, url, status, reason, redirects, final_url, checked_at, elapsed_ms)
       VALUES ('r1', ?, 'dead', 'HTTP 404', '[]', ?, '2021-02-01', 1)`,
      [url(1), url(1)]
    )
    const index = await openContentIndex(store)
    expect((await index.entrySummaries(['c'], ['e'])).get('e')).toMatchObject({
      items: 1,
      broken: 1,
      latest: { content: url(1), item: { title: '文件1' } },
    })
  })

  it("reads each entry's newest item through the index in one query, never sorting bindings", async () => {
    const store = openSqliteStore(':memory:')
    await openContentIndex(store)
    const plan = await store.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN ${LATEST_PER_ENTRY_SQL.replace('{layers}', '?, ?').replace('{entries}', 'n.entry IN (?, ?)')}`,
      ['c', 'd', 'e', 'f']
    )
    const details = plan.map((r) => r.detail).join(' | ')
    expect(details).toContain('bindings_latest')
    expect(details).not.toContain('TEMP B-TREE')
    expect(details).not.toMatch(/SCAN (b|x|c)\b/)
  })

  it('answers for many entries at once, filtered or not', async () => {
    const store = openSqliteStore(':memory:')
    const index = await openContentIndex(store)
    const n = 620
    await index.upsert(
      Array.from({ length: n }, (_, i) =>
        item(i, `2021-01-${String(1 + (i % 28)).padStart(2, '0')}`)
      ),
      { source: 't' }
    )
    await index.saveBindings(
      result(Array.from({ length: n }, (_, i) => bind('cat', `e${i % 600}`, i)))
    )
    const ids = Array.from({ length: 600 }, (_, i) => `e${i}`)
    const all = await index.entrySummaries(['cat'], ids)
    expect(all.size).toBe(600)
    expect(all.get('e3')).toMatchObject({ items: 2, latest: { content: url(603) } })
    const few = await index.entrySummaries(['cat'], ['e3', 'e4', 'nope'])
    expect([...few.keys()]).toEqual(['e3', 'e4'])
    expect(few.get('e3')).toEqual(all.get('e3'))
  })
})
