// GET-side writes (rate-limit counts) are batched outside the request: counted in memory, flushed
// in one transaction every flushMs and on shutdown, so a GET never waits on the store's write lock.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore, type Store } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { buildApp, createDeps } from '../app.js'
import { BASE, ORG, STEADY_WINDOW_MS } from '../test-support.js'
import { StoreRateLimiter } from './rate-limit.js'

const limits = { windowMs: STEADY_WINDOW_MS, max: 10, writeMax: 5 }
const stored = async (store: Store) =>
  (await store.get<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM gateway_rate_limit'))
    ?.n ?? 0

/** A gateway on `dir`'s store with a limiter flushed only when the test says so. */
async function gateway(dir: string) {
  const store = openSqliteStore(join(dir, 'store.db'), { busyTimeoutMs: 200 })
  const limiter = new StoreRateLimiter(store, limits, () => new Date(), { flushMs: 0 })
  const config = {
    baseUrl: BASE,
    organisation: ORG,
    filesDir: join(dir, 'files'),
    rateLimit: limits,
  }
  const app = buildApp(await createDeps(store, config, { limiter }))
  const get = async () => (await app.request(`${BASE}/healthz`)).status
  return { store, limiter, get }
}

describe('batched rate-limit counts', () => {
  it('answers GETs while another connection holds the write lock; counts land at the flush', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-batch-'))
    const a = await gateway(dir)
    const other = openSqliteStore(join(dir, 'store.db'))
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => {
      release = r
    })
    // A publisher's commit, as another process would hold it.
    const locked = other.transaction(async (tx) => {
      await tx.run("INSERT INTO gateway_rate_limit (key, window, count) VALUES ('x', 0, 0)")
      await held
    })
    for (let i = 0; i < 5; i++) expect(await a.get()).toBe(200)
    expect(await stored(a.store)).toBe(0)
    release()
    await locked
    await a.limiter.flush()
    expect(await stored(a.store)).toBe(5)
    await a.limiter.close()
    await other.close()
  })

  it('adds up the counts of several processes in the store and limits on the sum', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-batch-'))
    const a = await gateway(dir)
    const b = await gateway(dir)
    for (let i = 0; i < 6; i++) expect(await a.get()).toBe(200)
    await a.limiter.flush()
    expect(await b.get()).toBe(200)
    // b's flush adds its count and learns the total: 7 of 10.
    await b.limiter.flush()
    expect(await stored(b.store)).toBe(7)
    expect([await b.get(), await b.get(), await b.get()]).toEqual([200, 200, 200])
    expect(await b.get()).toBe(429)
    await a.limiter.close()
    await b.limiter.close()
    // The refused request counted too: 11 in the store once both have flushed.
    expect(await stored(a.store)).toBe(11)
  })

  it('flushes what is pending when closed (shutdown)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-batch-'))
    const a = await gateway(dir)
    for (let i = 0; i < 3; i++) await a.get()
    expect(await stored(a.store)).toBe(0)
    await a.limiter.close()
    expect(await stored(a.store)).toBe(3)
  })
})
