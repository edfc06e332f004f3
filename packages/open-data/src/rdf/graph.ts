import { labelOf } from '@gongkai/schema'
import type { CatalogInput, DatasetEntry, DatasetVersionEntry } from './catalog-input.js'
import { xsdDateType } from './dates.js'
import {
  agentIri,
  catalogIri,
  catalogPageIri,
  csvwMetadataUrl,
  type DistributionFormat,
  dataServiceIri,
  datasetIri,
  distributionIri,
  downloadUrl,
  fieldIri,
  normalizeBaseUrl,
  opennessIri,
  versionIri,
} from './iris.js'
import {
  ACCESS_RIGHTS_IRIS,
  EU_THEME_LABELS,
  FORMAT_IRIS,
  FREQUENCY_IRIS,
  ianaMediaTypeIri,
  LANGUAGE_IRIS,
  PREFIXES,
} from './vocab.js'

// The internal triple model. A node is a flat JSON-LD node object whose keys are CURIEs over
// PREFIXES: JSON-LD output is these objects under an inlined context, and the Turtle writer walks
// the same objects, so the two serialisations cannot drift apart.

/** An IRI value. */
export interface IriRef {
  '@id': string
}
/** A literal: language-tagged, typed (datatype as a CURIE) or, with neither, xsd:string. */
export interface Literal {
  '@value': string
  '@language'?: string
  '@type'?: string
}
/** A value in the model. */
export type RdfValue = IriRef | Literal
/** A subject with its types and predicate -> value(s); every subject has an IRI. */
export interface RdfNode {
  '@id': string
  '@type': string | string[]
  [predicate: string]: RdfValue | RdfValue[] | string | string[]
}

const PREFIX_NAMES = new Set(Object.keys(PREFIXES))
const ABSOLUTE = /^([a-zA-Z][a-zA-Z0-9+.-]*):/
// Characters Turtle's IRIREF forbids; percent-encoding them keeps both syntaxes equal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in IRIs
const IRI_UNSAFE = /[\u0000-\u0020<>"{}|^`\\]/g

/**
 * A descriptor-supplied IRI made safe to emit, or undefined when it is not absolute or its scheme
 * would read as one of our CURIE prefixes in JSON-LD.
 */
function safeIri(value: string | undefined): string | undefined {
  if (!value) return undefined
  const m = ABSOLUTE.exec(value)
  if (!m || PREFIX_NAMES.has((m[1] as string).toLowerCase())) return undefined
  return value.replace(IRI_UNSAFE, (c) =>
    [...Buffer.from(c, 'utf8')]
      .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      .join('')
  )
}

const ref = (iri: string): IriRef => ({ '@id': iri })
// Lone surrogates would be written differently by JSON and by UTF-8 Turtle; replace them.
const wellFormed = (s: string): string =>
  (s as unknown as { toWellFormed(): string }).toWellFormed()
const text = (value: string, language: string): Literal => ({
  '@value': wellFormed(value),
  '@language': language,
})
const typed = (value: string, datatype: string): Literal => ({ '@value': value, '@type': datatype })
// Catalogues repeat the same few dates thousands of times: check and build each literal once
// (sharing one literal object between nodes is fine, the model is never mutated afterwards).
const dateCache = new Map<string, Literal | null>()
const date = (value: string | undefined): Literal | undefined => {
  if (!value) return undefined
  let lit = dateCache.get(value)
  if (lit === undefined) {
    const t = xsdDateType(value)
    lit = t ? { '@value': value, '@type': t } : null
    if (dateCache.size >= 10_000) dateCache.clear()
    dateCache.set(value, lit)
  }
  return lit ?? undefined
}

// What the IRI helpers append to a version IRI for each format, computed once: distribution and
// download IRIs are then one concatenation on the version IRI (same strings as the helpers give).
const VERSION_PREFIX = versionIri('', '', 0).length
const DISTRIBUTION_SUFFIX = new Map<string, string>()
const DOWNLOAD_SUFFIX = new Map<string, string>()
const FORMAT_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(FORMAT_IRIS).map((f) => [f, f.toUpperCase()])
)
const CSVW_SUFFIX = csvwMetadataUrl('', '', 0).slice(VERSION_PREFIX)
for (const f of Object.keys(FORMAT_IRIS)) {
  DISTRIBUTION_SUFFIX.set(f, distributionIri('', '', 0, f).slice(VERSION_PREFIX))
  DOWNLOAD_SUFFIX.set(f, downloadUrl('', '', 0, f as DistributionFormat).slice(VERSION_PREFIX))
}

