import { RULE_NAMES_ZH, scanRecord } from '@gongkai/privacy'
import { compileRecordSchema } from '@gongkai/schema'
import type { Context, Hono } from 'hono'
import { NewRecordPage, PrintPage, RecordPage } from './committee-pages.js'
import type { PortalContext } from './portal-context.js'
import type { PortalSource } from './portal-source.js'
import { addRows, type FieldError, placeErrors } from './record-form.js'
import { type FormValues, formModel, parseForm } from './record-form-model.js'
import { forbidden, formValues, notFound, page, text } from './responses.js'
import type { Session } from './sessions.js'

/** The committee, its catalogue and the entry a record is filled for, when all three exist. */
async function recordEntry(source: PortalSource, id: string, entryId: string | undefined) {
  const committee = await source.committee(id)
  const cat = committee?.catalogueId ? await source.catalogue(committee.catalogueId) : undefined
  const entry = cat?.entries.find((e) => e.id === entryId && e.recordSchema)
  return committee && cat && entry ? { committee, cat, entry } : undefined
}

type RecordEntry = NonNullable<Awaited<ReturnType<typeof recordEntry>>>

/** The committee, record and entry of `/committees/:id/records/:recordId`, when all exist. */
async function recordView(source: PortalSource, c: Context) {
  const id = c.req.param('id') as string
  const committee = await source.committee(id)
  const cat = committee?.catalogueId ? await source.catalogue(committee.catalogueId) : undefined
  const record = cat ? await source.record(cat.id, c.req.param('recordId') as string) : undefined
  const entry = record ? cat?.entries.find((e) => e.id === record.entryId) : undefined
  return committee && record && entry?.recordSchema ? { committee, record, entry } : undefined
}

/**
 * A posted record form: adds blank rows (the no-script "add row" buttons), or validates the record
 * against the entry's recordSchema and publishes it; errors are shown next to their fields.
 */
async function submitRecord(
  c: Context,
  ctx: PortalContext,
  found: RecordEntry,
  form: FormValues,
  session: Session
) {
  const model = formModel(found.entry.recordSchema)
  const parsed = parseForm(model, form)
  const render = (values: FormValues, errors: FieldError[], status: 200 | 422) =>
    page(
      c,
      <NewRecordPage
        committee={found.committee}
        entry={found.entry}
        csrf={session.csrf}
        values={values}
        errors={placeErrors(model, values, errors)}
      />,
      status
    )
  if (form._action?.startsWith('add:'))
    return render(addRows(model, parsed.values, form._action), [], 200)
  const compiled = compileRecordSchema(found.entry.recordSchema)
  if (!compiled.ok) return forbidden(c, '该事项的记录格式有误，暂不能填报。')
  const result = compiled.validate(parsed.data)
  // Cross-field rules (totals, 期末结余) are in the recordSchema (gkSum), so the API and this form
  // refuse exactly the same records.
  if (!result.ok) return render(parsed.values, result.errors, 422)
  // The same privacy guard as the API: personal information the entry's schema does not allow is
  // refused, and each finding is shown next to its field.
  const findings = scanRecord(found.entry.recordSchema, parsed.data).filter((f) => !f.allowed)
  if (findings.length > 0) {
    const errors = findings.map((f) => ({
      pointer: f.pointer,
      keyword: 'privacy',
      message: `含有${RULE_NAMES_ZH[f.rule]}（${f.value}，规则 ${f.rule}），公开记录不能包含个人信息：请删去或改为脱敏写法`,
    }))
    return render(parsed.values, errors, 422)
  }
  const record = await ctx.source.publishRecord(
    found.cat.id,
    found.entry.id,
    parsed.data,
    session.tokenId
  )
  ctx.audit?.target(c, record.id)
  const committee = encodeURIComponent(found.committee.id)
  return c.redirect(
    `/committees/${committee}/records/${encodeURIComponent(record.id)}?published=1`,
    303
  )
}

/** A committee's writes (its catalogue, new records) and the public record and print pages. */
export function recordRoutes(app: Hono, ctx: PortalContext): void {
  const { source, now, base } = ctx

  app.post('/committees/:id/instantiate', async (c) => {
    const id = c.req.param('id')
    const form = await formValues(c)
    const w = await ctx.writer(c, id, form)
    if (w.refused) return w.refused
    const name = text(form.name, 100)
    if (!name) return forbidden(c, '请填写居委会名称。')
    const made = await source.instantiateCommittee(
      id,
      name,
      text(form.street, 100),
      w.session.tokenId
    )
    if (!made.ok)
      return forbidden(c, `未能建立目录：${made.errors.map((e) => e.message).join('；')}`)
    return c.redirect(`/committees/${encodeURIComponent(id)}?created=1`, 303)
  })

  app.get('/committees/:id/records/new', async (c) => {
    const id = c.req.param('id')
    const w = await ctx.writer(c, id)
    if (w.refused) return w.refused
    const found = await recordEntry(source, id, c.req.query('entry'))
    if (!found) return notFound(c, '可填报的事项')
    const values: FormValues = {
      committee: found.committee.name,
      publishedAt: now().toISOString().slice(0, 10),
    }
    return page(
      c,
      <NewRecordPage
        committee={found.committee}
        entry={found.entry}
        csrf={w.session.csrf}
        values={values}
        errors={[]}
      />
    )
  })

  app.post('/committees/:id/records/new', async (c) => {
    const id = c.req.param('id')
    const form = await formValues(c)
    const w = await ctx.writer(c, id, form)
    if (w.refused) return w.refused
    const found = await recordEntry(source, id, c.req.query('entry'))
    if (!found) return notFound(c, '可填报的事项')
    return submitRecord(c, ctx, found, form, w.session)
  })

  app.get('/committees/:id/records/:recordId', async (c) => {
    const v = await recordView(source, c)
    if (!v) return notFound(c, '该记录')
    const notice = c.req.query('published') === '1' ? '记录已提交并公开。' : undefined
    return page(
      c,
      <RecordPage committee={v.committee} entry={v.entry} record={v.record} notice={notice} />
    )
  })

  app.get('/committees/:id/records/:recordId/print', async (c) => {
    const v = await recordView(source, c)
    if (!v) return notFound(c, '该记录')
    const recordUrl = `${base}/committees/${encodeURIComponent(v.committee.id)}/records/${encodeURIComponent(v.record.id)}`
    return page(
      c,
      <PrintPage committee={v.committee} entry={v.entry} record={v.record} recordUrl={recordUrl} />
    )
  })
}
