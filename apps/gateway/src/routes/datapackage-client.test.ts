import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { parseCsv } from '@gongkai/text'
import { describe, expect, it } from 'vitest'
import { startServer } from '../server.js'
import { call, descriptor, ORG, setup } from '../test-support.js'

// Our datapackage.json read by another implementation: the Frictionless Data project's own
// JavaScript library (npm `datapackage`, pinned), over HTTP from a running gateway. It validates
// the descriptor against its own copy of the profile, follows the resource's `path`, parses the
// CSV with its own parser and casts every value by the table schema (constraints checked).

interface ClientResource {
  name: string
  tabular: boolean
  headers: string[] | null
  read(options?: { cast?: boolean; keyed?: boolean }): Promise<unknown[]>
}
interface ClientPackage {
  valid: boolean
  errors: Error[]
  resources: ClientResource[]
}
// The library ships no type declarations; these are the calls used.
const require = createRequire(import.meta.url)
const { Package } = require('datapackage') as {
  Package: { load(descriptor: string): Promise<ClientPackage> }
}

/** A free loopback port, so the gateway's base URL (and so every `path`) is its real address. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

const SCHEMA = {
  fields: [
    { name: '编号', type: 'integer', constraints: { required: true, unique: true } },
    { name: '机构名称', type: 'string', constraints: { required: true } },
    { name: '开办日期', type: 'date' },
    { name: '床位数', type: 'integer', constraints: { minimum: 0 }, unit: '张' },
    { name: '月收费', type: 'number', unit: '元' },
    { name: '公办', type: 'boolean' },
    { name: '备注', type: 'string' },
  ],
  primaryKey: '编号',
}

// Quotes, a comma and a line break inside fields, an empty value, Chinese throughout.
const CSV = [
  '编号,机构名称,开办日期,床位数,月收费,公办,备注',
  '1,"示例区第一社会福利院, 东院",2001-03-15,120,3500.5,true,"含""医养结合""服务"',
  '2,示例区江苏路街道养老院,2010-09-01,80,2800,false,',
  '3,"示例区新泾镇敬老院\n（新址）",2019-12-31,200,4100.25,true,无',
  '',
].join('\r\n')

describe('datapackage.json read by the Frictionless JavaScript library', () => {
  it('loads the package over HTTP, validates it and reads the rows the CSV holds', async () => {
    const port = await freePort()
    const { app, store, dir, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    const published = await call(app, 'POST', '/api/v1/datasets', {
      token: publisher,
      json: {
        descriptor: descriptor({ id: 'care-homes', title: '养老机构名录', field: undefined }),
        schema: SCHEMA,
        csv: CSV,
      },
    })
    expect(published.status).toBe(201)
    const server = await startServer({
      store,
      config: {
        baseUrl: `http://127.0.0.1:${port}`,
        organisation: ORG,
        filesDir: join(dir, 'files'),
        rateLimit: false,
      },
      port,
    })
    try {
      const pkg = await Package.load(`${server.url}/datasets/care-homes/datapackage.json`)
      expect(pkg.errors).toEqual([])
      expect(pkg.valid).toBe(true)
      expect(pkg.resources).toHaveLength(1)
      const resource = pkg.resources[0] as ClientResource
      expect(resource.tabular).toBe(true)

      // As text: exactly the published CSV's records, header included.
      const [header, ...records] = parseCsv(CSV)
      const raw = (await resource.read({ cast: false })) as string[][]
      expect(resource.headers).toEqual(header)
      expect(raw).toEqual(records)

      // Cast by the schema: the library's own reading of every type, empty as null.
      const rows = (await resource.read({ keyed: true })) as Record<string, unknown>[]
      expect(rows).toHaveLength(3)
      expect(rows[0]).toEqual({
        编号: 1,
        机构名称: '示例区第一社会福利院, 东院',
        开办日期: expect.any(Date),
        床位数: 120,
        月收费: 3500.5,
        公办: true,
        备注: '含"医养结合"服务',
      })
      const [first, second, third] = rows as [
        Record<string, unknown>,
        Record<string, unknown>,
        Record<string, unknown>,
      ]
      expect((first.开办日期 as Date).getFullYear()).toBe(2001)
      expect(second).toMatchObject({ 床位数: 80, 公办: false, 备注: null })
      expect(third.机构名称).toBe('示例区新泾镇敬老院\n（新址）')
    } finally {
      await server.close()
      await store.close()
    }
  }, 60_000)
})
