// Large uploads over the API: a multipart body is streamed to a staging file under the workspace
// (never held in memory) up to `upload.maxBytes`, then published by the staged publish.
import { existsSync, readdirSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import type { TableSchema } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { DEFAULT_BODY_LIMIT } from '../config.js'
import { startServer } from '../server.js'
import { BASE, descriptor, setup, type TestResponse } from '../test-support.js'

const BOUNDARY = 'gk-test-boundary'
const schema: TableSchema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '说明', type: 'string' },
  ],
  primaryKey: '编号',
}
const encoder = new TextEncoder()

/** The multipart head (descriptor and schema fields, then the CSV part's header). */
function head(id: string): Uint8Array {
  const field = (name: string, value: unknown) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${JSON.stringify(value)}\r\n`
  return encoder.encode(
    `${field('descriptor', descriptor({ id, title: '大文件' }))}${field('schema', schema)}` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="csv"; filename="big.csv"\r\n` +
      'Content-Type: text/csv\r\n\r\n编号,说明\r\n'
  )
}

/** A multipart upload of `rows` CSV rows of about 2 KB each, generated chunk by chunk. */
function multipartStream(id: string, rows: number): ReadableStream<Uint8Array> {
  const filler = 'x'.repeat(2000)
  let i = 0
  let started = false
  return new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (!started) {
        started = true
        ctrl.enqueue(head(id))
        return
      }
      if (i >= rows) {
        ctrl.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`))
        ctrl.close()
        return
      }
      const lines: string[] = []
      for (let k = 0; k < 256 && i < rows; k++) lines.push(`${++i},${filler}`)
      ctrl.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`))
    },
  })
}

const uploadsOf = (dir: string) => {
  const d = join(dir, 'files', '.uploads')
  return existsSync(d) ? readdirSync(d) : []
}

describe('large uploads', () => {
  it('publishes a multipart upload larger than the old 25 MiB body limit, streamed', async () => {
    const { app, dir, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    const rows = Math.ceil((DEFAULT_BODY_LIMIT * 1.05) / 2008)
    const upload = app.request(`${BASE}/api/v1/datasets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${publisher}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      body: multipartStream('big', rows),
      duplex: 'half',
    } as RequestInit) as Promise<TestResponse>
    const r = await upload
    const body = await r.json()
    expect(r.status, JSON.stringify(body).slice(0, 400)).toBe(201)
    expect(body).toMatchObject({ id: 'big', version: 1, rowCount: rows })
    expect(uploadsOf(dir)).toEqual([])
  }, 120_000)

  it('413 past upload.maxBytes (chunked and by Content-Length), with no staging file left', async () => {
    const { app, dir, token } = await setup({ upload: { maxBytes: 100_000 } })
    const publisher = await token({ role: 'publisher' })
    const post = (headers: Record<string, string>) =>
      app.request(`${BASE}/api/v1/datasets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${publisher}`,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          ...headers,
        },
        body: multipartStream('toolarge', 200),
        duplex: 'half',
      } as RequestInit) as Promise<TestResponse>
    for (const headers of [{}, { 'content-length': '400000' }] as Record<string, string>[]) {
      const r = await post(headers)
      expect(r.status).toBe(413)
      const { error } = await r.json()
      expect(error).toMatchObject({
        code: 'payload_too_large',
        details: { limitBytes: 100_000, setting: 'upload.maxBytes' },
      })
      expect(uploadsOf(dir)).toEqual([])
    }
  })

  it('leaves nothing behind when the client disconnects mid-body', async () => {
    const { store, dir, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    const server = await startServer({
      store,
      config: {
        baseUrl: BASE,
        organisation: { id: 'demo-district', name: '示例区人民政府' },
        filesDir: join(dir, 'files'),
        rateLimit: false,
      },
      port: 0,
    })
    // The audit row of the upload is written once its route has finished (and cleaned up).
    const audited = async () =>
      (
        await store.all<{ status: number }>(
          "SELECT status FROM gateway_audit WHERE method = 'POST' AND path = '/api/v1/datasets'"
        )
      ).map((r) => r.status)
    try {
      const req = request(`${server.url}/api/v1/datasets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${publisher}`,
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': String(50 * 1024 * 1024),
        },
      })
      req.on('error', () => undefined)
      req.write(head('aborted'))
      req.write('1,abc\r\n'.repeat(100_000))
      // Wait until the staging file exists, then hang up halfway through the body.
      while (uploadsOf(dir).length === 0) await pause()
      req.destroy()
      while ((await audited()).length === 0) await pause()
      expect(await audited()).toEqual([400])
      expect(uploadsOf(dir)).toEqual([])
    } finally {
      await server.close()
    }
  })
})

const pause = () => new Promise((r) => setTimeout(r, 10))
