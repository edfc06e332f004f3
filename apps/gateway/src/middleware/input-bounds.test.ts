import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import {
  BASE,
  call,
  descriptor,
  publishDataset,
  schoolSchema,
  setup,
  type TestResponse,
} from '../test-support.js'

/** Parses XML with a conforming parser (saxes checks every well-formedness rule); returns the errors. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = []
  const parser = new SaxesParser({ xmlns: true })
  parser.on('error', (e) => errors.push(e.message))
  parser.write(xml).close()
  return errors
}

describe('bounds on text in request bodies', () => {
  it('400 bad_request naming the pointer for a title over 1,000 characters', async () => {
    const { app, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    const r = await publishDataset(app, publisher, { title: '长'.repeat(1001) })
    expect(r.status).toBe(400)
    const body = await r.json()
    expect(body.error.code).toBe('bad_request')
    expect(body.error.details[0]).toMatchObject({
      pointer: '/descriptor/title',
      actual: '1001 characters',
    })
    expect((await publishDataset(app, publisher, { title: '长'.repeat(1000) })).status).toBe(201)
  })

  it('400 for C0 controls, lone surrogates, U+FFFE and U+FFFF; tab, LF and CR pass', async () => {
    const { app, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    const cases: [string, string][] = [
      ['学校\u0001名录', 'U+0001'],
      ['学校\u001b[31m', 'U+001B'],
      ['学校\uD800名录', 'U+D800'],
      ['学校\uDC00', 'U+DC00'],
      ['学校\uFFFE', 'U+FFFE'],
      ['学校\uFFFF', 'U+FFFF'],
    ]
    for (const [title, what] of cases) {
      // JSON.stringify writes a lone surrogate as an escape, as a client would.
      const r = await publishDataset(app, publisher, { title })
      expect(r.status, title).toBe(400)
      const body = await r.json()
      expect(body.error.code).toBe('bad_request')
      expect(body.error.details[0]).toMatchObject({ pointer: '/descriptor/title', actual: what })
    }
    // A key is text too.
    const key = await call(app, 'POST', '/api/v1/datasets', {
      token: publisher,
      json: { descriptor: { ...descriptor(), 'x\u0000': 1 }, schema: schoolSchema, csv: 'a\n1\n' },
    })
    expect((await key.json()).error.details[0].pointer).toBe('/descriptor/x\u0000')
    const ok = await publishDataset(app, publisher, { description: '第一行\n第二行\t制表\r\n' })
    expect(ok.status).toBe(201)
  })
})

describe('multipart bodies', () => {
  const post = (
    app: Awaited<ReturnType<typeof setup>>['app'],
    path: string,
    type: string,
    headers = {}
  ) =>
    app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': type, ...headers },
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n',
    })

  it('400, never a 500, without a boundary: on the API and on the unauthenticated login', async () => {
    const { app, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    for (const [path, headers] of [
      ['/committees/login', {}],
      ['/api/v1/datasets', { authorization: `Bearer ${publisher}` }],
    ] as const) {
      const r = (await post(app, path, 'multipart/form-data', headers)) as TestResponse
      expect(r.status, path).toBe(400)
      const body = await r.json()
      expect(body.error).toMatchObject({
        code: 'bad_request',
        details: { parameter: 'content-type' },
      })
      expect(JSON.stringify(body)).not.toMatch(/at .*\.js|TypeError/)
    }
  })

  it('400 for a body that does not match its boundary', async () => {
    const { app } = await setup()
    const r: TestResponse = await app.request(`${BASE}/committees/login`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      body: 'not a multipart body at all',
    })
    expect(r.status).toBe(400)
    expect((await r.json()).error.code).toBe('bad_request')
  })
})

describe('receiving a request body', () => {
  it('is cut with 408 when the client takes longer than the deadline', async () => {
    const { app, token } = await setup({ bodyTimeoutMs: 50 })
    const publisher = await token({ role: 'publisher' })
    // A client that sends the start of a body and then nothing more.
    const body = new ReadableStream<Uint8Array>({
      start(ctrl) {
        ctrl.enqueue(new TextEncoder().encode('{"descriptor":'))
      },
    })
    const r: TestResponse = await app.request(`${BASE}/api/v1/datasets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${publisher}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(r.status).toBe(408)
    expect((await r.json()).error.code).toBe('request_timeout')
    expect(r.headers.get('connection')).toBe('close')
  })

  it('does not touch answers: a download after the deadline is whole', async () => {
    const { app, token } = await setup({ bodyTimeoutMs: 50 })
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)
    const r = await app.request(`${BASE}/datasets/schools.csv`)
    await new Promise((done) => setTimeout(done, 100))
    expect((await r.text()).split('\r\n').length).toBe(5)
  })
})

describe('the Atom feed', () => {
  it('stays well-formed XML whatever the titles hold (parsed by a conforming XML parser)', async () => {
    const { app, store } = await setup()
    const titles = [
      '<script>alert(1)</script> & "quotes" \'apos\'',
      ']]> <![CDATA[ x ]]>',
      'control \u0001\u0008\u000b\u000c\u001f chars',
      'nonchars \uFFFE \uFFFF',
      'lone \uD800 and \uDC00 surrogates, a pair 😀',
      '&amp; &#0; &#xD800; entities as text',
    ]
    let seq = 0
    for (const title of titles)
      await store.run(
        'INSERT INTO gateway_events (at, kind, target, title, link, summary) VALUES (?, ?, ?, ?, ?, ?)',
        [
          `2021-0${1 + (seq % 9)}-01T00:00:00Z`,
          'dataset.published',
          `datasets/x${seq++}`,
          title,
          '/x?a=1&b=<2>',
          title,
        ]
      )
    const r = await app.request(`${BASE}/feeds/updates.atom`)
    expect(r.status).toBe(200)
    const xml = await r.text()
    expect(xmlErrors(xml)).toEqual([])
    expect(xml).toContain('&lt;script&gt;')
  })
})
