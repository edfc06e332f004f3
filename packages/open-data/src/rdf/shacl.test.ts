import { Store } from 'n3'
import SHACLValidator from 'rdf-validate-shacl'
import { describe, expect, it } from 'vitest'
import { catalogToJsonLd, datasetToJsonLd } from './jsonld.js'
import { schemaOrgDataset } from './schema-org.js'
import {
  DCAT_AP_RANGE,
  DCAT_AP_SHAPES,
  GONGKAI_SHAPES,
  GOOGLE_REQUIRED,
  loadShapes,
  minimalEntry,
  n3Turtle,
  rdflibJsonLd,
  sampleCatalog,
  toN3Store,
} from './test-support.js'
import { catalogToTurtle, datasetToTurtle } from './turtle.js'

const SH = 'http://www.w3.org/ns/shacl#'
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const DCAT = 'http://www.w3.org/ns/dcat#'

const officialShapes = loadShapes(DCAT_AP_SHAPES, DCAT_AP_RANGE)
const ownShapes = loadShapes(GONGKAI_SHAPES)

interface Finding {
  focus: string
  path: string
  component: string
  value: string
  message: string
}

async function violations(shapes: Store, data: Store): Promise<Finding[]> {
  // owl:imports would make the validator go to the network; resolve them to nothing.
  const validator = new SHACLValidator(
    shapes as never,
    {
      importGraph: async () => new Store(),
    } as never
  )
  const report = await validator.validate(data as never)
  return report.results
    .filter((r) => r.severity?.value === `${SH}Violation`)
    .map((r) => ({
      focus: r.focusNode?.value ?? '',
      path: r.path?.value ?? '',
      component: r.sourceConstraintComponent?.value.replace(SH, 'sh:') ?? '',
      value: r.value?.value ?? '',
      message: r.message.map((m) => m.value).join(' '),
    }))
}

const countOfType = (store: Store, type: string): number =>
  store.getQuads(null, RDF_TYPE, type, null).length

describe('SHACL conformance', () => {
  it('the catalogue Turtle has zero DCAT-AP 3.0.1 Violations (shapes.ttl + range.ttl)', async () => {
    const data = new Store(n3Turtle(catalogToTurtle(sampleCatalog())) as never)
    // Guard against vacuous success: the shapes must have targets to fire on.
    // Two public datasets; the two versions of one of them are dcat:Resource, not datasets.
    expect(countOfType(data, `${DCAT}Dataset`)).toBe(2)
    expect(countOfType(data, `${DCAT}Resource`)).toBe(2)
    expect(countOfType(data, `${DCAT}Distribution`)).toBe(5)
    expect(countOfType(data, `${DCAT}Catalog`)).toBe(1)
    expect(countOfType(data, `${DCAT}DataService`)).toBe(1)
    const found = await violations(officialShapes, data)
    if (found.length > 0) console.table(found)
    expect(found).toEqual([])
  })

  it('the catalogue JSON-LD (paged) has zero DCAT-AP and zero gongkai Violations', async () => {
    const doc = catalogToJsonLd(sampleCatalog({ page: { number: 1, size: 3, total: 7 } }))
    const data = toN3Store(await rdflibJsonLd(doc))
    expect(countOfType(data, `${DCAT}Dataset`)).toBe(2)
    const found = [
      ...(await violations(officialShapes, data)),
      ...(await violations(ownShapes, data)),
    ]
    if (found.length > 0) console.table(found)
    expect(found).toEqual([])
  })

  it('a single-dataset graph conforms to both shape sets', async () => {
    const input = sampleCatalog()
    const ttl = datasetToTurtle(input, 'school-enrolment') as string
    const fromTtl = new Store(n3Turtle(ttl) as never)
    const fromJsonLd = toN3Store(await rdflibJsonLd(datasetToJsonLd(input, 'school-enrolment')))
    for (const data of [fromTtl, fromJsonLd]) {
      const found = [
        ...(await violations(officialShapes, data)),
        ...(await violations(ownShapes, data)),
      ]
      if (found.length > 0) console.table(found)
      expect(found).toEqual([])
    }
  })

  it('the official shapes do fire: an untyped licence and a missing title are Violations', async () => {
    const data = new Store(n3Turtle(catalogToTurtle(sampleCatalog())) as never)
    const licence = 'https://creativecommons.org/licenses/by/4.0/'
    data.removeQuads(data.getQuads(licence, RDF_TYPE, null, null))
    const ds = 'https://data.example.gov.cn/datasets/bus-stops'
    data.removeQuads(data.getQuads(ds, 'http://purl.org/dc/terms/title', null, null))
    const found = await violations(officialShapes, data)
    expect(
      found.some((f) => f.component === 'sh:ClassConstraintComponent' && f.value === licence)
    ).toBe(true)
    expect(
      found.some((f) => f.focus === ds && f.component === 'sh:MinCountConstraintComponent')
    ).toBe(true)
  })

  it('our shapes reject a dataset without openness, a closed one in a catalogue and a bad date', async () => {
    const ttl = catalogToTurtle(
      sampleCatalog({ datasets: [minimalEntry('plain', 'unconditional')] })
    )
    const gk = 'https://gongkai.dev/ns#'
    const ds = 'https://data.example.gov.cn/datasets/plain'
    const data = new Store(n3Turtle(ttl) as never)
    expect(await violations(ownShapes, data)).toEqual([])

    const noOpenness = new Store(n3Turtle(ttl) as never)
    noOpenness.removeQuads(noOpenness.getQuads(ds, `${gk}openness`, null, null))
    const a = await violations(ownShapes, noOpenness)
    expect(a.map((f) => [f.focus, f.path, f.component])).toEqual([
      [ds, `${gk}openness`, 'sh:MinCountConstraintComponent'],
    ])

    // A catalogue that somehow lists a closed dataset (built by hand: our exporter never does).
    const closed = new Store(
      n3Turtle(
        `${ttl}\n<${ds}> <${gk}openness> <https://gongkai.dev/ns/openness/closed> .\n` +
          `<${ds}> <http://purl.org/dc/terms/modified> "yesterday" .`
      ) as never
    )
    closed.removeQuads(
      closed.getQuads(ds, `${gk}openness`, 'https://gongkai.dev/ns/openness/unconditional', null)
    )
    const b = await violations(ownShapes, closed)
    expect(b.map((f) => f.component).sort()).toEqual([
      'sh:NodeConstraintComponent',
      'sh:NotConstraintComponent',
    ])
  })

  it('schema.org Dataset JSON-LD passes googleRequired.ttl, even with a short description', async () => {
    const input = sampleCatalog()
    const bus = input.datasets[1]
    if (!bus) throw new Error('fixture')
    bus.versions = [
      {
        version: 3,
        publishedAt: '2024-05-01T00:00:00Z',
        rowCount: 42,
        files: [{ format: 'csv', bytes: 99, mediaType: 'text/csv' }],
      },
    ]
    const shapes = loadShapes(GOOGLE_REQUIRED)
    for (const id of ['school-enrolment', 'bus-stops']) {
      const doc = schemaOrgDataset(input, id)
      const data = toN3Store(await rdflibJsonLd(doc))
      expect(countOfType(data, 'http://schema.org/Dataset')).toBe(1)
      const found = await violations(shapes, data)
      if (found.length > 0) console.table(found)
      expect(found).toEqual([])
    }
    expect(schemaOrgDataset(input, 'secret-list')).toBeUndefined()
  })
})
