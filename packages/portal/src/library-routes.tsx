import type { Dataset } from '@gongkai/schema'
import type { Context, Hono } from 'hono'
import type { ApplicationFormState } from './access-pages.js'
import { DatasetPage, DatasetsPage, PREVIEW_ROWS, type PreviewFilter } from './dataset-pages.js'
import { DocumentsPage } from './documents-page.js'
import type { PortalContext } from './portal-context.js'
import { ReportsPage } from './reports-page.js'
import { notFound, page, text } from './responses.js'
import { fallbackSchemaOrg } from './schema-org.js'

/** The document library, the datasets with their previews, and the coverage report. */
export function libraryRoutes(app: Hono, ctx: PortalContext): void {
  const { source } = ctx
  app.get('/documents', async (c) => {
    const filter = {
      issuer: text(c.req.query('issuer')) || undefined,
      year: text(c.req.query('year'), 4) || undefined,
      topic: text(c.req.query('topic')) || undefined,
      kind: text(c.req.query('kind'), 40) || undefined,
      validity: text(c.req.query('validity'), 20) || undefined,
    }
    const p = Number.parseInt(c.req.query('page') ?? '1', 10)
    return page(
      c,
      <DocumentsPage
        items={await source.documents()}
        filter={filter}
        page={Number.isFinite(p) ? p : 1}
      />
    )
  })

  app.get('/datasets', async (c) => {
    const filter = {
      q: text(c.req.query('q'), 100) || undefined,
      field: text(c.req.query('field'), 60) || undefined,
      publisher: text(c.req.query('publisher'), 100) || undefined,
      openness: text(c.req.query('openness'), 20) || undefined,
      tag: text(c.req.query('tag'), 60) || undefined,
    }
    return page(c, <DatasetsPage datasets={await source.datasets()} filter={filter} />)
  })

  app.get('/datasets/:id', async (c) => {
    const id = c.req.param('id')
    const d = await source.dataset(id)
    if (!d) return notFound(c, `数据集“${id}”`)
    return datasetPage(c, ctx, d)
  })

  app.get('/reports', async (c) => page(c, <ReportsPage report={await source.report()} />))
}

/**
 * The dataset page: `page`, and the preview filter `col`/`val` (equality) and `q` (full text);
 * with `application`, the refused application form (status 422).
 */
export async function datasetPage(
  c: Context,
  { source, base }: PortalContext,
  d: Dataset,
  application?: ApplicationFormState
) {
  const id = d.id
  const requested = Number.parseInt(c.req.query('page') ?? '1', 10)
  const pageNo = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 1_000_000) : 1
  const filter: PreviewFilter = {
    column: text(c.req.query('col'), 64) || undefined,
    value: text(c.req.query('val'), 200) || undefined,
    q: text(c.req.query('q'), 100) || undefined,
  }
  const [rows, versions, jsonLd] = await Promise.all([
    source.rows(id, (pageNo - 1) * PREVIEW_ROWS, PREVIEW_ROWS, filter),
    source.versions(id),
    source.schemaOrg(id),
  ])
  const failed = rows && 'error' in rows ? rows.error : undefined
  return page(
    c,
    <DatasetPage
      dataset={d}
      baseUrl={base}
      rows={rows && !('error' in rows) ? rows : undefined}
      rowsError={failed}
      filter={filter}
      page={pageNo}
      versions={versions}
      jsonLd={jsonLd ?? fallbackSchemaOrg(d, base)}
      application={application}
    />,
    application ? 422 : failed ? 400 : 200
  )
}
