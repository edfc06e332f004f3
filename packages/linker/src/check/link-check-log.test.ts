import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { openLinkCheckLog } from './link-check-log.js'
import type { LinkCheckResult, LinkStatus } from './link-check-result.js'

const result = (
  url: string,
  status: LinkStatus,
  checkedAt: string,
  httpStatus?: number
): LinkCheckResult => ({
  url,
  status,
  ...(httpStatus ? { httpStatus } : {}),
  reason: httpStatus ? `HTTP ${httpStatus}` : 'timeout',
  redirects: status === 'wrong_target' ? ['https://a.gov.cn/'] : [],
  finalUrl: status === 'wrong_target' ? 'https://a.gov.cn/' : url,
  checkedAt,
  elapsedMs: 12,
})

describe('openLinkCheckLog', () => {
  it('stores runs, returns the latest result per URL and what broke or got fixed since', async () => {
    const store = openSqliteStore(':memory:')
    const log = await openLinkCheckLog(store)
    const a = 'https://a.gov.cn/a.html'
    const b = 'https://a.gov.cn/b.html'
    const c = 'https://a.gov.cn/c.html'
    const d = 'https://a.gov.cn/d.html'
    const first = await log.save(
      [
        result(a, 'ok', '2021-05-01T00:00:00.000Z', 200),
        result(b, 'dead', '2021-05-01T00:00:01.000Z', 404),
        result(c, 'ok', '2021-05-01T00:00:02.000Z', 200),
      ],
      { batchSize: 2 }
    )
    expect(first.checked).toBe(3)
    async function* second() {
      yield result(a, 'dead', '2021-06-01T00:00:00.000Z', 500)
      yield result(b, 'ok', '2021-06-01T00:00:01.000Z', 200)
      yield result(c, 'unreachable', '2021-06-01T00:00:02.000Z')
      yield result(d, 'wrong_target', '2021-06-01T00:00:03.000Z', 200)
    }
    const run2 = await log.save(second())
    expect((await log.runs()).map((r) => r.id)).toEqual([first.id, run2.id])

    expect(await log.latest(a)).toMatchObject({ status: 'dead', httpStatus: 500 })
    expect(await log.latest('https://nowhere.gov.cn/')).toBeUndefined()
    const all = await log.latest()
    expect(all.map((r) => [r.url, r.status])).toEqual([
      [a, 'dead'],
      [b, 'ok'],
      [c, 'unreachable'],
      [d, 'wrong_target'],
    ])
    expect(all[3]?.redirects).toEqual(['https://a.gov.cn/'])

    const changes = await log.changesSince(first.id)
    expect(changes.from).toBe(first.id)
    expect(changes.to).toBe(run2.id)
    expect(changes.broken.map((x) => [x.url, x.before, x.after])).toEqual([
      [a, 'ok', 'dead'],
      [d, undefined, 'wrong_target'],
    ])
    expect(changes.fixed.map((x) => x.url)).toEqual([b])
    expect(changes.changed.map((x) => [x.url, x.before, x.after])).toEqual([
      [c, 'ok', 'unreachable'],
    ])
    // Default: the latest run against the one before it.
    expect((await log.changesSince()).fixed.map((x) => x.url)).toEqual([b])
    await store.close()
  })

  it('appends to a named run and reports unknown run ids without throwing', async () => {
    const store = openSqliteStore(':memory:')
    const log = await openLinkCheckLog(store)
    expect((await log.changesSince()).error).toBe('no link-check runs stored yet')
    await log.save([result('https://x.gov.cn/1', 'ok', '2021-05-01T00:00:00Z', 200)], {
      runId: 'r1',
    })
    const run = await log.save([result('https://x.gov.cn/2', 'ok', '2021-05-01T00:00:01Z', 200)], {
      runId: 'r1',
    })
    expect(run).toMatchObject({ id: 'r1', checked: 2 })
    const bad = await log.changesSince('nope')
    expect(bad.error).toContain('run "nope" not found')
    // Re-opening applies nothing new. The log applies every linker migration: the pages' summary
    // joins link checks with bindings.
    await openLinkCheckLog(store)
    expect((await store.appliedMigrations()).map((m) => m.id)).toEqual([
      'linker/001-content-items',
      'linker/002-bindings',
      'linker/003-link-checks',
      'linker/004-entry-summary',
    ])
    await store.close()
  })
})
