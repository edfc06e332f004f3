import type { Context, Hono } from 'hono'
import { ANSWERS_PAGE, AnswerPage, AnswersPage } from './answer-pages.js'
import { ConsultationPage, ConsultationsPage, DocumentPage } from './consultation-pages.js'
import {
  type AnswerFormState,
  type FeedbackFormState,
  OfficerConsultationPage,
  OfficerConsultationsPage,
  OfficerMessagePage,
  OfficerMessagesPage,
} from './officer-participation-pages.js'
import { asOfQuery, officerOf, officerWriter, todayOf } from './officer-session.js'
import type { PortalContext } from './portal-context.js'
import { formValues, notFound, page, text } from './responses.js'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * 政民互动 and 意见征集: the public pages (published answers, consultations, a document's
 * 意见征集情况) and the officers' (their organ's messages and consultations with clocks, the answer
 * and feedback forms; another organ's item is a 404).
 */
export function participationRoutes(app: Hono, ctx: PortalContext): void {
  const { source } = ctx

  app.get('/zmhd', async (c) => {
    const requested = Number.parseInt(c.req.query('page') ?? '1', 10)
    const pageNo = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 100_000) : 1
    const [list, organs] = await Promise.all([
      source.publishedAnswers((pageNo - 1) * ANSWERS_PAGE, ANSWERS_PAGE),
      source.organs(),
    ])
    return page(
      c,
      <AnswersPage items={list.items} total={list.total} page={pageNo} organs={organs} />
    )
  })

  app.get('/zmhd/:id', async (c) => {
    const id = c.req.param('id')
    const message = await source.publishedAnswer(id)
    if (!message) return notFound(c, `答复“${id}”`)
    return page(c, <AnswerPage message={message} organs={await source.organs()} />)
  })

  app.get('/yjzj', async (c) => {
    const [items, organs] = await Promise.all([source.consultations(), source.organs()])
    return page(c, <ConsultationsPage items={items} organs={organs} />)
  })

  app.get('/yjzj/:id', async (c) => {
    const id = c.req.param('id')
    const consultation = await source.consultation(id)
    if (!consultation) return notFound(c, `意见征集“${id}”`)
    return page(c, <ConsultationPage consultation={consultation} organs={await source.organs()} />)
  })

  app.get('/documents/view', async (c) => {
    const id = text(c.req.query('id'), 500)
    const item = id ? await source.document(id) : undefined
    if (!item) return notFound(c, '该文件')
    return page(
      c,
      <DocumentPage item={item} consultations={await source.documentConsultations(item)} />
    )
  })

  /** The officer's organ name (its id when config no longer has it). */
  const organName = async (organ: string) =>
    (await source.organs()).find((o) => o.id === organ)?.name ?? organ

  app.get('/officer/messages', async (c) => {
    const who = await officerOf(ctx, c)
    if (who.refused) return who.refused
    const asOf = asOfQuery(c)
    const [list, name] = await Promise.all([
      source.organMessages(who.organ, asOf),
      organName(who.organ),
    ])
    return page(
      c,
      <OfficerMessagesPage
        organName={name}
        items={list.items}
        asOf={asOf ?? todayOf(ctx)}
        csrf={who.session.csrf}
      />
    )
  })

  const messagePage = async (
    c: Context,
    organ: string,
    csrf: string,
    form: AnswerFormState,
    saved = false
  ) => {
    const id = c.req.param('id') ?? ''
    // Another organ's message is absent to this officer, exactly like one that does not exist.
    const message = await source.organMessage(organ, id)
    if (!message) return notFound(c, `留言“${id}”`)
    return page(
      c,
      <OfficerMessagePage
        message={message}
        asOf={todayOf(ctx)}
        csrf={csrf}
        form={form}
        saved={saved}
      />,
      form.errors.length ? 422 : 200
    )
  }

  app.get('/officer/messages/:id', async (c) => {
    const who = await officerOf(ctx, c)
    if (who.refused) return who.refused
    const form = { text: '', date: todayOf(ctx), publish: false, errors: [] }
    return messagePage(c, who.organ, who.session.csrf, form, c.req.query('saved') === '1')
  })

  app.post('/officer/messages/:id/answer', async (c) => {
    const values = await formValues(c)
    const who = await officerWriter(ctx, c, values)
    if (who.refused) return who.refused
    const id = c.req.param('id')
    const form: AnswerFormState = {
      text: text(values.text, 20_000),
      date: text(values.date, 10),
      publish: values.publish === 'yes',
      errors: [],
    }
    if (!form.text) form.errors.push('请填写答复内容。')
    if (!DATE.test(form.date)) form.errors.push('答复日期应为 年-月-日，例如 2024-05-06。')
    if (form.errors.length === 0) {
      const answer = { text: form.text, date: form.date, publish: form.publish }
      const r = await source.answerMessage(who.organ, id, answer, who.session.tokenId)
      if (!r) return notFound(c, `留言“${id}”`)
      if (r.ok) {
        ctx.audit?.target(c, `messages/${id}`)
        return c.redirect(`/officer/messages/${encodeURIComponent(id)}?saved=1`, 303)
      }
      form.errors.push(...r.errors.map((e) => e.message))
    }
    return messagePage(c, who.organ, who.session.csrf, form)
  })

  app.get('/officer/consultations', async (c) => {
    const who = await officerOf(ctx, c)
    if (who.refused) return who.refused
    const asOf = asOfQuery(c)
    const [items, name] = await Promise.all([
      source.organConsultations(who.organ, asOf),
      organName(who.organ),
    ])
    return page(
      c,
      <OfficerConsultationsPage
        organName={name}
        items={items}
        asOf={asOf ?? todayOf(ctx)}
        csrf={who.session.csrf}
      />
    )
  })

  const consultationPage = async (
    c: Context,
    organ: string,
    csrf: string,
    form: FeedbackFormState | undefined,
    saved = false
  ) => {
    const id = c.req.param('id') ?? ''
    const consultation = await source.organConsultation(organ, id)
    if (!consultation) return notFound(c, `意见征集“${id}”`)
    const shown = form ?? {
      collected: String(consultation.opinions.total),
      adopted: '',
      reasons: '',
      date: todayOf(ctx),
      errors: [],
    }
    return page(
      c,
      <OfficerConsultationPage
        consultation={consultation}
        asOf={todayOf(ctx)}
        csrf={csrf}
        form={shown}
        saved={saved}
      />,
      shown.errors.length ? 422 : 200
    )
  }

  app.get('/officer/consultations/:id', async (c) => {
    const who = await officerOf(ctx, c)
    if (who.refused) return who.refused
    return consultationPage(c, who.organ, who.session.csrf, undefined, c.req.query('saved') === '1')
  })

  app.post('/officer/consultations/:id/feedback', async (c) => {
    const values = await formValues(c)
    const who = await officerWriter(ctx, c, values)
    if (who.refused) return who.refused
    const id = c.req.param('id')
    const form: FeedbackFormState = {
      collected: text(values.collected, 12),
      adopted: text(values.adopted, 12),
      reasons: text(values.reasons, 50_000),
      date: text(values.date, 10),
      errors: [],
    }
    const count = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : undefined)
    const collected = count(form.collected)
    const adopted = count(form.adopted)
    if (collected === undefined) form.errors.push('收集意见应为不小于 0 的整数。')
    if (adopted === undefined) form.errors.push('采纳意见应为不小于 0 的整数。')
    if (!DATE.test(form.date)) form.errors.push('公布日期应为 年-月-日，例如 2024-05-06。')
    if (collected !== undefined && adopted !== undefined && form.errors.length === 0) {
      const notAdoptedReasons = form.reasons
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
      const r = await source.publishFeedback(
        who.organ,
        id,
        { date: form.date, collected, adopted, notAdoptedReasons },
        who.session.tokenId
      )
      if (!r) return notFound(c, `意见征集“${id}”`)
      if (r.ok) {
        ctx.audit?.target(c, `consultations/${id}`)
        return c.redirect(`/officer/consultations/${encodeURIComponent(id)}?saved=1`, 303)
      }
      form.errors.push(...r.errors.map((e) => e.message))
    }
    return consultationPage(c, who.organ, who.session.csrf, form)
  })
}
