import { join } from 'node:path'
import { openContentIndex } from '@gongkai/linker'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { call, setup } from '../test-support.js'
import { storeFault } from './health.js'

const bindingsOf = (catalogue: string, entry: string, urls: string[]) => ({
  bindings: urls.map((content) => ({
    entry: { catalogue, entry },
    content,
    method: 'manual' as const,
    confidence: 1,
  })),
  unbound: [],
  entriesWithoutContent: [],
})

describe('catalogue routes', () => {
  it('GET /healthz answers ok after a query on the store', async () => {
    const { app } = await setup()
    const r = await call(app, 'GET', '/healthz')
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual({ status: 'ok', store: { dialect: 'sqlite', ok: true } })
    expect(r.headers.get('cache-control')).toBe('no-store')
  })

  it('GET /healthz answers 503 when the store does not answer', async () => {
    const { app, store } = await setup()
    await store.close()
    const r = await call(app, 'GET', '/healthz')
    expect(r.status).toBe(503)
    expect(await r.json()).toEqual({
      status: 'unavailable',
      store: { dialect: 'sqlite', ok: false, error: 'unreachable' },
    })
    expect(r.headers.get('cache-control')).toBe('no-store')
  })

  it('names a corrupt or read-only SQLite file in the health check', () => {
    expect(storeFault(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT' }))).toBe('corrupt')
    expect(storeFault(Object.assign(new Error('x'), { code: 'SQLITE_NOTADB' }))).toBe('corrupt')
    expect(storeFault(Object.assign(new Error('x'), { code: 'SQLITE_READONLY_DBMOVED' }))).toBe(
      'readonly'
    )
    expect(storeFault(new Error('closed'))).toBe('unreachable')
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

  it('keeps the entry answer only while the store is unchanged, in this process or another', async () => {
    const { app, store, dir } = await setup()
    const path = '/api/v1/catalogues/compulsory_education/entries/'
    const cat = await (await call(app, 'GET', '/api/v1/catalogues/compulsory_education')).json()
    const entry = cat.entries[0].id as string
    const get = () => call(app, 'GET', `${path}${entry}`)
    const r0 = await get()
    expect((await r0.json()).content).toEqual([])
    const etag0 = r0.headers.get('etag')
    expect((await get()).headers.get('etag')).toBe(etag0)
    // Bindings saved through the app's own store connection.
    const own = await openContentIndex(store)
    await own.saveBindings(bindingsOf('compulsory_education', entry, ['https://x.example/1.html']))
    const r1 = await get()
    const b1 = await r1.json()
    expect(b1.content.map((c: { url: string }) => c.url)).toEqual(['https://x.example/1.html'])
    expect(r1.headers.get('etag')).not.toBe(etag0)
    // Bindings saved by another connection (another gateway process or the CLI) on the same file.
    const other = openSqliteStore(join(dir, 'store.db'))
    await (await openContentIndex(other)).saveBindings(
      bindingsOf('compulsory_education', entry, ['https://x.example/2.html'])
    )
    const b2 = await (await get()).json()
    expect(b2.content.map((c: { url: string }) => c.url)).toEqual(['https://x.example/2.html'])
    await other.close()
    // 304 and HEAD on the prepared answer.
    const etag2 = (await get()).headers.get('etag') ?? ''
    const nm = await call(app, 'GET', `${path}${entry}`, { headers: { 'if-none-match': etag2 } })
    expect(nm.status).toBe(304)
    expect(nm.headers.get('access-control-allow-origin')).toBe('*')
    const head = await app.request(`http://gk.test${path}${entry}`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toBe(etag2)
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