/** Builds the nodes of a catalogue graph or a single-dataset graph. */
class GraphBuilder {
  readonly nodes: RdfNode[] = []
  // Shared nodes and the one reference object each hands out (references are never mutated, so
  // a catalogue of 10,000 datasets allocates a few hundred of them instead of a hundred thousand).
  private readonly shared = new Map<string, { node: RdfNode; ref: IriRef }>()
  private readonly agents = new Map<string, IriRef>()
  private readonly mediaTypes = new Map<string, IriRef | null>()
  private readonly languages = new Map<string, IriRef | null>()
  // Per-code memos: openness classes, fields, licences, frequencies and formats repeat across
  // thousands of datasets; each IRI is built, checked and looked up once.
  private readonly memo = {
    openness: new Map<string, IriRef>(),
    access: new Map<string, IriRef | null>(),
    license: new Map<string, IriRef | null>(),
    frequency: new Map<string, IriRef | null>(),
    field: new Map<string, IriRef>(),
    format: new Map<string, IriRef | null>(),
  }

  private memoized<V>(map: Map<string, V>, key: string, make: () => V): V {
    let v = map.get(key)
    if (v === undefined) {
      v = make()
      map.set(key, v)
    }
    return v
  }
  readonly base: string
  readonly serviceIri: string
  readonly serviceRef: IriRef
  readonly language: string

  constructor(input: CatalogInput) {
    this.base = safeIri(normalizeBaseUrl(input.baseUrl)) ?? 'urn:gongkai:invalid-base'
    this.serviceIri = dataServiceIri(this.base)
    this.serviceRef = ref(this.serviceIri)
    this.language = input.language || 'zh-CN'
  }

  /** The reference to a shared node, if it was met already. */
  known(iri: string): IriRef | undefined {
    return this.shared.get(iri)?.ref
  }

  /** A node referenced by many subjects (licence, frequency, agent …) is emitted once. */
  private share(node: RdfNode): IriRef {
    const r = ref(node['@id'])
    this.shared.set(node['@id'], { node, ref: r })
    return r
  }

  finish(): RdfNode[] {
    for (const { node } of this.shared.values()) this.nodes.push(node)
    return this.nodes
  }

  agent(id: string, name: string, lang: string, url?: string): IriRef {
    // Keyed by id, so the IRI (and its percent-encoding) is computed once per publisher.
    const seen = this.agents.get(id)
    if (seen) return seen
    const iri = agentIri(this.base, id)
    let r = this.known(iri)
    if (!r) {
      const node: RdfNode = { '@id': iri, '@type': 'foaf:Agent', 'foaf:name': text(name, lang) }
      const home = safeIri(url)
      if (home) node['foaf:homepage'] = this.document(home)
      r = this.share(node)
    }
    this.agents.set(id, r)
    return r
  }

  document(iri: string): IriRef {
    return this.known(iri) ?? this.share({ '@id': iri, '@type': 'foaf:Document' })
  }

  typedRef(iri: string, type: string): IriRef {
    return this.known(iri) ?? this.share({ '@id': iri, '@type': type })
  }

  /** A shared skos:Concept; the label is computed only the first time the concept is met. */
  concept(iri: string, label: () => string, lang: string): IriRef {
    return (
      this.known(iri) ??
      this.share({ '@id': iri, '@type': 'skos:Concept', 'skos:prefLabel': text(label(), lang) })
    )
  }

  languageRef(tag: string): IriRef | undefined {
    let r = this.languages.get(tag)
    if (r === undefined) {
      const primary = tag.split('-')[0]?.toLowerCase() ?? ''
      const iri = LANGUAGE_IRIS[primary]
      r = iri ? this.typedRef(iri, 'dct:LinguisticSystem') : null
      this.languages.set(tag, r)
    }
    return r ?? undefined
  }

