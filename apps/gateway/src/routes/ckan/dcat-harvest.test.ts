// ckanext-dcat's DCAT RDF harvester reading /catalog.*, replayed over a real socket. Source
// reproduced: ckan/ckanext-dcat, ckanext/dcat/harvesters/base.py (DCATHarvester._get_content_and_type)
// and ckanext/dcat/harvesters/rdf.py (DCATRDFHarvester.gather_stage), with
// ckanext/dcat/processors.py (RDFParser._datasets, datasets, next_page),
// https://github.com/ckan/ckanext-dcat:
// - each page: a HEAD first (a 405 or 400 falls back to GET), refused when Content-Length is over
//   50 MB, then a GET (python-requests sends `Accept: */*`); without a configured rdf_format the
//   parser format is the answer's Content-Type;
// - the page is parsed into a graph; `_datasets()` yields every subject of `rdf:type dcat:Dataset`
//   (catalogue member or not) and gather_stage makes one harvest object, i.e. one CKAN dataset,
//   of each (guid: the subject's URI); the next page is the hydra:next (or hydra:nextPage) of the
//   hydra:PagedCollection, until there is none; the harvester stops when a page's content repeats
//   the previous one.
// ckanext-dcat's own paged endpoints keep the request path in their Hydra links
// (ckanext/dcat/logic.py, _pagination_info: site URL + request.path + `page=n`), so a harvest
// started on /catalog.ttl reads Turtle on every page.
import { join } from 'node:path'
import { openDatastore } from '@gongkai/open-data'
import { graph, type IndexedFormula, parse, sym } from 'rdflib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { descriptor, schoolSchema } from '../../test-support.js'
import { DCAT_PAGE_SIZE } from '../dcat.js'
import { ckanServer, PUBLIC_IDS } from './ckan-fixture.js'

type Server = Awaited<ReturnType<typeof ckanServer>>

const RDF_TYPE = sym('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')
const DCAT_DATASET = sym('http://www.w3.org/ns/dcat#Dataset')
const DCAT_DATASET_LINK = sym('http://www.w3.org/ns/dcat#dataset')
const HYDRA = 'http://www.w3.org/ns/hydra/core#'
const MAX_FILE_SIZE = 1024 * 1024 * 50

function parseInto(g: IndexedFormula, text: string, base: string, type: string): Promise<void> {
  return new Promise((resolve, reject) =>
    parse(text, g, base, type, (err) => (err ? reject(err) : resolve()))
  )
}

/** One page as `_get_content_and_type` gets it: HEAD, size check, GET, Content-Type. */
async function getContentAndType(url: string) {
  let r = await fetch(url, { method: 'HEAD', headers: { accept: '*/*' } })
  if (r.status === 405 || r.status === 400) r = await fetch(url, { headers: { accept: '*/*' } })
  expect(r.status, url).toBe(200)
  const cl = r.headers.get('content-length')
  if (cl) expect(Number(cl)).toBeLessThanOrEqual(MAX_FILE_SIZE)
  const res = await fetch(url, { headers: { accept: '*/*' } })
  expect(res.status).toBe(200)
  const content = await res.text()
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? ''
  return { content, type }
}

describe('ckanext-dcat RDF harvester against /catalog.ttl and /catalog.jsonld', () => {
  let s: Server
  const extra: string[] = []
  beforeAll(async () => {
    s = await ckanServer()
    // Enough datasets for two Hydra pages, published straight into the server's store.
    const ds = await openDatastore(s.store, {
      filesDir: join(s.dir, 'files'),
      baseUrl: 'http://127.0.0.1',
    })
    for (let i = 0; i <= DCAT_PAGE_SIZE - PUBLIC_IDS.length; i++) {
      const id = `bulk-${String(i).padStart(3, '0')}`
      extra.push(id)
      const r = await ds.publish({
        descriptor: descriptor({ id, title: `批量数据 ${i}` }),
        schema: schoolSchema,
        source: { rows: [{ 编号: 1, 名称: '一', 区: '长宁', 学生数: 1 }] },
      })
      expect(r.ok).toBe(true)
    }
    // A second version of `schools`: two versions, still one dataset to harvest.
    const v2 = await ds.publish({
      descriptor: descriptor(),
      schema: schoolSchema,
      source: { rows: [{ 编号: 9, 名称: '新校', 区: '长宁', 学生数: 9 }] },
    })
    expect(v2).toMatchObject({ ok: true, version: 2 })
  }, 120_000)
  afterAll(async () => {
    await s.server.close()
    await s.store.close()
  })

  for (const [start, mediaType] of [
    ['/catalog.ttl', 'text/turtle'],
    ['/catalog.jsonld', 'application/ld+json'],
  ] as const) {
    it(`gathers every public dataset once from ${start}, following hydra:next in the same format`, async () => {
      // guids in the order gather_stage creates harvest objects: one per dcat:Dataset subject.
      const guids: string[] = []
      const visited: string[] = []
      let next: string | undefined = `${s.url}${start}`
      let last: string | undefined
      let pages = 0
      while (next) {
        const { content, type } = await getContentAndType(next)
        // Every page answers in the format of the first one.
        expect(type, next).toBe(mediaType)
        if (content === last) break
        last = content
        pages++
        visited.push(new URL(next).pathname)
        const g = graph()
        await parseInto(g, content, next, type)
        const subjects = g
          .statementsMatching(undefined, RDF_TYPE, DCAT_DATASET)
          .map((st) => st.subject.value)
        // Each one is a dataset of the catalogue, not a version of one.
        const members = g
          .statementsMatching(undefined, DCAT_DATASET_LINK)
          .map((st) => st.object.value)
        expect(subjects.sort()).toEqual(members.sort())
        guids.push(...subjects)
        if (pages === 1) expect(content).toContain('hydra')
        const link = [
          ...g.statementsMatching(undefined, sym(`${HYDRA}next`)),
          ...g.statementsMatching(undefined, sym(`${HYDRA}nextPage`)),
        ][0]?.object
        // The IRI is the site's base URL (no port); the harvester would fetch it there.
        next = link
          ? `${s.url}${new URL(link.value).pathname}${new URL(link.value).search}`
          : undefined
        expect(pages).toBeLessThan(10)
      }
      expect(pages).toBe(2)
      expect(visited).toEqual([start, start])
      const ids = guids.map((iri) => new URL(iri).pathname.replace(/^\/datasets\//, ''))
      // One record per dataset: `schools` has two versions and is still harvested once.
      expect(ids.sort()).toEqual([...PUBLIC_IDS, ...extra].sort())
      expect(ids).not.toContain('hidden')
    }, 60_000)
  }
})
