import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { prepareAnswer, sendPrepared } from './prepared-answer.js'

describe('prepared answers', () => {
  const body = JSON.stringify({
    title: '义务教育',
    items: Array.from({ length: 1000 }, (_, i) => i),
  })
  const prepared = prepareAnswer(body, { cache: 'list' })
  const app = new Hono()
  app.get('/x', (c) => sendPrepared(c, prepared))

  it('sends the body with ETag, Cache-Control, Content-Length and the common headers', async () => {
    const r = await app.request('/x')
    expect(r.status).toBe(200)
    expect(await r.text()).toBe(body)
    expect(r.headers.get('etag')).toBe(prepared.etag)
    expect(r.headers.get('cache-control')).toBe('public, max-age=60')
    expect(r.headers.get('content-length')).toBe(String(Buffer.byteLength(body)))
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const r = await app.request('/x', { headers: { 'if-none-match': `"x", ${prepared.etag}` } })
    expect(r.status).toBe(304)
    expect(r.headers.get('etag')).toBe(prepared.etag)
    expect(await r.text()).toBe('')
    expect((await app.request('/x', { headers: { 'if-none-match': '"other"' } })).status).toBe(200)
  })

  it('compresses once per encoding and decompresses to the body', async () => {
    for (let i = 0; i < 2; i++) {
      const gz = await app.request('/x', { headers: { 'accept-encoding': 'gzip' } })
      expect(gz.headers.get('content-encoding')).toBe('gzip')
      const bytes = Buffer.from(await gz.arrayBuffer())
      expect(gz.headers.get('content-length')).toBe(String(bytes.byteLength))
      expect(gunzipSync(bytes).toString('utf8')).toBe(body)
      const br = await app.request('/x', { headers: { 'accept-encoding': 'br;q=1, gzip;q=0.5' } })
      expect(br.headers.get('content-encoding')).toBe('br')
      expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString('utf8')).toBe(body)
    }
    const none = await app.request('/x', { headers: { 'accept-encoding': 'gzip;q=0, br;q=0' } })
    expect(none.headers.get('content-encoding')).toBeNull()
  })

  it('leaves small bodies uncompressed', async () => {
    const small = prepareAnswer('{"a":1}')
    const a = new Hono()
    a.get('/s', (c) => sendPrepared(c, small))
    const r = await a.request('/s', { headers: { 'accept-encoding': 'gzip' } })
    expect(r.headers.get('content-encoding')).toBeNull()
    expect(await r.text()).toBe('{"a":1}')
  })
})
