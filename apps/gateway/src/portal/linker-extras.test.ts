// A transient store failure while reading link statuses is logged (one JSON line on stderr) and
// retried at the next request, never remembered for the life of the process.
import { openLinkCheckLog } from '@gongkai/linker'
import { openSqliteStore, type Store } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { openAccessRequests } from '../services/access-requests.js'
import { loadLinkerExtras } from './linker-extras.js'

/** The store with its `all` failing while `failing` is true: a fault through the public seam. */
function flaky(store: Store) {
  const state = { failing: false }
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'all' && state.failing)
        return () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error'))
      const v = Reflect.get(target, prop, receiver)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
  return { store: wrapped as Store, state }
}

describe('no swallowed, cached failures', () => {
  it('logs a failed link-status read and shows the statuses at the next request', async () => {
    const base = openSqliteStore(':memory:')
    const log = await openLinkCheckLog(base)
    const url = 'https://example.gov.cn/a.html'
    await log.save([
      {
        url,
        status: 'dead',
        httpStatus: 404,
        reason: 'HTTP 404',
        redirects: [],
        finalUrl: url,
        checkedAt: '2024-05-01T00:00:00Z',
        elapsedMs: 5,
      },
    ])
    const { store, state } = flaky(base)
    const lines: string[] = []
    const extras = await loadLinkerExtras(store, { report: (l) => lines.push(l) })
    state.failing = true
    expect(await extras.linkStatuses([url])).toEqual(new Map())
    expect(await extras.linkStatuses([url])).toEqual(new Map())
    // Logged once for the failure streak, as JSON naming what failed.
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'error',
      event: 'link_statuses_failed',
      message: 'SQLITE_IOERR: disk I/O error',
    })
    state.failing = false
    expect(await extras.linkStatuses([url])).toEqual(new Map([[url, 'dead']]))
    await base.close()
  })

  it('retries a failed migration at the next call instead of keeping the rejection', async () => {
    const base = openSqliteStore(':memory:')
    let fail = true
    const store = new Proxy(base, {
      get(target, prop, receiver) {
        if (prop === 'migrate' && fail) {
          fail = false
          return () => Promise.reject(new Error('SQLITE_BUSY: database is locked'))
        }
        const v = Reflect.get(target, prop, receiver)
        return typeof v === 'function' ? v.bind(target) : v
      },
    }) as Store
    const requests = openAccessRequests(store, { now: () => new Date(), acceptDays: 5 })
    await expect(requests.list({})).rejects.toThrow(/database is locked/)
    await expect(requests.list({})).resolves.toBeDefined()
    await base.close()
  })
})
