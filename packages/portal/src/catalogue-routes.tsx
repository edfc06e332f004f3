import type { Catalogue, CatalogueEntry } from '@gongkai/schema'
import { formatExcelCsv } from '@gongkai/text'
import type { Context, Hono } from 'hono'
import { chainOf } from './catalogue-layers.js'
import { catalogueMemo } from './catalogue-memo.js'
import { CataloguePage, CataloguesPage, EntryPage } from './catalogue-pages.js'
import { catalogueRows, filterEntries } from './catalogue-table.js'
import type { PortalContext } from './portal-context.js'
import type { PublishedRecord } from './portal-source.js'
import { notFound, page, text } from './responses.js'
import { displayCatalogue } from './template-display.js'

/** The table's filters from the query string (the page and its CSV take the same). */
const entryFilter = (c: Context) => ({
  department: text(c.req.query('department')) || undefined,
  channel: text(c.req.query('channel'), 60) || undefined,
  q: text(c.req.query('q'), 100) || undefined,
})

/** Where a published record of an entry is shown: the committee page, else the API. */
function recordHref(cat: Catalogue, entry: CatalogueEntry) {
  const isCommittee = cat.kind === 'residents_committee' && !cat.template
  return (r: PublishedRecord) =>
    isCommittee
      ? `/committees/${encodeURIComponent(cat.id)}/records/${encodeURIComponent(r.id)}`
      : `/api/v1/catalogues/${encodeURIComponent(cat.id)}/entries/${encodeURIComponent(entry.id)}/records/${encodeURIComponent(r.id)}`
}

/** The catalogue list, a catalogue's table (HTML and CSV) and an entry with its content. */
export function catalogueRoutes(app: Hono, { source, now }: PortalContext): void {
  // Templates are shown with their placeholders in words, everywhere a page shows a catalogue.
  const catalogue = async (id: string) => {
    const c = await source.catalogue(id)
    return c && displayCatalogue(c)
  }
  const catalogues = async () => (await source.catalogues()).map(displayCatalogue)
  // What the pages derive from the catalogues alone, kept while the catalogues stay the same.
  const memo = catalogueMemo()

  app.get('/catalogues', async (c) => {
    const kind = text(c.req.query('kind'), 40) || undefined
    const field = text(c.req.query('field'), 60) || undefined
    const [all, top] = await Promise.all([catalogues(), source.topLayers()])
    return page(c, <CataloguesPage catalogues={all} top={new Set(top)} kind={kind} field={field} />)
  })

  // The table as printed, with the page's filters: `/catalogues/<id>.csv`.
  const catalogueCsv = async (c: Context, id: string) => {
    const cat = await catalogue(id)
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
    const cat = await catalogue(rawId)
    if (!cat) return notFound(c, `目录“${rawId}”`)
    const [all, topIds] = await Promise.all([catalogues(), source.topLayers()])
    // The field switcher opens each field's top layer: the one the site works on.
    const { top, fields, families } = memo.frame(all, topIds)
    const layers = families.get(cat.id) ?? [cat]
    const field = text(c.req.query('field'), 60)
    const filter = entryFilter(c)
    // Choosing another field in the filter form opens that field's catalogue.
    if (field && field !== cat.field) {
      const target = fields.find((f) => f.code === field)
      if (target) return c.redirect(`/catalogues/${encodeURIComponent(target.catalogueId)}`, 303)
    }
    const entries = filterEntries(cat.entries, filter)
    // Counts and the newest item per entry only: the page costs the same however much is bound.
    const summaries = await source.entrySummaries(
      cat.id,
      entries.map((e) => e.id)
    )
    const qs = new URLSearchParams(
      Object.entries(filter).filter((e): e is [string, string] => !!e[1])
    ).toString()
    const origins = memo.origins(await chainOf(cat, catalogue))
    return page(
      c,
      <CataloguePage
        catalogue={cat}
        entries={entries}
        summaries={summaries}
        origins={origins}
        layers={layers}
        top={layers.find((x) => top.has(x.id))}
        filter={filter}
        fields={fields}
        csvHref={`/catalogues/${encodeURIComponent(cat.id)}.csv${qs ? `?${qs}` : ''}`}
        today={now().toISOString().slice(0, 10)}
      />
    )
  })

  app.get('/catalogues/:id/entries/:entryId', async (c) => {
    const cat = await catalogue(c.req.param('id'))
    const entry = cat?.entries.find((e) => e.id === c.req.param('entryId'))
    if (!cat || !entry) return notFound(c, '该目录事项')
    const [content, records, chain] = await Promise.all([
      source.contentFor(cat.id, [entry.id]),
      entry.recordSchema ? source.records(cat.id, entry.id) : [],
      chainOf(cat, catalogue),
    ])
    return page(
      c,
      <EntryPage
        catalogue={cat}
        entry={entry}
        content={content.get(entry.id) ?? []}
        records={records}
        origin={memo.origins(chain).get(entry.id)}
        recordHref={recordHref(cat, entry)}
      />
    )
  })
}
