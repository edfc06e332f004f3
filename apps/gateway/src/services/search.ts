import { fields } from '@gongkai/catalogues'
import {
  answerDoc,
  datasetDoc,
  documentDoc,
  entryDocs,
  type IndexWriteResult,
  openSearchIndex,
  type SearchDoc,
  type SearchIndex,
  type SearchType,
} from '@gongkai/search'
import type { Store } from '@gongkai/store'
import type { GatewayDeps } from '../deps.js'
import { publicDatasets } from './dataset-views.js'

/** The kinds `refresh` rebuilds from the services. */
const REFRESHABLE: readonly SearchType[] = ['entry', 'document', 'dataset', 'answer']

/** The search index of the gateway's store and how to rebuild its parts from the services. */
export interface SearchService {
  /** The index (opened, and loaded into memory, on first use). */
  index(): Promise<SearchIndex>
  /** Rebuilds the documents of these kinds from the catalogues, content index and datastore. */
  refresh(types?: readonly SearchType[]): Promise<Partial<Record<SearchType, IndexWriteResult>>>
  /**
   * `refresh` after a write that already succeeded (publish, withdraw, instantiate): a failure
   * is reported on stderr, not to the writer, whose write stands; `gongkai search reindex` repairs.
   */
  afterWrite(types: readonly SearchType[]): Promise<void>
}

const fieldText = new Map(
  fields.map((f) => [f.code, [f.label, ...(f.aliases ?? [])].join('、')] as const)
)

type Sources = Pick<GatewayDeps, 'catalogues' | 'contentIndex' | 'datastore' | 'messages'> & {
  organs: readonly { id: string; name: string }[]
}

async function docsOf(type: SearchType, deps: Sources): Promise<SearchDoc[]> {
  if (type === 'entry') {
    // The layers the site works on (each field's layer resolved), not the layers below them or
    // the templates: those would repeat every row of the matter.
    const out: SearchDoc[] = []
    for (const p of await deps.catalogues.list()) {
      if (!p.summary.top || p.summary.template) continue
      const name = p.catalogue.field ? fieldText.get(p.catalogue.field) : undefined
      out.push(...entryDocs(p.catalogue, name ? { fieldName: name } : {}))
    }
    return out
  }
  if (type === 'document') {
    const fieldOf = new Map<string, string>()
    for (const p of await deps.catalogues.list())
      if (p.catalogue.field) fieldOf.set(p.catalogue.id, p.catalogue.field)
    const bound = new Map<string, string[]>()
    for (const b of await deps.contentIndex.bindings()) {
      const f = fieldOf.get(b.entry.catalogue)
      if (!f) continue
      const list = bound.get(b.content) ?? []
      list.push(f)
      bound.set(b.content, list)
    }
    const out: SearchDoc[] = []
    for await (const item of deps.contentIndex.all())
      out.push(documentDoc(item, { fields: bound.get(item.url) ?? [] }))
    return out
  }
  if (type === 'dataset') {
    // 无条件 and 有条件开放 datasets are listed publicly (the latter as metadata); 非开放 never.
    return (await publicDatasets(deps)).map((d) =>
      datasetDoc({ ...d.descriptor, tableSchema: d.schema })
    )
  }
  if (type === 'answer') {
    // Exactly the answers the portal publishes (/zmhd): one not (or no longer) published is
    // dropped by the replace. The sender is never read; answerDoc masks what the guard let through.
    const name = (id: string) => deps.organs.find((o) => o.id === id)?.name ?? id
    const { items } = await deps.messages.published()
    return items.map((m) =>
      answerDoc({
        id: m.id,
        title: m.question ?? `政民互动留言 ${m.id}`,
        body: m.answer.text,
        organ: name(m.organ),
        answeredAt: m.answer.date,
        url: `/zmhd/${encodeURIComponent(m.id)}`,
      })
    )
  }
  return []
}

/**
 * The search service on a store and the gateway's services. `refresh` is what import, publish and
 * `gongkai search reindex` call; the index itself lives in the store, so every process sees it.
 */
export function openSearchService(store: Store, deps: Sources): SearchService {
  let opened: Promise<SearchIndex> | undefined
  const rebuild = async (idx: SearchIndex, types: readonly SearchType[]) => {
    const out: Partial<Record<SearchType, IndexWriteResult>> = {}
    for (const type of types) out[type] = await idx.replace(type, await docsOf(type, deps))
    return out
  }
  const index = () => {
    opened ??= (async () => {
      const idx = await openSearchIndex(store)
      // The bundled catalogues change with the software, so entries are brought up to date at
      // start (unchanged ones cost a hash each); a store indexed never before (made by an older
      // version) gets its documents and datasets too.
      const rows = await store.all<{ type: string }>('SELECT DISTINCT type FROM search_docs')
      const have = new Set(rows.map((r) => r.type))
      await rebuild(
        idx,
        REFRESHABLE.filter((t) => t === 'entry' || !have.has(t))
      )
      return idx
    })()
    opened.catch(() => {
      opened = undefined
    })
    return opened
  }
  return {
    index,
    async refresh(types = REFRESHABLE) {
      const idx = await index()
      return rebuild(idx, types)
    },
    async afterWrite(types) {
      try {
        await this.refresh(types)
      } catch (e) {
        console.error(`search index not refreshed (${types.join(', ')}): ${(e as Error).message}`)
      }
    },
  }
}
