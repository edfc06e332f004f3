import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { backoffMs, LEASE_MS, openNoticeLog } from './notice-log.js'

const key = { kind: 'message', itemId: 'm-1', threshold: 'due_soon:3', channel: 'webhook' as const }
const t0 = new Date('2021-10-11T01:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

describe('the notice log', () => {
  it('claims once, retries a failure only after its backoff, and never claims a sent notice', async () => {
    const store = openSqliteStore(':memory:')
    const log = await openNoticeLog(store)
    expect(await log.claim(key, t0)).toEqual({ attempts: 0 })
    expect(await log.claim(key, at(1000))).toEqual({ refused: 'in_progress' })
    const f = await log.failed(key, at(2000), 'webhook answered 503')
    expect(f).toEqual({ attempts: 1, nextAttemptAt: at(2000 + 60_000).toISOString() })
    expect(await log.claim(key, at(30_000))).toEqual({ refused: 'waiting_retry' })
    expect(await log.claim(key, at(62_000))).toEqual({ attempts: 1 })
    const f2 = await log.failed(key, at(63_000), 'timeout')
    // The wait doubles: 2 minutes after the second failure.
    expect(f2.nextAttemptAt).toBe(at(63_000 + 120_000).toISOString())
    expect(await log.claim(key, at(63_000 + 120_000))).toEqual({ attempts: 2 })
    await log.sent(key, at(200_000))
    expect(await log.claim(key, at(10 * 3_600_000))).toEqual({ refused: 'already_sent' })
    expect((await log.state(key))?.attempts).toBe(3)
    await store.close()
  })

  it('takes over a claim whose sender died once the lease ran out', async () => {
    const store = openSqliteStore(':memory:')
    const log = await openNoticeLog(store)
    await log.claim(key, t0)
    expect(await log.claim(key, at(LEASE_MS - 1))).toEqual({ refused: 'in_progress' })
    expect(await log.claim(key, at(LEASE_MS + 1))).toEqual({ attempts: 0 })
    await store.close()
  })

  it('caps the backoff at six hours', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([60_000, 120_000, 240_000])
    expect(backoffMs(40)).toBe(6 * 3_600_000)
  })
})
