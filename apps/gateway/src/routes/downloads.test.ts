import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { BASE, call, done, publishDataset, schoolSchema, setup } from '../test-support.js'

/** GET of an absolute URL on the test app (the path and query of `url`). */
async function getUrl(app: Awaited<ReturnType<typeof setup>>['app'], url: string) {
  const u = new URL(url)
  expect(u.origin).toBe(BASE)
  return call(app, 'GET', `${u.pathname}${u.search}`)
}

describe('CSVW metadata', () => {
  it('names, from every address it is served at, the CSV it describes', async () => {
    const { app, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)
    const csv = await call(app, 'GET', '/datasets/schools.csv')
    const csvBytes = Buffer.from(await csv.arrayBuffer())
    const described = /<([^>]+)>;\s*rel="describedby"/.exec(csv.headers.get('link') ?? '')?.[1]
    expect(described).toBeDefined()
    const metaUrls = [
      described as string,
      `${BASE}/datasets/schools.csv-metadata.json?version=1`,
      `${BASE}/datasets/schools/versions/1/data.csv-metadata.json`,
    ]
    for (const metaUrl of metaUrls) {
      const meta = await getUrl(app, metaUrl)
      expect(meta.status).toBe(200)
      const body = await meta.text()
      expect(Number(meta.headers.get('content-length'))).toBe(Buffer.byteLength(body))
      const doc = JSON.parse(body)
      // CSVW resolves `url` against the metadata document's own URL.
      const target = new URL(doc.url, metaUrl).href
      const r = await getUrl(app, target)
      expect(r.status).toBe(200)
      expect(Buffer.from(await r.arrayBuffer()).equals(csvBytes)).toBe(true)
      expect(doc.tableSchema.columns.map((c: { titles: unknown }) => c.titles)).toEqual([
        '编号',
        '名称',
        '区',
        '学生数',
      ])
    }
  })
})

// The official Frictionless 2.0 profile (draft-07), vendored unmodified in packages/open-data/conformance.
const PROFILE = new URL(
  '../../../../packages/open-data/conformance/frictionless-2.0/datapackage.json',
  import.meta.url
)
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addFormat('textarea', true)
const checkPackage = ajv.compile(JSON.parse(readFileSync(PROFILE, 'utf8')))

describe('Data Package', () => {
  it('/datasets/<id>/datapackage.json is a valid Frictionless v2 package whose resource is the CSV', async () => {
    const { app, token, store } = await setup()
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)
    const r = await call(app, 'GET', '/datasets/schools/datapackage.json')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/^application\/json/)
    const pkg = await r.json()
    expect(checkPackage(pkg)).toBe(true)
    expect(pkg.version).toBe('1.0.0')
    const [resource] = pkg.resources
    expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual([
      '编号',
      '名称',
      '区',
      '学生数',
    ])
    // A client follows `path` and gets exactly the bytes `bytes` announces.
    const csv = await getUrl(app, resource.path)
    expect(csv.status).toBe(200)
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect(bytes.length).toBe(resource.bytes)
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('编号,名称,区,学生数')
    await done(store)
  })

  it('pins a version, refuses a bad one, and keeps 有条件开放 packages for grantees', async () => {
    const { app, token, store } = await setup()
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)
    const v2 = await call(app, 'POST', '/api/v1/datasets/schools/versions', {
      token: publisher,
      json: { schema: schoolSchema, csv: '编号,名称,区,学生数\r\n9,新校,长宁,10\r\n' },
    })
    expect(v2.status).toBe(201)
    const one = await (
      await call(app, 'GET', '/datasets/schools/datapackage.json?version=1')
    ).json()
    expect(one.resources[0].path).toBe(`${BASE}/datasets/schools/versions/1/data.csv`)
    const cur = await (await call(app, 'GET', '/datasets/schools/datapackage.json')).json()
    expect(cur.resources[0].path).toBe(`${BASE}/datasets/schools/versions/2/data.csv`)
    expect((await call(app, 'GET', '/datasets/schools/datapackage.json?version=x')).status).toBe(
      400
    )
    expect((await call(app, 'GET', '/datasets/schools/datapackage.json?version=7')).status).toBe(
      404
    )
    expect((await call(app, 'GET', '/datasets/nothing/datapackage.json')).status).toBe(404)

    expect(
      (await publishDataset(app, publisher, { id: 'beds', openness: 'conditional' })).status
    ).toBe(201)
    expect((await call(app, 'GET', '/datasets/beds/datapackage.json')).status).toBe(403)
    const reader = await token({ role: 'conditional_reader', grants: ['beds'] })
    const granted = await call(app, 'GET', '/datasets/beds/datapackage.json', { token: reader })
    expect(granted.status).toBe(200)
    expect(granted.headers.get('cache-control')).toBe('private, no-store')
    await done(store)
  })

  it('the unversioned CSVW metadata names the canonical CSV (CONTRACTS.md, Downloads)', async () => {
    const { app, token, store } = await setup()
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)
    const meta = await (await call(app, 'GET', '/datasets/schools.csv-metadata.json')).json()
    expect(meta.url).toBe(`${BASE}/datasets/schools.csv`)
    const pinned = await (
      await call(app, 'GET', '/datasets/schools.csv-metadata.json?version=1')
    ).json()
    expect(pinned.url).toBe(`${BASE}/datasets/schools/versions/1/data.csv`)
    await done(store)
  })
})
