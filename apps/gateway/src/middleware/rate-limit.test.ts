import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { call, ORG, STEADY_WINDOW_MS, setup } from '../test-support.js'
import { type RateLimiter, rateLimitKey } from './rate-limit.js'

const count = async (store: { get<T>(sql: string): Promise<T | undefined> }, table: string) =>
  (await store.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0

describe('rate limits keyed on who is verified', () => {
  it('counts Bearer X, bearer X and Bearer  X as one identity', async () => {
    const { app, admin } = await setup({
      rateLimit: { windowMs: STEADY_WINDOW_MS, max: 1000, writeMax: 3 },
    })
    const statuses = []
    for (const header of [
      `Bearer ${admin}`,
      `bearer ${admin}`,
      `Bearer  ${admin}`,
      `BEARER ${admin} `,
    ]) {
      const r = await call(app, 'POST', '/api/v1/tokens', {
        headers: { authorization: header },
        json: { org: ORG.id, role: 'publisher' },
      })
      statuses.push(r.status)
    }
    expect(statuses).toEqual([201, 201, 201, 429])
  })

  it('limits random bogus tokens with their sender, refused before they cost storage', async () => {
    const { app, store } = await setup({
      rateLimit: { windowMs: STEADY_WINDOW_MS, max: 50, writeMax: 5 },
    })
    const statuses = new Map<number, number>()
    const limiterBefore = await count(store, 'gateway_rate_limit')
    for (let i = 0; i < 10_000; i++) {
      const bogus = `gk_${randomBytes(32).toString('base64url')}`
      const forms = [`Bearer ${bogus}`, `bearer  ${bogus}`, 'Bearer not-a-token', `Basic ${bogus}`]
      const write = i % 2 === 0
      const r = await app.request('http://gk.test/api/v1/datasets', {
        method: write ? 'POST' : 'GET',
        headers: {
          authorization: forms[i % forms.length] ?? '',
          ...(write ? { 'content-type': 'application/json' } : {}),
        },
        body: write ? '{}' : undefined,
      })
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
    }
    // 50 reads and 5 writes were answered 401; every other attempt met the limit.
    expect(Object.fromEntries(statuses)).toEqual({ 401: 55, 429: 10_000 - 55 })
    // One limiter row per bucket (reads and writes of one address), no audit rows at all.
    expect((await count(store, 'gateway_rate_limit')) - limiterBefore).toBeLessThanOrEqual(2)
    expect(await count(store, 'gateway_audit')).toBe(0)
  }, 120_000)

  it('keeps the stores bounded without a limit too: no rows per bogus request', async () => {
    const { app, store } = await setup()
    for (let i = 0; i < 2000; i++) {
      const r = await app.request('http://gk.test/api/v1/tokens', {
        method: 'POST',
        headers: {
          authorization: `Bearer gk_${randomBytes(32).toString('base64url')}`,
          'content-type': 'application/json',
        },
        body: '{}',
      })
      expect(r.status).toBe(401)
    }
    expect(await count(store, 'gateway_rate_limit')).toBe(0)
    expect(await count(store, 'gateway_audit')).toBe(0)
  }, 120_000)

  it("counts CKAN's POST actions as reads and leaves them out of the audit log", async () => {
    const { app, store, admin } = await setup({
      rateLimit: { windowMs: STEADY_WINDOW_MS, max: 100, writeMax: 1 },
    })
    for (let i = 0; i < 3; i++) {
      const r = await call(app, 'POST', '/api/3/action/package_search', {
        token: admin,
        json: { q: '学校' },
      })
      expect(r.status).toBe(200)
    }
    expect(await count(store, 'gateway_audit')).toBe(0)
  })

  it('drops past windows, so the limiter table holds at most two windows', async () => {
    let t = Date.parse('2024-05-01T00:00:00Z')
    const { app, store } = await setup({
      rateLimit: { windowMs: 1000, max: 100, writeMax: 10 },
      now: () => new Date(t),
    })
    for (let w = 0; w < 20; w++) {
      for (let ip = 0; ip < 5; ip++)
        await call(app, 'GET', '/healthz', { headers: { 'x-forwarded-for': `10.0.0.${ip}` } })
      t += 1000
    }
    // Without --trust-proxy the header is ignored: one address, one row per window kept.
    expect(await count(store, 'gateway_rate_limit')).toBeLessThanOrEqual(2)
  })

  it('honours X-Forwarded-For only with trustProxy, and then only its last hop', async () => {
    const keys: string[] = []
    const limiter: RateLimiter = {
      async hit(key) {
        keys.push(key)
        return 0
      },
    }
    const plain = await setup({ rateLimit: { windowMs: STEADY_WINDOW_MS, max: 10, writeMax: 10 } })
    const { buildApp, createDeps } = await import('../app.js')
    const depsOf = async (trustProxy: boolean) =>
      buildApp(
        await createDeps(
          plain.store,
          {
            baseUrl: 'http://gk.test',
            organisation: ORG,
            filesDir: `${plain.dir}/files`,
            rateLimit: { windowMs: STEADY_WINDOW_MS, max: 10, writeMax: 10 },
            trustProxy,
          },
          { limiter }
        )
      )
    const forwarded = { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' }
    await call(await depsOf(false), 'GET', '/healthz', { headers: forwarded })
    await call(await depsOf(true), 'GET', '/healthz', { headers: forwarded })
    await call(await depsOf(true), 'GET', '/healthz', { token: plain.admin })
    expect(keys[0]).toBe('r:ip:local')
    expect(keys[1]).toBe('r:ip:198.51.100.7')
    expect(keys[2]).toMatch(/^r:tok:tok-[0-9a-f]{16}$/)
    expect(rateLimitKey(true, { ip: '::1' })).toBe('w:ip:::1')
  })
})
