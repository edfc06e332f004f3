import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { call, ORG, STEADY_WINDOW_MS, setup } from '../test-support.js'

describe('hardening middleware', () => {
  it('413 beyond the body limit from Content-Length, before parsing', async () => {
    const { app, admin } = await setup({ bodyLimitBytes: 1000 })
    const r = await app.request('http://gk.test/api/v1/tokens', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'content-length': '5000',
      },
      body: 'x'.repeat(5000),
    })
    expect(r.status).toBe(413)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
  })

  it('413 for a chunked body (no Content-Length) once it passes the limit', async () => {
    const { app, admin } = await setup({ bodyLimitBytes: 1000 })
    const chunk = new TextEncoder().encode(`{"org":"${'x'.repeat(600)}",`)
    const body = new ReadableStream<Uint8Array>({
      start(ctrl) {
        ctrl.enqueue(chunk)
        ctrl.enqueue(chunk)
        ctrl.close()
      },
    })
    const r = await app.request('http://gk.test/api/v1/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(r.status).toBe(413)
  })

  it('429 with Retry-After, shared by two apps on the same store file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-rl-'))
    const limits = { windowMs: STEADY_WINDOW_MS, max: 3, writeMax: 2 }
    const a = await setup({ rateLimit: limits }, dir)
    const b = await setup({ rateLimit: limits }, dir)
    // Counts reach the store with each process's flush (every 250 ms), never inside a request.
    const stored = async () =>
      (
        await a.store.get<{ n: number }>(
          'SELECT coalesce(sum(count), 0) AS n FROM gateway_rate_limit'
        )
      )?.n ?? 0
    const until = async (n: number) => {
      while ((await stored()) < n) await new Promise((r) => setTimeout(r, 20))
    }
    expect((await call(a.app, 'GET', '/healthz')).status).toBe(200)
    expect((await call(a.app, 'GET', '/healthz')).status).toBe(200)
    await until(2)
    expect((await call(b.app, 'GET', '/healthz')).status).toBe(200)
    // b's flush adds its request and learns a's: 3 of 3.
    await until(3)
    const r = await call(b.app, 'GET', '/healthz')
    expect(r.status).toBe(429)
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await r.json()).error.code).toBe('rate_limited')
    // Writes count separately, per token.
    const w1 = await call(a.app, 'POST', '/api/v1/tokens', {
      token: a.admin,
      json: { org: ORG.id, role: 'publisher' },
    })
    expect(w1.status).toBe(201)
  })

  it('counts the entry lookup and refusals keep security and CORS headers', async () => {
    const { app } = await setup({ rateLimit: { windowMs: STEADY_WINDOW_MS, max: 2, writeMax: 2 } })
    const path = '/api/v1/catalogues/compulsory_education/entries/policy.education_laws'
    const ok = await call(app, 'GET', path)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(ok.headers.get('access-control-expose-headers')).toContain('ETag')
    expect((await call(app, 'GET', path)).status).toBe(200)
    const limited = await call(app, 'GET', path)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).not.toBeNull()
    expect(limited.headers.get('x-frame-options')).toBe('DENY')
    expect(limited.headers.get('access-control-allow-origin')).toBe('*')
    const { app: fresh } = await setup()
    const bad = await call(fresh, 'GET', path, { token: 'gk_not-a-token' })
    expect(bad.status).toBe(401)
    expect(bad.headers.get('www-authenticate')).toContain('Bearer')
    expect(bad.headers.get('x-content-type-options')).toBe('nosniff')
    const raw = await call(fresh, 'GET', path, { headers: { authorization: 'Basic abc' } })
    expect(raw.status).toBe(401)
  })

  it("audits a token's refused writes too, and nothing for requests without a token", async () => {
    const { app, admin, token } = await setup({ bodyLimitBytes: 1000 })
    const publisher = await token({ role: 'publisher' })
    const r = await app.request('http://gk.test/api/v1/tokens', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${publisher}`,
        'content-type': 'application/json',
        'content-length': '5000',
      },
      body: 'x'.repeat(5000),
    })
    expect(r.status).toBe(413)
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    expect((await call(app, 'POST', '/api/v1/tokens', { json: {} })).status).toBe(401)
    expect((await call(app, 'POST', '/api/v1/tokens', { token: publisher, json: {} })).status).toBe(
      422
    )
    const audit = await (await call(app, 'GET', '/api/v1/audit', { token: admin })).json()
    const statuses = audit.items
      .filter((e: { path: string }) => e.path === '/api/v1/tokens')
      .map((e: { status: number }) => e.status)
    expect(statuses.sort()).toEqual([413, 422])
  })

  it('sets security headers, a strict CSP on HTML, and CORS only for reads', async () => {
    const { app, admin } = await setup()
    const r = await call(app, 'GET', '/docs')
    expect(r.headers.get('x-frame-options')).toBe('DENY')
    expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'")
    const pre = await app.request('http://gk.test/api/v1/catalogues', {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'GET', origin: 'https://x.example' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, HEAD')
    const prePost = await app.request('http://gk.test/api/v1/tokens', {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', origin: 'https://x.example' },
    })
    expect(prePost.headers.get('access-control-allow-origin')).toBeNull()
    const post = await call(app, 'POST', '/api/v1/tokens', {
      token: admin,
      json: { org: ORG.id, role: 'publisher' },
    })
    expect(post.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers 415 for a non-JSON body and 404 JSON for unknown paths', async () => {
    const { app, admin } = await setup()
    const r = await app.request('http://gk.test/api/v1/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/plain' },
      body: 'hi',
    })
    expect(r.status).toBe(415)
    const nf = await call(app, 'GET', '/api/v2/x')
    expect(nf.status).toBe(404)
    expect(((await nf.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })
})
