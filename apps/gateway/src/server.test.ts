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

const enc = encodeURIComponent

/** The CKAN Action API over the socket, field by field (reference/open-data.md §2). */
async function checkCkan(url: string, publisher: string) {
  const second = descriptor({
    id: 'schools-2022',
    title: '学校名录（2022）',
    description: '2022 学年中小学名录',
    keywords: ['教育'],
  })
  const pub = await fetch(`${url}/api/v1/datasets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${publisher}`, 'content-type': 'application/json' },
    body: JSON.stringify({ descriptor: second, schema: schoolSchema, csv: schoolCsv }),
  })
  expect(pub.status).toBe(201)
  const first = descriptor()
  const action = async (name: string, query = '') => {
    const r = await get(`${url}/api/3/action/${name}${query}`)
    expect(r.headers.get('content-type')).toContain('application/json')
    const body = await r.json()
    return { status: r.status, body }
  }
  const envelope = (body: { help: string; success: boolean }, name: string) => {
    expect(body.success).toBe(true)
    expect(body.help).toContain(`help_show?name=${name}`)
  }

  const list = await action('package_list')
  envelope(list.body, 'package_list')
  expect(list.body.result).toEqual([first.id, second.id].sort())

  const search = await action(
    'package_search',
    `?q=${enc('学校')}&facet.field=${enc('["tags"]')}&sort=${enc('name asc')}&rows=10`
  )
  expect(search.status).toBe(200)
  envelope(search.body, 'package_search')
  const result = search.body.result
  expect(result.count).toBe(2)
  expect(result.results.map((p: { name: string }) => p.name)).toEqual([first.id, second.id])
  for (const [i, d] of [first, second].entries()) {
    const p = result.results[i]
    expect(p).toMatchObject({ id: d.id, name: d.id, title: d.title, notes: d.description })
    expect(p.organization).toMatchObject({ name: d.publisher.id, title: d.publisher.name })
    expect(p.tags.map((t: { name: string }) => t.name)).toEqual(d.keywords)
    expect(p.resources.map((r: { format: string }) => r.format)).toEqual([
      'CSV',
      'JSON',
      'NDJSON',
      'JSON-LD',
    ])
    // Every resource URL downloads over the socket (the configured base has no port).
    for (const r of p.resources) {
      const u = new URL(r.url)
      expect(u.pathname).toBe(
        `/datasets/${d.id}.${r.format === 'JSON-LD' ? 'jsonld' : r.format.toLowerCase()}`
      )
      const file = await fetch(`${url}${u.pathname}`)
      expect(file.status).toBe(200)
      if (r.format === 'CSV') expect(await file.text()).toBe(schoolCsv)
      else await file.arrayBuffer()
    }
  }
  // Both datasets carry 教育, one carries 学校.
  const tagCounts = new Map<string, number>()
  for (const d of [first, second])
    for (const t of d.keywords ?? []) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1)
  expect(result.facets.tags).toEqual(Object.fromEntries(tagCounts))
  expect(result.search_facets.tags.title).toBe('tags')
  expect(
    Object.fromEntries(
      result.search_facets.tags.items.map(
        (x: { name: string; display_name: string; count: number }) => {
          expect(x.display_name).toBe(x.name)
          return [x.name, x.count]
        }
      )
    )
  ).toEqual(Object.fromEntries(tagCounts))
  expect(result.sort).toBe('name asc')

  const show = await action('package_show', `?id=${first.id}`)
  envelope(show.body, 'package_show')
  expect(show.body.result).toEqual(result.results[0])

  const orgs = await action('organization_list')
  envelope(orgs.body, 'organization_list')
  expect(orgs.body.result).toEqual([ORG.id])
  const orgsFull = await action('organization_list', '?all_fields=true')
  expect(orgsFull.body.result[0]).toMatchObject({ name: ORG.id, title: ORG.name, package_count: 2 })

  const rows = schoolCsv.trim().split('\r\n').slice(1)
  const ds = await action('datastore_search', `?resource_id=${first.id}&limit=2`)
  envelope(ds.body, 'datastore_search')
  const dsr = ds.body.result
  expect(dsr.fields.map((f: { id: string }) => f.id)).toEqual([
    '_id',
    ...schoolSchema.fields.map((f) => f.name),
  ])
  const ckanType: Record<string, string> = { integer: 'int', string: 'text' }
  expect(dsr.fields.map((f: { type: string }) => f.type)).toEqual([
    'int',
    ...schoolSchema.fields.map((f) => ckanType[f.type]),
  ])
  expect(dsr.total).toBe(rows.length)
  expect(dsr.records).toHaveLength(2)
  expect(dsr.records[0]).toMatchObject({
    _id: 1,
    编号: 1,
    名称: '愚园路小学',
    区: '长宁',
    学生数: 800,
  })
  expect(dsr.records[1].名称).toBe('复旦"附中"')
  // The links keep every parameter of the call (here limit) and change only the offset.
  expect(dsr._links.start).toBe(`/api/3/action/datastore_search?resource_id=${first.id}&limit=2`)
  expect(dsr._links.next).toBe(`${dsr._links.start}&offset=2`)
  const next = await action('datastore_search', `?resource_id=${first.id}&limit=2&offset=2`)
  expect(next.body.result.records.map((r: { 编号: number }) => r.编号)).toEqual([3])

  const missing = await action('package_show', '?id=no-such-dataset')
  expect(missing.status).toBe(404)
  expect(missing.body.success).toBe(false)
  expect(missing.body.result).toBeUndefined()
  expect(missing.body.error.__type).toBe('Not Found Error')
  expect(missing.body.help).toContain('help_show?name=package_show')
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

      await checkCkan(server.url, publisher)

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

  it('answers 408 over a real socket to a client that stops sending its body', async () => {
    const { store, dir } = await setup()
    const publisher = (await createAdminToken(store, { org: ORG.id, role: 'publisher' })).token
    const server = await startServer({
      store,
      config: {
        baseUrl: 'http://127.0.0.1',
        organisation: ORG,
        filesDir: join(dir, 'files'),
        rateLimit: false,
        bodyTimeoutMs: 200,
      },
      port: 0,
    })
    try {
      const u = new URL(server.url)
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        // Content-Length promises 1,000 bytes; 10 come, then the client goes quiet.
        const req = request(
          {
            host: u.hostname,
            port: u.port,
            path: '/api/v1/datasets',
            method: 'POST',
            headers: {
              authorization: `Bearer ${publisher}`,
              'content-type': 'application/json',
              'content-length': '1000',
            },
          },
          (res) => {
            let body = ''
            res.setEncoding('utf8')
            res.on('data', (c) => {
              body += c
            })
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
          }
        )
        req.on('error', reject)
        req.write('{"descrip')
      })
      expect(answer.status).toBe(408)
      expect(JSON.parse(answer.body).error.code).toBe('request_timeout')
    } finally {
      await server.close()
    }
  })
})
