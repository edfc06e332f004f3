import { describe, expect, it } from 'vitest'
import { call, setup } from '../test-support.js'

describe('catalogue routes', () => {
  it('GET /healthz answers ok with the service status', async () => {
    const { app } = await setup()
    const r = await call(app, 'GET', '/healthz')
    expect(r.status).toBe(200)
    const body = await r.json()
    expect(body.status).toBe('ok')
    expect(body.catalogues).toBeGreaterThan(0)
    expect(r.headers.get('cache-control')).toBe('no-store')
  })

  it('lists catalogue summaries filtered by kind and field, paged with a cursor', async () => {
    const { app } = await setup()
    const all = await (await call(app, 'GET', '/api/v1/catalogues?limit=500')).json()
    expect(all.total).toBe(all.items.length)
    expect(all.next).toBeNull()
    const edu = await (
      await call(app, 'GET', '/api/v1/catalogues?field=compulsory_education')
    ).json()
    expect(edu.items.map((s: { id: string }) => s.id)).toContain('compulsory_education')
    for (const s of edu.items) expect(s.field).toBe('compulsory_education')
    const committees = await (
      await call(app, 'GET', '/api/v1/catalogues?kind=residents_committee')
    ).json()
    for (const s of committees.items) expect(s.kind).toBe('residents_committee')
    const p1 = await (await call(app, 'GET', '/api/v1/catalogues?limit=2')).json()
    expect(p1.items).toHaveLength(2)
    const p2 = await (await call(app, 'GET', `/api/v1/catalogues?limit=2&cursor=${p1.next}`)).json()
    expect(p2.items[0].id).toBe(all.items[2].id)
  })

  it('shows a catalogue and an entry with its (empty) bound content', async () => {
    const { app } = await setup()
    const cat = await (await call(app, 'GET', '/api/v1/catalogues/compulsory_education')).json()
    const entryId = cat.entries[0].id as string
    const r = await call(app, 'GET', `/api/v1/catalogues/compulsory_education/entries/${entryId}`)
    expect(r.status).toBe(200)
    const body = await r.json()
    expect(body.catalogue.id).toBe('compulsory_education')
    expect(body.entry).toEqual(cat.entries[0])
    expect(Array.isArray(body.content)).toBe(true)
  })

  it('answers 304 to a matching If-None-Match and sets Cache-Control and CORS on GET', async () => {
    const { app } = await setup()
    const r = await call(app, 'GET', '/api/v1/catalogues/compulsory_education')
    const etag = r.headers.get('etag')
    expect(etag).toMatch(/^W\/"/)
    expect(r.headers.get('cache-control')).toContain('max-age')
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
    const again = await call(app, 'GET', '/api/v1/catalogues/compulsory_education', {
      headers: { 'if-none-match': etag ?? '' },
    })
    expect(again.status).toBe(304)
  })

  it('compresses big answers with br or gzip as negotiated', async () => {
    const { app } = await setup()
    const br = await call(app, 'GET', '/api/v1/catalogues/compulsory_education', {
      headers: { 'accept-encoding': 'gzip, br' },
    })
    expect(br.headers.get('content-encoding')).toBe('br')
    const gz = await call(app, 'GET', '/api/v1/catalogues/compulsory_education', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    const { gunzipSync } = await import('node:zlib')
    const plain = await (await call(app, 'GET', '/api/v1/catalogues/compulsory_education')).text()
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(plain)
  })

  it('refuses unknown catalogues and entries (404), bad ids and unknown parameters (400)', async () => {
    const { app } = await setup()
    expect((await call(app, 'GET', '/api/v1/catalogues/nope')).status).toBe(404)
    expect(
      (await call(app, 'GET', '/api/v1/catalogues/compulsory_education/entries/nope')).status
    ).toBe(404)
    // (`/%2e%2e` as a whole segment is normalised away by the URL parser; the e2e test sends it raw.)
    for (const bad of ['x%2e%2e', 'a..b', 'A', '%00x', 'a%2Fb']) {
      const r = await call(app, 'GET', `/api/v1/catalogues/${bad}`)
      expect(r.status, bad).toBe(400)
      expect(['id', 'path']).toContain((await r.json()).error.details.parameter)
    }
    const r = await call(app, 'GET', '/api/v1/catalogues?colour=red')
    expect(r.status).toBe(400)
    const body = await r.json()
    expect(body.error.code).toBe('bad_request')
    expect(body.error.message).toContain('colour')
    expect((await call(app, 'GET', '/api/v1/catalogues?limit=501')).status).toBe(400)
    expect((await call(app, 'GET', '/api/v1/catalogues?cursor=!!')).status).toBe(400)
    expect((await call(app, 'GET', '/api/v1/nothing-here')).status).toBe(404)
  })
})
