import { describe, expect, it } from 'vitest'
import { BASE, call, publishDataset, setup } from '../test-support.js'

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
