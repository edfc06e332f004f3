import { describe, expect, it } from 'vitest'
import { BASE, call, ORG, publishDataset, setup } from '../test-support.js'
import { describeIri, negotiateRdf } from './linked-data.js'

type Node = { '@id': string; '@type'?: string | string[]; [k: string]: unknown }

const JSONLD = { accept: 'application/ld+json' }
const TURTLE = { accept: 'text/turtle' }
const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' }

/** Every IRI below BASE that a JSON-LD graph mentions (as subject or object). */
function ownIris(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) ownIris(v, out)
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '@id' && typeof v === 'string' && v.startsWith(`${BASE}/`)) out.add(v)
      else ownIris(v, out)
    }
  return out
}

async function withData() {
  const s = await setup()
  const publisher = await s.token({ role: 'publisher' })
  expect((await publishDataset(s.app, publisher)).status).toBe(201)
  return s
}

describe('dereferenceable DCAT IRIs', () => {
  it('/catalog negotiates Turtle, JSON-LD and a 303 to the portal', async () => {
    const { app } = await withData()
    const ttl = await call(app, 'GET', '/catalog', { headers: TURTLE })
    expect(ttl.status).toBe(200)
    expect(ttl.headers.get('content-type')).toContain('text/turtle')
    expect(await ttl.text()).toContain(`<${BASE}/catalog>`)
    for (const accept of ['application/ld+json', 'application/json', '*/*']) {
      const j = await call(app, 'GET', '/catalog', { headers: { accept } })
      expect(j.status).toBe(200)
      expect(j.headers.get('content-type')).toContain('application/ld+json')
      const graph: Node[] = (await j.json())['@graph']
      const catalog = graph.find((n) => n['@id'] === `${BASE}/catalog`)
      expect(catalog?.['@type']).toBe('dcat:Catalog')
    }
    const html = await call(app, 'GET', '/catalog', { headers: HTML })
    expect(html.status).toBe(303)
    expect(html.headers.get('location')).toBe(`${BASE}/datasets`)
    expect(html.headers.get('vary')).toContain('Accept')
    expect((await call(app, 'GET', '/catalog?page=1', { headers: JSONLD })).status).toBe(200)
    expect((await call(app, 'GET', '/catalog?page=x', { headers: JSONLD })).status).toBe(400)
  })

  it('every IRI of ours in the catalogue answers (no 404), files and resources alike', async () => {
    const { app } = await withData()
    const doc = await (await call(app, 'GET', '/catalog.jsonld')).json()
    const iris = [...ownIris(doc)]
    // The catalogue, dataset, version, distribution, agent, API and file IRIs are all there.
    for (const part of ['/catalog', '/versions/1', '/distributions/', '/organisations/', '/api/v1'])
      expect(iris.some((i) => i.includes(part))).toBe(true)
    for (const iri of iris) {
      const u = new URL(iri)
      const r = await call(app, 'GET', `${u.pathname}${u.search}`, { headers: JSONLD })
      expect({ iri, status: r.status }).toEqual({ iri, status: 200 })
    }
  })

  it('a version IRI describes that version in JSON-LD or Turtle, 303 for browsers, 404 when absent', async () => {
    const { app } = await withData()
    const iri = `${BASE}/datasets/schools/versions/1`
    const j = await call(app, 'GET', '/datasets/schools/versions/1', { headers: JSONLD })
    expect(j.status).toBe(200)
    const graph: Node[] = (await j.json())['@graph']
    const version = graph.find((n) => n['@id'] === iri)
    expect(version?.['dcat:version']).toBe('1')
    // Its distributions come along; the dataset and the API are only referenced.
    expect(graph.some((n) => n['@id'].startsWith(`${iri}/distributions/`))).toBe(true)
    expect(graph.some((n) => n['@id'] === `${BASE}/datasets/schools`)).toBe(false)
    const t = await call(app, 'GET', '/datasets/schools/versions/1', { headers: TURTLE })
    expect(t.headers.get('content-type')).toContain('text/turtle')
    expect(await t.text()).toContain(`<${iri}>`)
    const h = await call(app, 'GET', '/datasets/schools/versions/1', { headers: HTML })
    expect(h.status).toBe(303)
    expect(h.headers.get('location')).toBe(`${BASE}/datasets/schools`)
    expect((await call(app, 'GET', '/datasets/schools/versions/9')).status).toBe(404)
    expect((await call(app, 'GET', '/datasets/nope/versions/1')).status).toBe(404)
    expect((await call(app, 'GET', '/datasets/schools/versions/x')).status).toBe(400)
    const d = await call(app, 'GET', '/datasets/schools/versions/1/distributions/csv', {
      headers: JSONLD,
    })
    const dist: Node[] = (await d.json())['@graph']
    expect(dist[0]?.['@type']).toBe('dcat:Distribution')
    expect((await call(app, 'GET', '/datasets/schools/versions/1/distributions/xlsx')).status).toBe(
      404
    )
  })

  it('an organisation IRI describes the agent, or 303 to its datasets for browsers', async () => {
    const { app } = await withData()
    const iri = `${BASE}/organisations/${ORG.id}`
    const j = await call(app, 'GET', `/organisations/${ORG.id}`, { headers: JSONLD })
    expect(j.status).toBe(200)
    const graph: Node[] = (await j.json())['@graph']
    expect(graph[0]).toMatchObject({ '@id': iri, '@type': 'foaf:Agent' })
    const t = await call(app, 'GET', `/organisations/${ORG.id}`, { headers: TURTLE })
    expect(await t.text()).toContain(`<${iri}>`)
    const h = await call(app, 'GET', `/organisations/${ORG.id}`, { headers: HTML })
    expect(h.status).toBe(303)
    expect(h.headers.get('location')).toBe(`${BASE}/datasets?publisher=${ORG.id}`)
    expect((await call(app, 'GET', '/organisations/nobody')).status).toBe(404)
  })

  it('negotiates by q-value and stops descriptions at other datasets', () => {
    expect(negotiateRdf(undefined)).toBe('jsonld')
    expect(negotiateRdf('text/turtle;q=0.5, application/ld+json;q=0.9')).toBe('jsonld')
    expect(negotiateRdf('application/ld+json;q=0.1, text/turtle')).toBe('turtle')
    expect(negotiateRdf('text/html')).toBe('html')
    const graph: Node[] = [
      { '@id': 'a', '@type': 'dcat:Dataset', x: { '@id': 'b' }, y: [{ '@id': 'c' }] },
      { '@id': 'b', '@type': 'dcat:Dataset', z: { '@id': 'd' } },
      { '@id': 'c', '@type': 'foaf:Agent' },
      { '@id': 'a#t', '@type': 'dct:PeriodOfTime' },
      { '@id': 'd', '@type': 'foaf:Document' },
    ]
    expect(describeIri(graph, 'a')?.map((n) => n['@id'])).toEqual(['a', 'a#t', 'c'])
    expect(describeIri(graph, 'zz')).toBeUndefined()
  })
})
