import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import { formatExcelCsv } from '@gongkai/text'
import type { Context, Hono } from 'hono'
import { chainOf, entryOrigins, layerFamilies } from './catalogue-layers.js'
import { CataloguePage, CataloguesPage, EntryPage } from './catalogue-pages.js'
import { catalogueRows, type EntrySummary, filterEntries } from './catalogue-table.js'
import type { PortalContext } from './portal-context.js'
import type { BoundContent, PublishedRecord } from './portal-source.js'
import { notFound, page, text } from './responses.js'

/** The table's filters from the query string (the page and its CSV take the same). */
const entryFilter = (c: Context) => ({
  department: text(c.req.query('department')) || undefined,
  channel: text(c.req.query('channel'), 60) || undefined,
  q: text(c.req.query('q'), 100) || undefined,
})

/** Per entry: how many items are bound, how many links are broken, how many came late. */
function summarise(
  entries: readonly CatalogueEntry[],
  content: Map<string, BoundContent[]>
): Map<string, EntrySummary> {
  const summaries = new Map<string, EntrySummary>()
  for (const e of entries) {
    const items = content.get(e.id) ?? []
    summaries.set(e.id, {
      items: items.length,
      broken: items.filter((b) => b.linkStatus === 'dead' || b.linkStatus === 'wrong').length,
      late: items.filter((b) => b.onTime === false).length,
    })
  }
  return summaries
}

/** Where a published record of an entry is shown: the committee page, else the API. */
function recordHref(cat: Catalogue, entry: CatalogueEntry) {
  const isCommittee = cat.kind === 'residents_committee' && !cat.template
  return (r: PublishedRecord) =>
    isCommittee
      ? `/committees/${encodeURIComponent(cat.id)}/records/${encodeURIComponent(r.id)}`
      : `/api/v1/catalogues/${encodeURIComponent(cat.id)}/entries/${encodeURIComponent(entry.id)}/records/${encodeURIComponent(r.id)}`
}

/** The catalogue list, a catalogue's table (HTML and CSV) and an entry with its content. */
export function catalogueRoutes(app: Hono, { source }: PortalContext): void {
  app.get('/catalogues', async (c) => {
    const kind = text(c.req.query('kind'), 40) || undefined
    const field = text(c.req.query('field'), 60) || undefined
    const [catalogues, top] = await Promise.all([source.catalogues(), source.topLayers()])
    return page(
      c,
      <CataloguesPage catalogues={catalogues} top={new Set(top)} kind={kind} field={field} />
    )
  })

  // The table as printed, with the page's filters: `/catalogues/<id>.csv`.
  const catalogueCsv = async (c: Context, id: string) => {
    const cat = await source.catalogue(id)
    if (!cat) return notFound(c, `目录“${id}”`)
    const entries = filterEntries(cat.entries, {
      department: text(c.req.query('department')) || undefined,
      channel: text(c.req.query('channel')) || undefined,
      q: text(c.req.query('q')) || undefined,
    })
    c.header('content-type', 'text/csv; charset=utf-8')
    c.header('content-disposition', `attachment; filename="${cat.id}.csv"`)
    c.header('cache-control', 'public, max-age=300')
    // For Excel, as every Excel download: a UTF-8 BOM so the Chinese text opens correctly, and a '
    // before formula-like cells so none of them runs.
    return c.body(formatExcelCsv(catalogueRows(cat, entries)))
  }

  app.get('/catalogues/:id', async (c) => {
    const rawId = c.req.param('id')
    if (rawId.endsWith('.csv')) return catalogueCsv(c, rawId.slice(0, -4))
    const cat = await source.catalogue(rawId)
    if (!cat) return notFound(c, `目录“${rawId}”`)
    const [all, topIds] = await Promise.all([source.catalogues(), source.topLayers()])
    const top = new Set(topIds)
    // The field switcher opens each field's top layer: the one the site works on.
    const fields = all
      .filter((x) => x.kind === 'standard' && x.field && !x.template && top.has(x.id))
      .map((x) => ({ code: x.field as string, catalogueId: x.id }))
    const layers = layerFamilies(all).get(cat.id) ?? [cat]
    const field = text(c.req.query('field'), 60)
    const filter = entryFilter(c)
    // Choosing another field in the filter form opens that field's catalogue.
    if (field && field !== cat.field) {
      const target = fields.find((f) => f.code === field)
      if (target) return c.redirect(`/catalogues/${encodeURIComponent(target.catalogueId)}`, 303)
    }
    const entries = filterEntries(cat.entries, filter)
    const content = await source.contentFor(
      cat.id,
      entries.map((e) => e.id)
    )
    const qs = new URLSearchParams(
      Object.entries(filter).filter((e): e is [string, string] => !!e[1])
    ).toString()
    const origins = entryOrigins(await chainOf(cat, (id) => source.catalogue(id)))
    return page(
      c,
      <CataloguePage
        catalogue={cat}
        entries={entries}
        summaries={summarise(entries, content)}
        origins={origins}
        layers={layers}
        top={layers.find((x) => top.has(x.id))}
        filter={filter}
        fields={fields}
        csvHref={`/catalogues/${encodeURIComponent(cat.id)}.csv${qs ? `?${qs}` : ''}`}
      />
    )
  })

  app.get('/catalogues/:id/entries/:entryId', async (c) => {
    const cat = await source.catalogue(c.req.param('id'))
    const entry = cat?.entries.find((e) => e.id === c.req.param('entryId'))
    if (!cat || !entry) return notFound(c, '该目录事项')
    const [content, records, chain] = await Promise.all([
      source.contentFor(cat.id, [entry.id]),
      entry.recordSchema ? source.records(cat.id, entry.id) : [],
      chainOf(cat, (id) => source.catalogue(id)),
    ])
    return page(
      c,
      <EntryPage
        catalogue={cat}
        entry={entry}
        content={content.get(entry.id) ?? []}
        records={records}
        origin={entryOrigins(chain).get(entry.id)}
        recordHref={recordHref(cat, entry)}
      />
    )
  })
}
