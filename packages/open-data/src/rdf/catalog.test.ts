import { describe, expect, it } from 'vitest'
import { buildCatalogGraph } from './graph.js'
import { datasetIri, distributionIri, versionIri } from './iris.js'
import { catalogToJsonLd, datasetToJsonLd } from './jsonld.js'
import {
  canonical,
  minimalEntry,
  n3Turtle,
  rdflibJsonLd,
  rdflibTurtle,
  sampleCatalog,
} from './test-support.js'
import { catalogToTurtle, datasetToTurtle } from './turtle.js'

const DCAT = 'http://www.w3.org/ns/dcat#'
const DCT = 'http://purl.org/dc/terms/'
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const XSD = 'http://www.w3.org/2001/XMLSchema#'
const BASE = 'https://data.example.gov.cn'

async function parseAll(input = sampleCatalog()) {
  const jsonld = catalogToJsonLd(input)
  const turtle = catalogToTurtle(input)
  return {
    jsonld,
    turtle,
    fromJsonLd: canonical(await rdflibJsonLd(jsonld)),
    fromTurtleRdflib: canonical(rdflibTurtle(turtle)),
    fromTurtleN3: canonical(n3Turtle(turtle)),
  }
}

describe('DCAT-AP catalogue serialisations', () => {
  it('JSON-LD and Turtle parse (rdflib and n3) to the same graph', async () => {
    const r = await parseAll()
    expect(r.fromJsonLd.length).toBeGreaterThan(80)
    expect(r.fromTurtleRdflib).toEqual(r.fromJsonLd)
    expect(r.fromTurtleN3).toEqual(r.fromJsonLd)
  })

  it('the graph has exactly the triples of the internal model', async () => {
    const nodes = buildCatalogGraph(sampleCatalog())
    let expected = 0
    for (const node of nodes) {
      for (const [k, v] of Object.entries(node)) {
        if (k === '@id') continue
        expected += Array.isArray(v) ? new Set(v.map((x) => JSON.stringify(x))).size : 1
      }
    }
    const { fromTurtleN3 } = await parseAll()
    expect(fromTurtleN3.length).toBe(expected)
  })

  it('uses IRIs for every node (no blank nodes) and inlines the context', async () => {
    const r = await parseAll()
    expect(r.fromTurtleN3.some((l) => l.includes('_:'))).toBe(false)
    expect(typeof r.jsonld['@context']).toBe('object')
    expect(JSON.stringify(r.jsonld['@context'])).not.toContain('"http://schema.org')
  })

  it('never lists closed datasets, and keeps conditional ones with restricted access', async () => {
    const { fromTurtleN3 } = await parseAll()
    const all = fromTurtleN3.join('\n')
    expect(all).not.toContain('secret-list')
    expect(all).toContain(`<${BASE}/catalog> <${DCAT}dataset> <${datasetIri(BASE, 'bus-stops')}>`)
    expect(all).toContain(
      `<${datasetIri(BASE, 'bus-stops')}> <${DCT}accessRights> <http://publications.europa.eu/resource/authority/access-right/RESTRICTED>`
    )
    expect(datasetToJsonLd(sampleCatalog(), 'secret-list')).toBeUndefined()
    expect(datasetToTurtle(sampleCatalog(), 'secret-list')).toBeUndefined()
    expect(datasetToTurtle(sampleCatalog(), 'no-such-id')).toBeUndefined()
  })

  it('links versions (DCAT 3 version chain) and keeps earlier versions downloadable', async () => {
    const { fromTurtleN3 } = await parseAll()
    const has = (s: string, p: string, o: string) => fromTurtleN3.includes(`<${s}> <${p}> <${o}> .`)
    const ds = datasetIri(BASE, 'school-enrolment')
    const v1 = versionIri(BASE, 'school-enrolment', 1)
    const v2 = versionIri(BASE, 'school-enrolment', 2)
    expect(has(ds, `${DCAT}hasCurrentVersion`, v2)).toBe(true)
    expect(has(v2, `${DCAT}previousVersion`, v1)).toBe(true)
    expect(has(v1, `${DCAT}isVersionOf`, ds)).toBe(true)
    expect(has(v2, `${DCAT}isVersionOf`, ds)).toBe(true)
    expect(fromTurtleN3).toContain(`<${ds}> <${DCAT}version> "2" .`)
    expect(fromTurtleN3).toContain(`<${v1}> <${DCAT}version> "1" .`)
    // A version is a dcat:Resource, not a second dcat:Dataset (see the harvester test below).
    expect(has(v1, RDF_TYPE, `${DCAT}Resource`)).toBe(true)
    expect(has(v1, RDF_TYPE, `${DCAT}Dataset`)).toBe(false)
    const oldCsv = distributionIri(BASE, 'school-enrolment', 1, 'csv')
    expect(has(v1, `${DCAT}distribution`, oldCsv)).toBe(true)
    expect(has(oldCsv, `${DCAT}downloadURL`, `${v1}/data.csv`)).toBe(true)
    // The dataset itself offers the current version's files only.
    expect(has(ds, `${DCAT}distribution`, oldCsv)).toBe(false)
    expect(
      has(ds, `${DCAT}distribution`, distributionIri(BASE, 'school-enrolment', 2, 'ndjson'))
    ).toBe(true)
  })

  it('has one dcat:Dataset subject per dataset, each a member of the catalogue', async () => {
    // ckanext-dcat's RDFParser._datasets() (ckanext/dcat/processors.py) yields every subject of
    // `rdf:type dcat:Dataset` in the graph, catalogue member or not, and the RDF harvester makes
    // one CKAN dataset of each: versions typed dcat:Dataset would be imported as datasets.
    const input = sampleCatalog()
    const typed = (lines: string[]) =>
      lines
        .filter((l) => l.endsWith(`<${RDF_TYPE}> <${DCAT}Dataset> .`))
        .map((l) => l.slice(1, l.indexOf('>')))
        .sort()
    const { fromTurtleN3 } = await parseAll(input)
    const members = fromTurtleN3
      .filter((l) => l.startsWith(`<${BASE}/catalog> <${DCAT}dataset> `))
      .map((l) => l.slice(l.lastIndexOf('<') + 1, l.lastIndexOf('>')))
      .sort()
    expect(members).toEqual([datasetIri(BASE, 'bus-stops'), datasetIri(BASE, 'school-enrolment')])
    expect(typed(fromTurtleN3)).toEqual(members)
    // The single-dataset graph too: one record, whatever the number of versions.
    const one = canonical(n3Turtle(datasetToTurtle(input, 'school-enrolment') as string))
    expect(typed(one)).toEqual([datasetIri(BASE, 'school-enrolment')])
  })

  it('types dates and byte sizes, and every date is a real calendar date', async () => {
    const { fromTurtleN3 } = await parseAll()
    const dated = fromTurtleN3.filter(
      (l) => l.includes(`<${DCT}issued>`) || l.includes(`<${DCT}modified>`)
    )
    expect(dated.length).toBeGreaterThan(5)
    for (const line of dated) {
      const m = /"([^"]+)"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#(date|dateTime)>/.exec(line)
      expect(m, line).not.toBeNull()
      const value = m?.[1] as string
      const parsed = new Date(m?.[2] === 'date' ? `${value}T00:00:00Z` : value)
      expect(Number.isNaN(parsed.getTime()), line).toBe(false)
      if (m?.[2] === 'date') expect(parsed.toISOString().slice(0, 10)).toBe(value)
    }
    expect(fromTurtleN3.some((l) => l.includes(`"11264"^^<${XSD}nonNegativeInteger>`))).toBe(true)
  })

  it('drops impossible dates instead of emitting them', async () => {
    const input = sampleCatalog()
    const entry = input.datasets[0]
    if (!entry) throw new Error('fixture')
    entry.descriptor.issued = '2023-02-30'
    entry.descriptor.modified = 'last tuesday'
    const { fromTurtleN3 } = await parseAll(input)
    expect(fromTurtleN3.join('\n')).not.toContain('2023-02-30')
    expect(fromTurtleN3.join('\n')).not.toContain('last tuesday')
  })

  it('writes language-tagged Chinese literals, escaped quotes and newlines intact', async () => {
    const { fromTurtleN3 } = await parseAll()
    const ds = datasetIri(BASE, 'school-enrolment')
    const desc = fromTurtleN3.find((l) => l.startsWith(`<${ds}> <${DCT}description>`))
    expect(desc).toContain('@zh-cn')
    expect(desc).toContain(JSON.stringify('含 "引号"、反斜杠 \\ 与换行\n第二行。').slice(1, -1))
  })

  it('adds a Hydra paged view with first/last/next/previous when paged', async () => {
    const input = sampleCatalog({ page: { number: 2, size: 2, total: 5 } })
    const { fromTurtleN3, fromJsonLd } = await parseAll(input)
    expect(fromTurtleN3).toEqual(fromJsonLd)
    const view = `${BASE}/catalog?page=2`
    const hydra = 'http://www.w3.org/ns/hydra/core#'
    expect(fromTurtleN3).toContain(`<${BASE}/catalog> <${hydra}view> <${view}> .`)
    expect(fromTurtleN3).toContain(`<${view}> <${hydra}next> <${BASE}/catalog?page=3> .`)
    expect(fromTurtleN3).toContain(`<${view}> <${hydra}previous> <${BASE}/catalog?page=1> .`)
    expect(fromTurtleN3).toContain(`<${view}> <${hydra}last> <${BASE}/catalog?page=3> .`)
    expect(fromTurtleN3).toContain(`<${view}> <${hydra}totalItems> "5"^^<${XSD}integer> .`)
  })

  it('keeps the format of the page in its Hydra links (/catalog.ttl?page=n stays Turtle)', async () => {
    const hydra = 'http://www.w3.org/ns/hydra/core#'
    for (const format of ['ttl', 'jsonld'] as const) {
      const input = sampleCatalog({ page: { number: 2, size: 2, total: 5, format } })
      const { fromTurtleN3, fromJsonLd } = await parseAll(input)
      expect(fromTurtleN3).toEqual(fromJsonLd)
      const page = (n: number) => `${BASE}/catalog.${format}?page=${n}`
      expect(fromTurtleN3).toContain(`<${BASE}/catalog> <${hydra}view> <${page(2)}> .`)
      expect(fromTurtleN3).toContain(`<${page(2)}> <${hydra}next> <${page(3)}> .`)
      expect(fromTurtleN3).toContain(`<${page(2)}> <${hydra}previous> <${page(1)}> .`)
      expect(fromTurtleN3).toContain(`<${page(2)}> <${hydra}first> <${page(1)}> .`)
      expect(fromTurtleN3).toContain(`<${page(2)}> <${hydra}last> <${page(3)}> .`)
      // The catalogue keeps its one IRI, whatever the file it is read from.
      expect(fromTurtleN3.some((l) => l.startsWith(`<${BASE}/catalog> <${DCAT}dataset>`))).toBe(
        true
      )
    }
  })

  it('a single-dataset graph is the same in JSON-LD and Turtle', async () => {
    const input = sampleCatalog()
    const doc = datasetToJsonLd(input, 'school-enrolment')
    const ttl = datasetToTurtle(input, 'school-enrolment')
    expect(doc && ttl).toBeTruthy()
    expect(canonical(n3Turtle(ttl as string))).toEqual(canonical(await rdflibJsonLd(doc)))
  })

  it('is deterministic and percent-encodes unsafe characters in IRIs', async () => {
    const input = sampleCatalog({ datasets: [minimalEntry('a', 'unconditional')] })
    const entry = input.datasets[0]
    if (!entry) throw new Error('fixture')
    entry.descriptor.license = 'https://example.org/licence with space<1>'
    entry.versions = [
      {
        version: 1,
        publishedAt: '2024-01-01T00:00:00Z',
        rowCount: 1,
        files: [{ format: 'csv', bytes: 1, mediaType: 'text/csv' }],
      },
    ]
    expect(catalogToTurtle(input)).toBe(catalogToTurtle(input))
    const { fromTurtleN3, fromJsonLd } = await parseAll(input)
    expect(fromTurtleN3).toEqual(fromJsonLd)
    expect(fromTurtleN3.join('\n')).toContain('<https://example.org/licence%20with%20space%3C1%3E>')
  })
})
