import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createAdminToken } from './auth/tokens.js'
import { startServer } from './server.js'
import {
  descriptor,
  ORG,
  schoolCsv,
  schoolSchema,
  setup,
  type TestResponse,
} from './test-support.js'

const get = async (url: string) => (await fetch(url)) as unknown as TestResponse

function rawGet(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the real server on a loopback port', () => {
  it('serves catalogues, CKAN, downloads and gzip as a client sees them', async () => {
    const { store, dir } = await setup()
    const server = await startServer({
      store,
      config: { baseUrl: 'http://127.0.0.1', organisation: ORG, filesDir: join(dir, 'files') },
      port: 0,
    })
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const health = await get(`${server.url}/healthz`)
      expect((await health.json()).status).toBe('ok')

      const cat = await (await get(`${server.url}/api/v1/catalogues/compulsory_education`)).json()
      const entry = await get(
        `${server.url}/api/v1/catalogues/compulsory_education/entries/${cat.entries[0].id}`
      )
      expect(entry.status).toBe(200)
      expect((await entry.json()).entry.id).toBe(cat.entries[0].id)

      const publisher = (await createAdminToken(store, { org: ORG.id, role: 'publisher' })).token
      const pub = await fetch(`${server.url}/api/v1/datasets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${publisher}`, 'content-type': 'application/json' },
        body: JSON.stringify({ descriptor: descriptor(), schema: schoolSchema, csv: schoolCsv }),
      })
      expect(pub.status).toBe(201)

      const search = await (
        await get(`${server.url}/api/3/action/package_search?q=${encodeURIComponent('学校')}`)
      ).json()
      expect(search.success).toBe(true)
      expect(search.result.count).toBe(1)

      const csv = await fetch(`${server.url}/datasets/schools.csv`)
      const bytes = Buffer.from(await csv.arrayBuffer())
      const file = readFileSync(join(dir, 'files', 'schools', '1', 'data.csv'))
      expect(bytes.equals(file)).toBe(true)
      expect(csv.headers.get('content-length')).toBe(String(file.length))

      // fetch decodes gzip itself; a raw request shows the encoding on the wire.
      const gz = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        const u = new URL(server.url)
        const req = request(
          {
            host: u.hostname,
            port: u.port,
            path: '/api/v1/catalogues/compulsory_education',
            headers: { 'accept-encoding': 'gzip' },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () =>
              resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) })
            )
          }
        )
        req.on('error', reject)
        req.end()
      })
      expect(gz.encoding).toBe('gzip')
      expect(JSON.parse(gunzipSync(gz.body).toString('utf8')).id).toBe('compulsory_education')

      expect(await rawGet(server.url, '/api/v1/catalogues/%2e%2e/entries/x')).toBe(400)
      expect(await rawGet(server.url, '/datasets/../../etc/passwd')).toBe(400)
    } finally {
      await server.close()
    }
  })
})
