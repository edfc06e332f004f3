import { CasesError, type ConsultationView, type OfficerConsultation } from '@gongkai/cases'
import type { Organ } from '@gongkai/store'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { checkId, checkQuery, parseDate, parseEnum, pathId } from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise } from '../middleware/authorise.js'
import { apiErrorOf, cases, readSmallBody } from './requests.js'

const absentOf = (id: string) => () =>
  new ApiError('not_found', `consultation "${id}" does not exist`, { consultation: id })

const publicOf = (v: OfficerConsultation): ConsultationView => {
  const { events: _e, ...rest } = v
  return rest
}

const dateParam = (value: string | undefined): string | undefined => {
  const d = parseDate(value, 'asOf')
  if (d !== undefined && d.length !== 10) throw badParam('asOf', 'a date YYYY-MM-DD', d)
  return d
}

/**
 * 意见征集 consultations: public reads (what was collected, adopted, and why not; per policy with
 * `?contentId=`), writes by the organ's officer.
 */
export function consultationRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const organOf = (id: string): Organ | undefined => deps.config.organs.find((o) => o.id === id)

  const guard = async (c: Context<Env>, id: string) => {
    requireToken(c)
    let organId: string
    try {
      organId = (await deps.consultations.show(id)).organ
    } catch (err) {
      if (err instanceof CasesError && err.code === 'not_found') throw absentOf(id)()
      throw apiErrorOf(err)
    }
    return authorise(c, 'consultation.event', {
      org: organOf(organId)?.org,
      absent: absentOf(id),
      scope: organId,
    })
  }

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/consultations',
      summary: 'Record a 意见征集 on a draft document (the organ’s officer)',
      tag: 'consultations',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['organ', 'title', 'opened', 'closes'],
        properties: {
          organ: { type: 'string' },
          title: { type: 'string' },
          opened: { type: 'string', format: 'date' },
          closes: { type: 'string', format: 'date' },
        },
      },
      response: { type: 'object', properties: { id: { type: 'string' } } },
    },
    async (c) => {
      requireToken(c)
      const body = await readSmallBody(c)
      const organId = typeof body.organ === 'string' ? body.organ : ''
      authorise(c, 'consultation.create', {
        org: organOf(organId)?.org,
        absent: () =>
          new ApiError('not_found', `organ "${organId}" does not exist`, { organ: organId }),
        scope: organId,
      })
      const { id } = await cases(() => deps.consultations.add(body))
      c.set('auditTarget', `consultations/${id}`)
      return sendJson(
        c,
        { id },
        { status: 201, headers: { location: `${deps.config.baseUrl}/api/v1/consultations/${id}` } }
      )
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/consultations',
      summary: 'Consultations with opinion counts by channel, the issued document and the feedback',
      tag: 'consultations',
      query: {
        organ: 'one organ id',
        status: 'open (collecting), pending (feedback not yet published) or all (default)',
        contentId: 'only the consultations whose issued document is this content item',
        asOf: 'read on this date (default today)',
      },
    },
    async (c) => {
      const q = checkQuery(c, ['organ', 'status', 'contentId', 'asOf'])
      const asOf = dateParam(q.asOf)
      if (q.contentId !== undefined) {
        const contentId = q.contentId
        if (contentId === '' || contentId.length > 500)
          throw badParam('contentId', 'a content id', contentId)
        const items = await cases(() =>
          deps.consultations.ofContent(contentId, asOf ? { asOf } : {})
        )
        return sendJson(c, { items, total: items.length }, { cache: 'list' })
      }
      const status = parseEnum(q.status, 'status', ['open', 'pending', 'all'] as const) ?? 'all'
      const organ = q.organ === undefined ? undefined : checkId('organ', q.organ)
      const r = await cases(() =>
        deps.consultations.list({ status, ...(organ ? { organ } : {}), ...(asOf ? { asOf } : {}) })
      )
      return sendJson(c, { items: r.items.map(publicOf), total: r.total }, { cache: 'list' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/consultations/:id',
      summary: 'One consultation (public), with its history to the organ’s officer',
      tag: 'consultations',
      query: { asOf: 'read on this date (default today)' },
    },
    async (c) => {
      const id = pathId(c, 'id')
      const q = checkQuery(c, ['asOf'])
      const asOf = dateParam(q.asOf)
      const v = await cases(() => deps.consultations.show(id, asOf ? { asOf } : {}))
      return sendJson(c, publicOf(v), { cache: 'list' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/consultations/:id/events',
      summary:
        'Append opinions_received { channel, count, texts? }, document_issued { contentId } or feedback_published { collected, adopted, notAdoptedReasons } (the organ’s officer)',
      tag: 'consultations',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['type', 'date'],
        properties: {
          type: { enum: ['opinions_received', 'document_issued', 'feedback_published'] },
          date: { type: 'string', format: 'date' },
        },
      },
    },
    async (c) => {
      const id = pathId(c, 'id')
      await guard(c, id)
      const body = await readSmallBody(c)
      c.set('auditTarget', `consultations/${id}`)
      const r = await cases(() => deps.consultations.appendEvent(id, body))
      return sendJson(c, r, { status: 201 })
    }
  )
}