  mediaTypeRef(mediaType: string): IriRef | undefined {
    let r = this.mediaTypes.get(mediaType)
    if (r === undefined) {
      const iri = ianaMediaTypeIri(mediaType)
      r = iri ? this.typedRef(iri, 'dct:MediaType') : null
      this.mediaTypes.set(mediaType, r)
    }
    return r ?? undefined
  }

  service(title: string, served: IriRef[], publisher: IriRef): void {
    this.nodes.push({
      '@id': this.serviceIri,
      '@type': 'dcat:DataService',
      'dct:title': text(title, this.language),
      'dcat:endpointURL': this.serviceRef,
      'dcat:endpointDescription': ref(`${this.base}/openapi.json`),
      'dct:publisher': publisher,
      'dcat:servesDataset': served,
    })
  }

  /** Adds a dataset, its versions and distributions; returns the dataset's IRI ref. */
  dataset(entry: DatasetEntry): IriRef {
    const d = entry.descriptor
    const lang = d.language || this.language
    const iri = datasetIri(this.base, d.id)
    const self = ref(iri)
    const title = text(d.title, lang)
    const description = text(d.description, lang)
    const publisher = this.agent(d.publisher.id, d.publisher.name, lang, d.publisher.url)
    const openness = this.memoized(this.memo.openness, d.openness, () =>
      this.concept(
        opennessIri(d.openness),
        () => labelOf('openness-classes', d.openness) ?? d.openness,
        'zh-CN'
      )
    )
    const accessRights =
      this.memoized(this.memo.access, d.openness, () => {
        const access = ACCESS_RIGHTS_IRIS[d.openness]
        return access ? this.typedRef(access, 'dct:RightsStatement') : null
      }) ?? undefined
    const licenseRef = d.license
      ? (this.memoized(this.memo.license, d.license, () => {
          const license = safeIri(d.license)
          return license ? this.typedRef(license, 'dct:LicenseDocument') : null
        }) ?? undefined)
      : undefined

    const versions =
      entry.versions.length > 1
        ? [...entry.versions].sort((a, b) => a.version - b.version)
        : entry.versions
    const latest = versions[versions.length - 1]
    let previous: IriRef | undefined
    let latestDistributions: IriRef[] = []
    for (const v of versions) {
      const vIri = versionIri(this.base, d.id, v.version)
      // 有条件开放 files answer 403 without a grant: point at the page with the application form.
      const restricted = d.openness === 'conditional' ? ref(iri) : undefined
      const distributions = this.distributions(v, vIri, title, lang, licenseRef, restricted)
      // A version is a dcat:Resource, not a dcat:Dataset: harvesters such as ckanext-dcat make a
      // dataset of every dcat:Dataset subject in the graph, so a typed version would be imported
      // as a dataset of its own. It is tied to its dataset by dcat:isVersionOf (DCAT 3 §11).
      const node: RdfNode = {
        '@id': vIri,
        '@type': 'dcat:Resource',
        'dct:title': title,
        'dct:description': description,
        'dct:identifier': `${d.id}@${v.version}`,
        'dct:publisher': publisher,
        'dcat:version': String(v.version),
        'gk:openness': openness,
        'dcat:isVersionOf': self,
        'dcat:distribution': distributions,
      }
      const issued = date(v.publishedAt)
      if (issued) node['dct:issued'] = issued
      if (accessRights) node['dct:accessRights'] = accessRights
      if (previous) node['dcat:previousVersion'] = previous
      this.nodes.push(node)
      previous = ref(vIri)
      latestDistributions = distributions
    }

    const node: RdfNode = {
      '@id': iri,
      '@type': 'dcat:Dataset',
      'dct:title': title,
      'dct:description': description,
      'dct:identifier': d.id,
      'dct:publisher': publisher,
      'gk:openness': openness,
    }
    if (accessRights) node['dct:accessRights'] = accessRights
    if (d.keywords && d.keywords.length > 0) {
      node['dcat:keyword'] = d.keywords.map((k) => text(k, lang))
    }
    const issued = date(d.issued) ?? date(versions[0]?.publishedAt)
    if (issued) node['dct:issued'] = issued
    const modified = date(d.modified) ?? date(latest?.publishedAt)
    if (modified) node['dct:modified'] = modified
    const version = latest ? String(latest.version) : d.version
    if (version) node['dcat:version'] = version
    const frequencyCode = d.updateFrequency
    const frequency = frequencyCode
      ? this.memoized(this.memo.frequency, frequencyCode, () => {
          const f = FREQUENCY_IRIS[frequencyCode]
          return f ? this.typedRef(f, 'dct:Frequency') : null
        })
      : null
    if (frequency) node['dct:accrualPeriodicity'] = frequency
    const language = this.languageRef(lang)
    if (language) node['dct:language'] = language
    const landing = safeIri(d.landingPage)
    if (landing) node['dcat:landingPage'] = this.document(landing)
    if (d.field) {
      const field = d.field
      node['gk:field'] = this.memoized(this.memo.field, field, () =>
        this.concept(fieldIri(field), () => labelOf('fields', field) ?? field, 'zh-CN')
      )
    }
    if (d.themes && d.themes.length > 0) {
      const themes: IriRef[] = []
      for (const t of d.themes) {
        const themeIri = safeIri(t)
        if (!themeIri) continue
        const eu = EU_THEME_LABELS[themeIri]
        // An unknown scheme's label is not available offline; its last path segment is the
        // least-wrong deterministic label (skos:Concept needs one).
        const label =
          eu ??
          decodeURIComponent(
            themeIri
              .replace(/[/#]+$/, '')
              .split(/[/#]/)
              .pop() ?? ''
          )
        themes.push(this.concept(themeIri, () => label || themeIri, eu ? 'en' : lang))
      }
      if (themes.length > 0) node['dcat:theme'] = themes
    }
    if (d.contact) node['dcat:contactPoint'] = this.contact(iri, d.contact, lang)
    if (d.temporal && (d.temporal.start || d.temporal.end)) {
      const period: RdfNode = { '@id': `${iri}#temporal`, '@type': 'dct:PeriodOfTime' }
      const start = date(d.temporal.start)
      const end = date(d.temporal.end)
      if (start) period['dcat:startDate'] = start
      if (end) period['dcat:endDate'] = end
      this.nodes.push(period)
      node['dct:temporal'] = ref(period['@id'])
    }
    if (d.spatial) {
      const place: RdfNode = {
        '@id': `${iri}#spatial`,
        '@type': 'dct:Location',
        'skos:prefLabel': text(d.spatial.name, lang),
      }
      if (d.spatial.code) place['dct:identifier'] = d.spatial.code
      this.nodes.push(place)
      node['dct:spatial'] = ref(place['@id'])
    }
    if (latestDistributions.length > 0) node['dcat:distribution'] = latestDistributions
    // The DCAT 3 version chain: the current version, then dcat:previousVersion back to the first.
    // No dcat:hasVersion: DCAT-AP 3.0.1 gives it the range dcat:Dataset (ranges.ttl), which
    // versions are not typed as (above).
    if (previous) node['dcat:hasCurrentVersion'] = previous
    this.nodes.push(node)
    return self
  }

  private contact(
    datasetIriValue: string,
    c: NonNullable<DatasetEntry['descriptor']['contact']>,
    lang: string
  ): IriRef {
    const iri = `${datasetIriValue}#contact`
    const node: RdfNode = {
      '@id': iri,
      '@type': ['vcard:Kind', 'vcard:Organization'],
      'vcard:fn': text(c.name, lang),
    }
    const email = c.email ? safeIri(`mailto:${c.email}`) : undefined
    if (email) node['vcard:hasEmail'] = ref(email)
    const phone = c.phone?.replace(/[^\d+]/g, '')
    if (phone) node['vcard:hasTelephone'] = ref(`tel:${phone}`)
    const url = safeIri(c.url)
    if (url) node['vcard:hasURL'] = ref(url)
    this.nodes.push(node)
    return ref(iri)
  }

  private distributions(
    v: DatasetVersionEntry,
    vIri: string,
    title: RdfValue,
    lang: string,
    license: IriRef | undefined,
    restricted?: IriRef
  ): IriRef[] {
    const out: IriRef[] = []
    const issued = date(v.publishedAt)
    for (const f of v.files) {
      const formatRef = this.memoized(this.memo.format, f.format, () => {
        const format = FORMAT_IRIS[f.format]
        return format ? this.typedRef(format, 'dct:MediaTypeOrExtent') : null
      })
      if (!formatRef) continue
      const iri = vIri + (DISTRIBUTION_SUFFIX.get(f.format) as string)
      const file = ref(vIri + (DOWNLOAD_SUFFIX.get(f.format) as string))
      const node: RdfNode = {
        '@id': iri,
        '@type': 'dcat:Distribution',
        'dct:title': text(`${(title as Literal)['@value']} (${FORMAT_LABELS[f.format]})`, lang),
        'dcat:accessURL': restricted ?? file,
        'dct:format': formatRef,
        'dcat:accessService': this.serviceRef,
      }
      // A restricted distribution keeps the mandatory accessURL and advertises no download.
      if (!restricted) node['dcat:downloadURL'] = file
      const media = this.mediaTypeRef(f.mediaType)
      if (media) node['dcat:mediaType'] = media
      if (Number.isSafeInteger(f.bytes) && f.bytes >= 0) {
        node['dcat:byteSize'] = typed(String(f.bytes), 'xsd:nonNegativeInteger')
      }
      if (issued) node['dct:issued'] = issued
      if (license) node['dct:license'] = license
      if (f.format === 'csv') {
        const standard = vIri + CSVW_SUFFIX
        node['dct:conformsTo'] = this.typedRef(standard, 'dct:Standard')
      }
      this.nodes.push(node)
      out.push(ref(iri))
    }
    return out
  }
}

const isPublic = (entry: DatasetEntry): boolean =>
  entry.descriptor.openness !== 'closed' && typeof entry.descriptor.id === 'string'

/** The whole catalogue (or one page of it) as nodes; `closed` datasets are always left out. */
export function buildCatalogGraph(input: CatalogInput): RdfNode[] {
  const g = new GraphBuilder(input)
  const lang = g.language
  const publisher = g.agent(input.publisher.id, input.publisher.name, lang)
  const datasets: IriRef[] = []
  for (const entry of input.datasets) if (isPublic(entry)) datasets.push(g.dataset(entry))
  const iri = catalogIri(g.base)
  const catalog: RdfNode = {
    '@id': iri,
    '@type': 'dcat:Catalog',
    'dct:title': text(input.title, lang),
    'dct:description': text(input.description, lang),
    'dct:publisher': publisher,
    'foaf:homepage': g.document(`${g.base}/`),
    'dcat:dataset': datasets,
    'dcat:service': g.serviceRef,
  }
  const language = g.languageRef(lang)
  if (language) catalog['dct:language'] = language
  const modified = date(input.modified)
  if (modified) catalog['dct:modified'] = modified
  g.service(`${input.title} API`, datasets, publisher)
  if (input.page) {
    const { number, size, total, format } = input.page
    const last = Math.max(1, Math.ceil(total / Math.max(1, size)))
    // Links keep the page's format: a harvester that started on /catalog.ttl gets Turtle on every
    // page (ckanext-dcat parses each page by its Content-Type, or by its configured rdf_format).
    const page = (n: number) => ref(catalogPageIri(g.base, n, format))
    const view: RdfNode = {
      '@id': catalogPageIri(g.base, number, format),
      '@type': ['hydra:PagedCollection', 'hydra:PartialCollectionView'],
      'hydra:totalItems': typed(String(total), 'xsd:integer'),
      'hydra:itemsPerPage': typed(String(size), 'xsd:integer'),
      'hydra:first': page(1),
      'hydra:last': page(last),
    }
    if (number < last) view['hydra:next'] = page(number + 1)
    if (number > 1) view['hydra:previous'] = page(number - 1)
    catalog['hydra:view'] = ref(view['@id'])
    g.nodes.push(view)
  }
  g.nodes.push(catalog)
  return g.finish()
}

/** One dataset's graph (with its publisher, versions, distributions and the API), or undefined. */
export function buildDatasetGraph(input: CatalogInput, datasetId: string): RdfNode[] | undefined {
  const entry = input.datasets.find((e) => e.descriptor.id === datasetId)
  if (!entry || !isPublic(entry)) return undefined
  const g = new GraphBuilder(input)
  const publisher = g.agent(input.publisher.id, input.publisher.name, g.language)
  const dataset = g.dataset(entry)
  g.service(`${input.title} API`, [dataset], publisher)
  return g.finish()
}
