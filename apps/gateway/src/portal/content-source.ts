import { displayedItem } from '@gongkai/linker'
import type { BoundContent, EntrySummary, PortalSource } from '@gongkai/portal'
import type { CatalogueEntry, ContentItem } from '@gongkai/schema'
import type { GatewayDeps } from '../deps.js'
import { familyBindings } from '../services/family-bindings.js'
import { type LinkerExtras, loadLinkerExtras } from './linker-extras.js'
import { timeliness } from './timeliness.js'

// The document library and search read the content index in pages of this size, up to a cap that
// keeps a page render bounded on very large sites.
const CONTENT_PAGE = 500
const CONTENT_CAP = 5000

function bound(entry: CatalogueEntry, item: ContentItem): BoundContent {
  const t = timeliness(entry, item)
  // Imported titles are shown with personal information masked (displayedItem says why).
  return { item: displayedItem(item), dueDate: t.dueDate, onTime: t.onTime }
}

/** Content from the linker: bound items with their timeliness and link status, and the report. */
export function contentSource(
  deps: GatewayDeps
): Pick<PortalSource, 'contentFor' | 'entrySummaries' | 'documents' | 'report'> {
  const ci = deps.contentIndex
  // The link-check log is opened on first use; a failure is not remembered, so the next page retries.
  let extras: Promise<LinkerExtras> | undefined
  const linker = () => {
    extras ??= loadLinkerExtras(deps.store).catch((err: unknown) => {
      extras = undefined
      throw err
    })
    return extras
  }

  const documents = async (): Promise<ContentItem[]> => {
    const out: ContentItem[] = []
    let cursor: string | undefined
    do {
      const page = await ci.query({ limit: CONTENT_PAGE, cursor })
      out.push(...page.items.map(displayedItem))
      cursor = page.next ?? undefined
    } while (cursor && out.length < CONTENT_CAP)
    return out
  }

  return {
    documents,
    async contentFor(catalogueId, entryIds) {
      const out = new Map<string, BoundContent[]>()
      const p = await deps.catalogues.get(catalogueId)
      if (!p) return out
      const found = new Map<string, { entry: CatalogueEntry; items: { item: ContentItem }[] }>()
      await Promise.all(
        entryIds.map(async (entryId) => {
          const entry = p.entries.get(entryId)?.entry
          if (entry)
            found.set(entryId, { entry, items: await familyBindings(ci, p.family, entryId) })
        })
      )
      // Only the shown URLs' latest checks, never the whole log.
      const urls = [...found.values()].flatMap((f) => f.items.map((b) => b.item.url))
      const statuses = await (await linker()).linkStatuses(urls)
      for (const [entryId, { entry, items }] of found)
        out.set(
          entryId,
          items.map((b) => ({ ...bound(entry, b.item), linkStatus: statuses.get(b.item.url) }))
        )
      return out
    },
    async entrySummaries(catalogueId, entryIds) {
      const out = new Map<string, EntrySummary>()
      const p = await deps.catalogues.get(catalogueId)
      if (!p) return out
      const sums = await ci.entrySummaries(p.family, entryIds)
      const urls = [...sums.values()].flatMap((s) => (s.latest ? [s.latest.item.url] : []))
      const statuses = await (await linker()).linkStatuses(urls)
      for (const [entryId, s] of sums) {
        const entry = p.entries.get(entryId)?.entry
        if (!entry) continue
        const latest = s.latest
          ? { ...bound(entry, s.latest.item), linkStatus: statuses.get(s.latest.item.url) }
          : undefined
        out.set(entryId, { items: s.items, broken: s.broken, latest })
      }
      return out
    },
    async report() {
      const bindings = await ci.bindings()
      if (bindings.length === 0) return undefined
      // The workspace's top layers only: the layers below them would count their rows again.
      const catalogues = (await deps.catalogues.list())
        .filter((p) => p.summary.top && !p.catalogue.template)
        .map((p) => p.catalogue)
      const departments = await (await linker()).departments({
        catalogues,
        items: await documents(),
        bindings,
        today: deps.config.now().toISOString().slice(0, 10),
      })
      return {
        generatedAt: deps.config.now().toISOString(),
        departments: departments.filter((d) => d.covered > 0),
      }
    },
  }
}
