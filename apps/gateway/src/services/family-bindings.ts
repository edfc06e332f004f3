import type { ContentIndex } from '@gongkai/linker'
import type { Binding, ContentItem } from '@gongkai/schema'

/** A binding with its content item, as the content index answers it. */
type BoundItem = Binding & { item: ContentItem }

/**
 * The content bound to an entry in any catalogue of its family (the layers sharing its bottom
 * catalogue, the catalogue's own first): one binding per URL, the own catalogue's when it has
 * one, newest first as the index orders them. Bindings made on the workspace's top layer thus
 * answer for the national table's entry of the same id too, and the other way round.
 */
export async function familyBindings(
  index: ContentIndex,
  family: readonly string[],
  entryId: string
): Promise<BoundItem[]> {
  const [own, ...others] = family
  if (own === undefined) return []
  const first = await index.bindingsForEntry(own, entryId)
  if (others.length === 0) return first
  const byUrl = new Map(first.map((b) => [b.content, b]))
  for (const id of others)
    for (const b of await index.bindingsForEntry(id, entryId))
      if (!byUrl.has(b.content)) byUrl.set(b.content, b)
  if (byUrl.size === first.length) return first
  const published = (b: BoundItem) => b.item.publishedAt ?? ''
  return [...byUrl.values()].sort((a, b) =>
    published(a) !== published(b)
      ? published(a) < published(b)
        ? 1
        : -1
      : a.content < b.content
        ? -1
        : a.content > b.content
          ? 1
          : 0
  )
}
