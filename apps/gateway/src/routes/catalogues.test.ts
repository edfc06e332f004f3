import { join } from 'node:path'
import { resolveCatalogues } from '@gongkai/catalogue'
import { getCatalogue, getLayer, layers } from '@gongkai/catalogues'
import { openContentIndex } from '@gongkai/linker'
import type { Catalogue } from '@gongkai/schema'
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

  it("lists every layer with what it extends and marks the workspace's top layer", async () => {
    const { app } = await setup()
    const all = await (await call(app, 'GET', '/api/v1/catalogues?limit=500')).json()
    const by = (id: string) => all.items.find((s: { id: string }) => s.id === id)
    expect(by('social_assistance')).toMatchObject({ extends: null, top: false })
    expect(by('social_assistance.sh')).toMatchObject({
      extends: { id: 'social_assistance', version: getLayer('social_assistance')?.version },
      top: false,
    })
    expect(by('social_assistance.changning-2021')).toMatchObject({
      extends: { id: 'social_assistance.sh' },
      top: true,
    })
    expect(by('market_regulation')).toMatchObject({ extends: null, top: true })
    // Entries are served resolved: a layer answers the rows it inherits and those it adds.
    const resolved = getCatalogue('social_assistance.changning-2021')
    expect(by('social_assistance.changning-2021').entryCount).toBe(resolved?.entries.length)
    expect(resolved?.entries.length).toBeGreaterThanOrEqual(by('social_assistance').entryCount)
    const top = await (await call(app, 'GET', '/api/v1/catalogues?top=true&limit=500')).json()
    expect(top.items.every((s: { top: boolean }) => s.top)).toBe(true)
    expect(top.total).toBe(all.items.filter((s: { top: boolean }) => s.top).length)
    const bad = await call(app, 'GET', '/api/v1/catalogues?top=yes')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details.parameter).toBe('top')
    // A workspace at the Shanghai level works on the .sh layers.
    const sh = await setup({ layer: 'sh' })
    const shTop = await (
      await call(sh.app, 'GET', '/api/v1/catalogues?field=social_assistance&top=true')
    ).json()
    expect(shTop.items.map((s: { id: string }) => s.id)).toEqual(['social_assistance.sh'])
  })

  it('serves a layer given as operations resolved', async () => {
    const national = layers.find((c) => c.id === 'social_assistance') as Catalogue
    const first = national.entries[0]
    const street: Catalogue = {
      id: 'social_assistance.street-x',
      title: '社会救助领域基层政务公开标准目录（示例街道）',
      kind: 'standard',
      field: 'social_assistance',
      version: '1',
      extends: {
        id: 'social_assistance.changning-2021',
        version: getLayer('social_assistance.changning-2021')?.version ?? '',
      },
      operations: [
        {
          op: 'remove',
          entryId: first?.id ?? '',
          reason: '本街道无此事项',
          source: { status: 'L', title: '示例街道规则', copies: [] },
        },
      ],
      entries: [],
    }
    const { app } = await setup({ catalogues: [...layers, street] })
    const c = await (await call(app, 'GET', '/api/v1/catalogues/social_assistance.street-x')).json()
    expect(c.operations).toBeUndefined()
    const below = getCatalogue('social_assistance.changning-2021')?.entries.length ?? 0
    expect(c.entries).toHaveLength(below - 1)
    expect(c.removed.map((r: { id: string }) => r.id)).toEqual([first?.id])
    const list = await (
      await call(app, 'GET', '/api/v1/catalogues?field=social_assistance&top=true')
    ).json()
    expect(list.items.map((s: { id: string }) => s.id)).toEqual(['social_assistance.street-x'])
    expect(resolveCatalogues([...layers, street]).errors).toEqual([])
    // A layer whose base is missing is refused at start, naming it.
    await expect(setup({ catalogues: [street] })).rejects.toThrow(/social_assistance\.street-x/)
  })

  it('answers an entry with the content bound to the same row in another layer of its field', async () => {
    const { app, store } = await setup()
    const cat = await (await call(app, 'GET', '/api/v1/catalogues/compulsory_education')).json()
    const entry = cat.entries[0].id as string
    const index = await openContentIndex(store)
    await index.saveBindings(
      bindingsOf('compulsory_education.changning-2021', entry, ['https://x.example/top.html'])
    )
    for (const id of ['compulsory_education', 'compulsory_education.sh']) {
      const body = await (
        await call(app, 'GET', `/api/v1/catalogues/${id}/entries/${entry}`)
      ).json()
      expect(
        body.content.map((c: { url: string }) => c.url),
        id
      ).toEqual(['https://x.example/top.html'])
    }
    // Its own binding first when both name the URL; no URL twice.
    await index.saveBindings({
      ...bindingsOf('compulsory_education', entry, ['https://x.example/top.html']),
      bindings: [
        ...bindingsOf('compulsory_education', entry, ['https://x.example/top.html']).bindings,
        ...bindingsOf('compulsory_education.changning-2021', entry, ['https://x.example/top.html'])
          .bindings,
      ],
    })
    const both = await (
      await call(app, 'GET', `/api/v1/catalogues/compulsory_education/entries/${entry}`)
    ).json()
    expect(both.content).toHaveLength(1)
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
