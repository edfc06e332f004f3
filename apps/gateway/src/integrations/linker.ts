import type { Binding, ContentItem } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { loadModule } from './load-module.js'

/** The part of `@gongkai/linker`'s content index the gateway uses (CONTRACT.md). */
export interface ContentIndex {
  get(url: string): Promise<ContentItem | undefined | null>
  count(): Promise<number>
  query(options: {
    q?: string
    column?: string
    issuer?: string
    from?: string
    to?: string
    kind?: string
    limit?: number
    cursor?: string
  }): Promise<{ items: ContentItem[]; total: number; next: string | null }>
  bindings(): Promise<Binding[]>
  bindingsForEntry(
    catalogueId: string,
    entryId: string
  ): Promise<(Binding & { item: ContentItem })[]>
}

/** Opens the content index when `@gongkai/linker` is built; undefined otherwise. */
export async function loadLinker(store: Store): Promise<ContentIndex | undefined> {
  const mod = await loadModule<{ openContentIndex(store: Store): Promise<ContentIndex> }>(
    '@gongkai/linker',
    ['openContentIndex']
  )
  return mod ? mod.openContentIndex(store) : undefined
}
