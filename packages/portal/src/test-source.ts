import {
  answerDoc,
  datasetDoc,
  documentDoc,
  entryDocs,
  MemoryIndex,
  type SearchType,
} from '@gongkai/search'
import type { BoundContent, EntrySummary, PortalSource } from './portal-source.js'

// Test support, not exported from the package: a PortalSource of empty data, so a test states only
// the data it is about.

/**
 * A {@link PortalSource} that knows nothing, with `parts` put over it. Without `topLayers`, the
 * top layers are the catalogues no other one extends.
 */
export function sourceWith(parts: Partial<PortalSource> = {}): PortalSource {
  const none = async () => undefined
  const catalogues = parts.catalogues ?? (async () => [])
  const topLayers = async () => {
    const all = await catalogues()
    const extended = new Set(all.flatMap((c) => (c.extends ? [c.extends.id] : [])))
    return all.filter((c) => !extended.has(c.id)).map((c) => c.id)
  }
  // Search as the gateway does it, on the parts given: the top layers' entries (templates left
  // out), the documents, the datasets and the published answers, in a fresh in-memory index.
  const search: PortalSource['search'] = async (params) => {
    const index = new MemoryIndex()
    const top = new Set(await (parts.topLayers ?? topLayers)())
    for (const c of await catalogues())
      if (top.has(c.id) && !c.template) for (const d of entryDocs(c)) index.add(d)
    for (const d of await (parts.documents?.() ?? [])) index.add(documentDoc(d))
    for (const d of await (parts.datasets?.() ?? [])) index.add(datasetDoc(d))
    const answers = (await parts.publishedAnswers?.(0, 10_000))?.items ?? []
    for (const m of answers)
      index.add(
        answerDoc({
          id: m.id,
          title: m.question ?? m.id,
          body: m.answer.text,
          url: `/zmhd/${encodeURIComponent(m.id)}`,
        })
      )
    const offset = Number(params.cursor ?? 0)
    const r = index.search({
      q: params.q ?? '',
      ...(params.type ? { type: params.type as SearchType } : {}),
      ...(params.field ? { field: params.field } : {}),
      ...(params.organ ? { organ: params.organ } : {}),
      ...(params.year ? { year: Number(params.year) } : {}),
      offset: Number.isInteger(offset) && offset >= 0 ? offset : 0,
    })
    return {
      ok: true,
      page: {
        items: r.items,
        total: r.total,
        next: r.nextOffset === undefined ? null : String(r.nextOffset),
        facets: r.facets,
        ...(r.didYouMean ? { didYouMean: r.didYouMean } : {}),
      },
    }
  }
  const contentFor = parts.contentFor ?? (async () => new Map())
  // Derived from contentFor, so a test that binds content sees it on the catalogue page too.
  const entrySummaries: PortalSource['entrySummaries'] = async (catalogueId, entryIds) => {
    const out = new Map<string, EntrySummary>()
    for (const [id, items] of (await contentFor(catalogueId, entryIds)) as Map<
      string,
      BoundContent[]
    >) {
      if (items.length === 0) continue
      const latest = [...items].sort((a, b) =>
        (b.item.publishedAt ?? '').localeCompare(a.item.publishedAt ?? '')
      )[0]
      out.set(id, {
        items: items.length,
        broken: items.filter((b) => b.linkStatus === 'dead' || b.linkStatus === 'wrong').length,
        latest,
      })
    }
    return out
  }
  return {
    search,
    topLayers,
    entrySummaries,
    catalogues: async () => [],
    catalogue: none,
    contentFor: async () => new Map(),
    documents: async () => [],
    datasets: async () => [],
    dataset: none,
    rows: none,
    versions: async () => [],
    schemaOrg: none,
    report: none,
    records: async () => [],
    record: none,
    committees: async () => [],
    committee: none,
    committeeForToken: none,
    organs: async () => [],
    officerForToken: none,
    organRequests: async () => ({ items: [], total: 0 }),
    organRequest: none,
    annualReport: none,
    instantiateCommittee: async () => ({
      ok: false,
      errors: [{ pointer: '', message: 'not in this test' }],
    }),
    applyForAccess: async () => ({
      ok: false,
      errors: [{ pointer: '', message: 'not in this test' }],
    }),
    accessStatus: none,
    publisherForToken: none,
    accessRequests: async () => [],
    decideAccess: async () => ({
      ok: false,
      errors: [{ pointer: '', message: 'not in this test' }],
    }),
    publishedAnswers: async () => ({ items: [], total: 0 }),
    publishedAnswer: none,
    consultations: async () => [],
    consultation: none,
    // A document of `documents` by URL or id, so a test that lists documents has their pages too.
    document: async (id) =>
      (await (parts.documents?.() ?? [])).find((d) => d.url === id || d.id === id),
    documentConsultations: async () => [],
    organMessages: async () => ({ items: [], total: 0 }),
    organMessage: none,
    answerMessage: none,
    organConsultations: async () => [],
    organConsultation: none,
    publishFeedback: none,
    publishRecord: async () => {
      throw new Error('publishRecord: not in this test')
    },
    ...parts,
  }
}
