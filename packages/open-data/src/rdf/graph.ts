import { labelOf } from '@gongkai/schema'
import type { CatalogInput, DatasetEntry, DatasetVersionEntry } from './catalog-input'
import { xsdDateType } from './dates'
import {
  agentIri,
  catalogIri,
  catalogPageIri,
  csvwMetadataUrl,
  dataServiceIri,
  datasetIri,
  distributionIri,
  downloadUrl,
  fieldIri,
  normalizeBaseUrl,
  opennessIri,
  versionIri,
} from './iris'
import {
  ACCESS_RIGHTS_IRIS,
  EU_THEME_LABELS,
  FORMAT_IRIS,
  FREQUENCY_IRIS,
  ianaMediaTypeIri,
  LANGUAGE_IRIS,
  PREFIXES,
} from './vocab'

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
export function safeIri(value: string | undefined): string | undefined {
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
const date = (value: string | undefined): Literal | undefined => {
  if (!value) return undefined
  const t = xsdDateType(value)
  return t ? { '@value': value, '@type': t } : undefined
}

/** Builds the nodes of a catalogue graph or a single-dataset graph. */
class GraphBuilder {
  readonly nodes: RdfNode[] = []
  private readonly shared = new Map<string, RdfNode>()
  readonly base: string
  readonly serviceIri: string
  readonly language: string

  constructor(input: CatalogInput) {
    this.base = safeIri(normalizeBaseUrl(input.baseUrl)) ?? 'urn:gongkai:invalid-base'
    this.serviceIri = dataServiceIri(this.base)
    this.language = input.language || 'zh-CN'
  }

  /** A node referenced by many subjects (licence, frequency, agent …) is emitted once. */
  share(iri: string, make: () => RdfNode): IriRef {
    if (!this.shared.has(iri)) this.shared.set(iri, make())
    return ref(iri)
  }

  finish(): RdfNode[] {
    for (const node of this.shared.values()) this.nodes.push(node)
    return this.nodes
  }

  agent(id: string, name: string, lang: string, url?: string): IriRef {
    const iri = agentIri(this.base, id)
    return this.share(iri, () => {
      const node: RdfNode = { '@id': iri, '@type': 'foaf:Agent', 'foaf:name': text(name, lang) }
      const home = safeIri(url)
      if (home) node['foaf:homepage'] = this.document(home)
      return node
    })
  }

  document(iri: string): IriRef {
    return this.share(iri, () => ({ '@id': iri, '@type': 'foaf:Document' }))
  }

  typedRef(iri: string, type: string): IriRef {
    return this.share(iri, () => ({ '@id': iri, '@type': type }))
  }

  /** A shared skos:Concept; the label is computed only the first time the concept is met. */
  concept(iri: string, label: () => string, lang: string): IriRef {
    const known = this.shared.get(iri)
    if (known) return ref(iri)
    return this.share(iri, () => ({
      '@id': iri,
      '@type': 'skos:Concept',
      'skos:prefLabel': text(label(), lang),
    }))
  }

  languageRef(tag: string): IriRef | undefined {
    const primary = tag.split('-')[0]?.toLowerCase() ?? ''
    const iri = LANGUAGE_IRIS[primary]
    return iri ? this.typedRef(iri, 'dct:LinguisticSystem') : undefined
  }

  service(title: string, served: IriRef[], publisher: IriRef): void {
    this.nodes.push({
      '@id': this.serviceIri,
      '@type': 'dcat:DataService',
      'dct:title': text(title, this.language),
      'dcat:endpointURL': ref(this.serviceIri),
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
    const title = text(d.title, lang)
    const description = text(d.description, lang)
    const publisher = this.agent(d.publisher.id, d.publisher.name, lang, d.publisher.url)
    const openness = this.concept(
      opennessIri(d.openness),
      () => labelOf('openness-classes', d.openness) ?? d.openness,
      'zh-CN'
    )
    const access = ACCESS_RIGHTS_IRIS[d.openness]
    const accessRights = access ? this.typedRef(access, 'dct:RightsStatement') : undefined
    const license = safeIri(d.license)
    const licenseRef = license ? this.typedRef(license, 'dct:LicenseDocument') : undefined

    const versions = [...entry.versions].sort((a, b) => a.version - b.version)
    const latest = versions[versions.length - 1]
    const versionRefs: IriRef[] = []
    let previous: IriRef | undefined
    let latestDistributions: IriRef[] = []
    for (const v of versions) {
      const vIri = versionIri(this.base, d.id, v.version)
      const distributions = this.distributions(entry, v, title, lang, licenseRef)
      const node: RdfNode = {
        '@id': vIri,
        '@type': 'dcat:Dataset',
        'dct:title': title,
        'dct:description': description,
        'dct:identifier': `${d.id}@${v.version}`,
        'dct:publisher': publisher,
        'dcat:version': String(v.version),
        'gk:openness': openness,
        'dcat:isVersionOf': ref(iri),
        'dcat:distribution': distributions,
      }
      const issued = date(v.publishedAt)
      if (issued) node['dct:issued'] = issued
      if (accessRights) node['dct:accessRights'] = accessRights
      if (previous) node['dcat:previousVersion'] = previous
      this.nodes.push(node)
      previous = ref(vIri)
      versionRefs.push(previous)
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
    const frequency = d.updateFrequency ? FREQUENCY_IRIS[d.updateFrequency] : undefined
    if (frequency) node['dct:accrualPeriodicity'] = this.typedRef(frequency, 'dct:Frequency')
    const language = this.languageRef(lang)
    if (language) node['dct:language'] = language
    const landing = safeIri(d.landingPage)
    if (landing) node['dcat:landingPage'] = this.document(landing)
    if (d.field) {
      const field = d.field
      node['gk:field'] = this.concept(
        fieldIri(field),
        () => labelOf('fields', field) ?? field,
        'zh-CN'
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
    if (versionRefs.length > 0) {
      node['dcat:hasVersion'] = versionRefs
      node['dcat:hasCurrentVersion'] = versionRefs[versionRefs.length - 1] as IriRef
    }
    this.nodes.push(node)
    return ref(iri)
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
    entry: DatasetEntry,
    v: DatasetVersionEntry,
    title: RdfValue,
    lang: string,
    license: IriRef | undefined
  ): IriRef[] {
    const id = entry.descriptor.id
    const out: IriRef[] = []
    const issued = date(v.publishedAt)
    for (const f of v.files) {
      const format = FORMAT_IRIS[f.format]
      if (!format) continue
      const iri = distributionIri(this.base, id, v.version, f.format)
      const file = ref(downloadUrl(this.base, id, v.version, f.format))
      const node: RdfNode = {
        '@id': iri,
        '@type': 'dcat:Distribution',
        'dct:title': text(`${(title as Literal)['@value']} (${f.format.toUpperCase()})`, lang),
        'dcat:accessURL': file,
        'dcat:downloadURL': file,
        'dct:format': this.typedRef(format, 'dct:MediaTypeOrExtent'),
        'dcat:accessService': ref(this.serviceIri),
      }
      const media = ianaMediaTypeIri(f.mediaType)
      if (media) node['dcat:mediaType'] = this.typedRef(media, 'dct:MediaType')
      if (Number.isSafeInteger(f.bytes) && f.bytes >= 0) {
        node['dcat:byteSize'] = typed(String(f.bytes), 'xsd:nonNegativeInteger')
      }
      if (issued) node['dct:issued'] = issued
      if (license) node['dct:license'] = license
      if (f.format === 'csv') {
        const standard = csvwMetadataUrl(this.base, id, v.version)
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
    'dcat:service': ref(g.serviceIri),
  }
  const language = g.languageRef(lang)
  if (language) catalog['dct:language'] = language
  const modified = date(input.modified)
  if (modified) catalog['dct:modified'] = modified
  g.service(`${input.title} API`, datasets, publisher)
  if (input.page) {
    const { number, size, total } = input.page
    const last = Math.max(1, Math.ceil(total / Math.max(1, size)))
    const view: RdfNode = {
      '@id': catalogPageIri(g.base, number),
      '@type': ['hydra:PagedCollection', 'hydra:PartialCollectionView'],
      'hydra:totalItems': typed(String(total), 'xsd:integer'),
      'hydra:itemsPerPage': typed(String(size), 'xsd:integer'),
      'hydra:first': ref(catalogPageIri(g.base, 1)),
      'hydra:last': ref(catalogPageIri(g.base, last)),
    }
    if (number < last) view['hydra:next'] = ref(catalogPageIri(g.base, number + 1))
    if (number > 1) view['hydra:previous'] = ref(catalogPageIri(g.base, number - 1))
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
