import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { call, ORG, setup } from '../test-support.js'

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
    const limits = { windowMs: 60_000, max: 3, writeMax: 2 }
    const a = await setup({ rateLimit: limits }, dir)
    const b = await setup({ rateLimit: limits }, dir)
    expect((await call(a.app, 'GET', '/healthz')).status).toBe(200)
    expect((await call(b.app, 'GET', '/healthz')).status).toBe(200)
    expect((await call(a.app, 'GET', '/healthz')).status).toBe(200)
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
