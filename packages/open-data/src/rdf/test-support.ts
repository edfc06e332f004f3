// Shared by the RDF tests only (not exported from the package): a realistic catalogue input and
// helpers that parse our output back with rdflib and n3 into comparable sorted N-Triples.
import { readFileSync } from 'node:fs'
import { Parser as N3Parser, Store as N3Store } from 'n3'
import * as rdflib from 'rdflib'
import type { CatalogInput, DatasetEntry } from './catalog-input.js'

/** A term shape both rdflib's and n3's terms satisfy. */
interface AnyTerm {
  termType: string
  value: string
  language?: string
  datatype?: { value: string }
}
interface AnyQuad {
  subject: AnyTerm
  predicate: AnyTerm
  object: AnyTerm
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string'
const LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'

function nt(t: AnyTerm): string {
  if (t.termType === 'NamedNode') return `<${t.value}>`
  if (t.termType === 'BlankNode') return `_:${t.value}`
  const v = JSON.stringify(t.value)
  // Language tags compare case-insensitively (RDF 1.1 allows lower-casing them).
  if (t.language) return `${v}@${t.language.toLowerCase()}`
  const dt = t.datatype?.value
  return dt && dt !== XSD_STRING && dt !== LANG_STRING ? `${v}^^<${dt}>` : v
}

/** Sorted, de-duplicated N-Triples-like lines of a graph, whichever parser produced it. */
export function canonical(quads: Iterable<AnyQuad>): string[] {
  const lines = new Set<string>()
  for (const q of quads) lines.add(`${nt(q.subject)} ${nt(q.predicate)} ${nt(q.object)} .`)
  return [...lines].sort()
}

/** Parses Turtle with n3. */
export function n3Turtle(text: string): AnyQuad[] {
  return new N3Parser({ format: 'text/turtle' }).parse(text) as unknown as AnyQuad[]
}

/** Parses Turtle with rdflib. */
export function rdflibTurtle(text: string): AnyQuad[] {
  const store = rdflib.graph()
  rdflib.parse(text, store, 'https://example.invalid/', 'text/turtle')
  return store.statements as unknown as AnyQuad[]
}

/** Parses JSON-LD with rdflib (which runs jsonld.js, offline because our context is inlined). */
export function rdflibJsonLd(doc: unknown): Promise<AnyQuad[]> {
  const store = rdflib.graph()
  return new Promise((resolve, reject) => {
    rdflib.parse(
      JSON.stringify(doc),
      store,
      'https://example.invalid/',
      'application/ld+json',
      (err) => (err ? reject(err) : resolve(store.statements as unknown as AnyQuad[]))
    )
  })
}

/** An n3 Store of any parsed quads (rdflib terms are RDF/JS compatible). */
export function toN3Store(quads: readonly AnyQuad[]): N3Store {
  return new N3Store(quads as never)
}

/** Reads a conformance or shapes file into an n3 Store. */
export function loadShapes(...urls: URL[]): N3Store {
  const store = new N3Store()
  for (const url of urls) {
    store.addQuads(new N3Parser({ baseIRI: 'urn:local:' }).parse(readFileSync(url, 'utf8')))
  }
  return store
}

/** Official DCAT-AP 3.0.1 shapes, resolved from this file (never an absolute path). */
export const DCAT_AP_SHAPES = new URL('../../conformance/dcat-ap-3.0.1/shapes.ttl', import.meta.url)
/** Official DCAT-AP 3.0.1 class-range shapes. */
export const DCAT_AP_RANGE = new URL('../../conformance/dcat-ap-3.0.1/range.ttl', import.meta.url)
/** Google's required Dataset properties (science-on-schema community shapes). */
export const GOOGLE_REQUIRED = new URL(
  '../../conformance/science-on-schema/googleRequired.ttl',
  import.meta.url
)
/** The project's own shapes. */
export const GONGKAI_SHAPES = new URL('../../shapes/gongkai.shapes.ttl', import.meta.url)

/** A dataset entry with every optional field filled in. */
function fullEntry(): DatasetEntry {
  return {
    descriptor: {
      id: 'school-enrolment',
      title: '长宁区义务教育阶段学校招生范围',
      description:
        '长宁区公办小学、初中的招生范围与对口地段，每年 4 月更新。含 "引号"、反斜杠 \\ 与换行\n第二行。',
      publisher: { id: 'cn-education', name: '长宁区教育局', url: 'https://www.shcn.gov.cn/jyj/' },
      field: 'compulsory_education',
      keywords: ['招生', '义务教育', '学区'],
      themes: [
        'http://publications.europa.eu/resource/authority/data-theme/EDUC',
        'https://example.org/themes/school zones',
      ],
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness: 'unconditional',
      updateFrequency: 'annual',
      temporal: { start: '2024-01-01', end: '2024-12-31' },
      spatial: { name: '长宁区', code: '310105' },
      contact: {
        name: '长宁区教育局办公室',
        email: 'open@example.gov.cn',
        phone: '021-2205 0000',
        url: 'https://www.shcn.gov.cn/',
      },
      issued: '2021-04-01',
      modified: '2024-04-15',
      landingPage: 'https://www.shcn.gov.cn/jyj/zsfw.html',
      language: 'zh-CN',
    },
    versions: [
      {
        version: 1,
        publishedAt: '2023-04-10T09:30:00Z',
        rowCount: 120,
        files: [
          { format: 'csv', bytes: 10240, mediaType: 'text/csv; charset=utf-8' },
          { format: 'json', bytes: 20480, mediaType: 'application/json' },
        ],
      },
      {
        version: 2,
        publishedAt: '2024-04-15T08:00:00.000+08:00',
        rowCount: 131,
        files: [
          { format: 'csv', bytes: 11264, mediaType: 'text/csv' },
          { format: 'json', bytes: 22528, mediaType: 'application/json' },
          { format: 'ndjson', bytes: 21000, mediaType: 'application/x-ndjson' },
        ],
      },
    ],
  }
}

/** A minimal dataset entry (only required descriptor fields, no versions yet). */
export function minimalEntry(
  id: string,
  openness: 'unconditional' | 'conditional' | 'closed'
): DatasetEntry {
  return {
    descriptor: {
      id,
      title: `数据集 ${id}`,
      description: '简短说明',
      publisher: { id: 'cn-gov', name: '长宁区人民政府' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness,
    },
    versions: [],
  }
}

/** A catalogue of the full entry, a conditional one and a closed one that must never appear. */
export function sampleCatalog(overrides: Partial<CatalogInput> = {}): CatalogInput {
  return {
    baseUrl: 'https://data.example.gov.cn/',
    title: '长宁区公共数据开放目录',
    description: '长宁区政务公开与公共数据开放目录',
    publisher: { id: 'cn-gov', name: '长宁区人民政府' },
    language: 'zh-CN',
    modified: '2024-04-15',
    datasets: [
      fullEntry(),
      minimalEntry('bus-stops', 'conditional'),
      minimalEntry('secret-list', 'closed'),
    ],
    ...overrides,
  }
}
