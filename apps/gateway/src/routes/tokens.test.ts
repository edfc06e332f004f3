import { describe, expect, it } from 'vitest'
import { hashToken } from '../auth/tokens.js'
import { call, ORG, setup } from '../test-support.js'

describe('token and audit routes', () => {
  it('creates a token shown once, lists without secrets, stores only the hash, revokes', async () => {
    const { app, admin, store } = await setup()
    const r = await call(app, 'POST', '/api/v1/tokens', {
      token: admin,
      json: { org: ORG.id, role: 'publisher', label: '数据专员' },
    })
    expect(r.status).toBe(201)
    const made = await r.json()
    expect(made.token).toMatch(/^gk_[A-Za-z0-9_-]{43}$/)
    const list = await (await call(app, 'GET', '/api/v1/tokens', { token: admin })).json()
    const text = JSON.stringify(list)
    expect(text).not.toContain(made.token)
    expect(list.items.map((t: { id: string }) => t.id)).toContain(made.id)
    const row = await store.get<{ hash: string }>('SELECT hash FROM gateway_tokens WHERE id = ?', [
      made.id,
    ])
    expect(row?.hash).toBe(hashToken(made.token))
    // The new token works, then stops working once revoked.
    expect((await call(app, 'GET', '/api/v1/catalogues', { token: made.token })).status).toBe(200)
    expect((await call(app, 'DELETE', `/api/v1/tokens/${made.id}`, { token: admin })).status).toBe(
      200
    )
    const refused = await call(app, 'GET', '/api/v1/catalogues', { token: made.token })
    expect(refused.status).toBe(401)
    expect((await refused.json()).error.message).toBe('token refused: unknown, expired or revoked')
    expect((await call(app, 'DELETE', `/api/v1/tokens/${made.id}`, { token: admin })).status).toBe(
      404
    )
  })

  it('refuses missing, malformed, unknown, expired and revoked tokens (401) and non-admins (403)', async () => {
    const { app, admin, token } = await setup()
    expect((await call(app, 'GET', '/api/v1/tokens')).status).toBe(401)
    const malformed = await call(app, 'GET', '/api/v1/tokens', {
      headers: { authorization: 'Basic abc' },
    })
    expect(malformed.status).toBe(401)
    expect(malformed.headers.get('www-authenticate')).toContain('Bearer')
    // Unknown, expired and revoked tokens get one body: none tells that a token existed.
    const unknown = await call(app, 'GET', '/api/v1/tokens', { token: `gk_${'A'.repeat(43)}` })
    const expired = await token({ role: 'admin', expiresAt: '2000-01-01T00:00:00Z' })
    const e = await call(app, 'GET', '/api/v1/tokens', { token: expired })
    const revokedSecret = await token({ role: 'admin' })
    const list = await (await call(app, 'GET', '/api/v1/tokens', { token: admin })).json()
    await call(app, 'DELETE', `/api/v1/tokens/${list.items[0].id}`, { token: admin })
    const r = await call(app, 'GET', '/api/v1/tokens', { token: revokedSecret })
    const bodies = await Promise.all([unknown, e, r].map((x) => x.text()))
    expect([unknown.status, e.status, r.status]).toEqual([401, 401, 401])
    expect(new Set(bodies).size).toBe(1)
    const publisher = await token({ role: 'publisher' })
    expect((await call(app, 'GET', '/api/v1/tokens', { token: publisher })).status).toBe(403)
    expect((await call(app, 'GET', '/api/v1/audit', { token: publisher })).status).toBe(403)
  })

  it('validates token input with pointers', async () => {
    const { app, admin } = await setup()
    const bad = await call(app, 'POST', '/api/v1/tokens', {
      token: admin,
      json: { org: ORG.id, role: 'king' },
    })
    expect(bad.status).toBe(422)
    expect((await bad.json()).error.details[0].pointer).toBe('/role')
    const extra = await call(app, 'POST', '/api/v1/tokens', {
      token: admin,
      json: { org: ORG.id, role: 'publisher', x: 1 },
    })
    expect((await extra.json()).error.details[0].pointer).toBe('/x')
    const committee = await call(app, 'POST', '/api/v1/tokens', {
      token: admin,
      json: { org: ORG.id, role: 'residents_committee' },
    })
    expect((await committee.json()).error.details[0].pointer).toBe('/scope')
    const notJson = await app.request('http://gk.test/api/v1/tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: '{',
    })
    expect(notJson.status).toBe(400)
  })

  it('audits every write with token, target, address and outcome, readable by admins only', async () => {
    const { app, admin } = await setup()
    const made = await (
      await call(app, 'POST', '/api/v1/tokens', {
        token: admin,
        json: { org: ORG.id, role: 'publisher' },
      })
    ).json()
    await call(app, 'POST', '/api/v1/tokens', {
      token: admin,
      json: { org: ORG.id, role: 'publisher', x: 1 },
    })
    await call(app, 'DELETE', '/api/v1/tokens/tok-unknown', { token: admin })
    // Requests without a verified token act on nothing and leave no audit row.
    await call(app, 'POST', '/api/v1/tokens', { json: { org: ORG.id, role: 'publisher' } })
    const log = await (await call(app, 'GET', '/api/v1/audit?limit=2', { token: admin })).json()
    expect(log.total).toBe(3)
    expect(log.items[0]).toMatchObject({
      method: 'DELETE',
      target: 'tok-unknown',
      status: 404,
      org: ORG.id,
    })
    expect(log.items[1]).toMatchObject({ method: 'POST', path: '/api/v1/tokens', status: 422 })
    const rest = await (
      await call(app, 'GET', `/api/v1/audit?cursor=${log.next}`, { token: admin })
    ).json()
    expect(rest.items[0]).toMatchObject({ method: 'POST', target: made.id, status: 201 })
    expect(rest.items[0].at).toMatch(/^\d{4}-/)
    expect(rest.items[0].ip).toBeTruthy()
  })
})
