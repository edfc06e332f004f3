import {
  type IssuedContent,
  issuedDocuments,
  ReportCheckError,
  ReportInputError,
  readReportFiles,
  renderAnnualReportCsv,
  renderAnnualReportHtml,
  renderAnnualReportJson,
} from '@gongkai/cases'
import type { Organ } from '@gongkai/store'
import type { Context, Hono } from 'hono'
import type { TokenInfo } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import { readJsonObject } from '../http/body.js'
import {
  checkId,
  checkQuery,
  parseDate,
  parseEnum,
  parseLimit,
  parseOffset,
  pathId,
} from '../http/params.js'
import { sendJson, sendText } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise } from '../middleware/authorise.js'
import { apiErrorOf, authoriseOrganItem, readableOrgans } from './organ-cases.js'

/** Largest body of a request or event write: a request is a few lines of text. */
const REQUEST_BODY_LIMIT = 64 * 1024

const REPORT_FORMATS = ['json', 'csv', 'html'] as const

export { apiErrorOf }

/** Runs a call into `@gongkai/cases`, answering its errors in the gateway's shape. */
export async function cases<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    throw apiErrorOf(err)
  }
}

/** A JSON object body of at most {@link REQUEST_BODY_LIMIT} bytes (413 beyond). */
export async function readSmallBody(c: Context<Env>): Promise<Record<string, unknown>> {
  const declared = Number(c.req.header('content-length') ?? 0)
  const tooLarge = () =>
    new ApiError('payload_too_large', `a request body is at most ${REQUEST_BODY_LIMIT} bytes`, {
      limit: REQUEST_BODY_LIMIT,
    })
  if (declared > REQUEST_BODY_LIMIT) throw tooLarge()
  const body = await readJsonObject(c)
  if (Buffer.byteLength(JSON.stringify(body)) > REQUEST_BODY_LIMIT) throw tooLarge()
  return body
}

const requestAbsent = (id: string) => () =>
  new ApiError('not_found', `request "${id}" does not exist`, { request: id })

/**
 * 依申请公开 requests (`@gongkai/cases`) and annual reports. An organ's officers enter requests and
 * their events and read them with the applicant's name and contact; an admin of the organ's
 * organisation and the operator read them without personal data; another organ's officer, or
 * another organisation, gets the 404 of an absent request. Annual reports are public.
 */
export function requestRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const organs = deps.config.organs
  const organOf = (id: string): Organ | undefined => organs.find((o) => o.id === id)

  /** The organs a caller may read: an officer its own, an admin its organisation's, the operator all. */
  const readable = (token: TokenInfo): Organ[] => readableOrgans(organs, token)

  /** The stored request's organ, then the role table on it (404 for whoever may not know it). */
  const guard = (c: Context<Env>, id: string, action: 'request.read' | 'request.event') =>
    authoriseOrganItem(
      c,
      organs,
      action,
      requestAbsent(id),
      async () => (await deps.cases.show(id, { view: 'public' })).organ
    )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/requests',
      summary: 'Record a 依申请公开 request of an organ (its officer)',
      tag: 'requests',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['organ', 'channel', 'applicant', 'received'],
        properties: {
          organ: { type: 'string', description: 'an organ id of config organs[]' },
          channel: { enum: ['in_person', 'letter', 'registered_mail', 'online', 'fax'] },
          applicant: {
            type: 'object',
            required: ['id', 'type'],
            properties: {
              id: { type: 'string' },
              type: {
                enum: [
                  'natural_person',
                  'commercial',
                  'research',
                  'public_interest',
                  'legal_services',
                  'other',
                ],
              },
              name: {
                type: 'string',
                description: 'personal data: shown to the organ’s officers only',
              },
              contact: {
                type: 'string',
                description: 'personal data: shown to the organ’s officers only',
              },
            },
          },
          subject: { type: 'string', description: 'the information asked for' },
          received: { type: 'string', format: 'date', description: 'the Art. 31 receipt date' },
        },
      },
      response: { type: 'object', properties: { id: { type: 'string' } } },
    },
    async (c) => {
      requireToken(c)
      const body = await readSmallBody(c)
      const organId = typeof body.organ === 'string' ? body.organ : ''
      const organ = organOf(organId)
      authorise(c, 'request.create', {
        org: organ?.org,
        absent: () =>
          new ApiError('not_found', `organ "${organId}" does not exist`, { organ: organId }),
        scope: organId,
      })
      const { id } = await cases(() => deps.cases.add(body))
      c.set('auditTarget', `requests/${id}`)
      return sendJson(
        c,
        { id },
        { status: 201, headers: { location: `${deps.config.baseUrl}/api/v1/requests/${id}` } }
      )
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/requests',
      summary:
        'Requests with their clocks (open ones by due date): an officer its organ’s, with personal data; an admin its organisation’s organs’, without',
      tag: 'requests',
      access: 'token',
      query: {
        organ: 'one organ id (default: every organ the caller may read)',
        status: 'open (default), closed or all',
        asOf: 'read clocks on this date (default today)',
        limit: 'page size (default 50, at most 500)',
        offset: 'items to skip',
      },
    },
    async (c) => {
      const token = requireToken(c)
      const q = checkQuery(c, ['organ', 'status', 'asOf', 'limit', 'offset'])
      const status = parseEnum(q.status, 'status', ['open', 'closed', 'all'] as const) ?? 'open'
      const asOf = parseDate(q.asOf, 'asOf')
      if (asOf !== undefined && asOf.length !== 10)
        throw badParam('asOf', 'a date YYYY-MM-DD', asOf)
      const limit = parseLimit(q.limit)
      const offset = parseOffset(q.offset, 'offset')
      // The role table first (403 for the other roles of the caller's own organisation).
      authorise(c, 'request.read', {
        org: token.org,
        absent: () => new ApiError('not_found', 'no requests'),
      })
      let visible = readable(token).map((o) => o.id)
      if (q.organ !== undefined) {
        const organ = checkId('organ', q.organ)
        if (!visible.includes(organ))
          throw new ApiError('not_found', `organ "${organ}" does not exist`, { organ })
        visible = [organ]
      }
      const view = token.role === 'officer' ? 'officer' : 'public'
      const r = await cases(() =>
        deps.cases.list({
          organ: visible,
          status,
          view: view as 'officer',
          limit,
          offset,
          ...(asOf ? { asOf } : {}),
        })
      )
      const next = offset + r.items.length < r.total ? offset + r.items.length : null
      return sendJson(c, { items: r.items, total: r.total, next }, { cache: 'private' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/requests/:id',
      summary:
        'One request with its events, clock and fee (personal data to the organ’s officers only)',
      tag: 'requests',
      access: 'token',
      query: { asOf: 'read the clock on this date (default today)' },
    },
    async (c) => {
      const id = pathId(c, 'id')
      const q = checkQuery(c, ['asOf'])
      const asOf = parseDate(q.asOf, 'asOf')
      if (asOf !== undefined && asOf.length !== 10)
        throw badParam('asOf', 'a date YYYY-MM-DD', asOf)
      const token = await guard(c, id, 'request.read')
      const options = asOf ? { asOf } : {}
      const detail =
        token.role === 'officer'
          ? await cases(() => deps.cases.show(id, options))
          : await cases(() => deps.cases.show(id, { ...options, view: 'public' }))
      return sendJson(c, detail, { cache: 'private' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/requests/:id/events',
      summary:
        'Append an event { type, date, …payload } to a request (its organ’s officer); 422 impossible_history names the event',
      tag: 'requests',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['type', 'date'],
        properties: { type: { type: 'string' }, date: { type: 'string', format: 'date' } },
      },
    },
    async (c) => {
      const id = pathId(c, 'id')
      await guard(c, id, 'request.event')
      const body = await readSmallBody(c)
      c.set('auditTarget', `requests/${id}`)
      const r = await cases(() => deps.cases.appendEvent(id, body))
      return sendJson(c, r, { status: 201 })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/annual-reports/:year',
      summary:
        'An organ’s 政府信息公开年度报告 (national format, 国办公开办函〔2021〕30号) from events dated by 31 December',
      tag: 'requests',
      query: {
        org: 'the organ id (required)',
        include: "a government's report: comma-separated organ ids whose cases it includes",
        format: 'json (default), csv (table,row,column,value) or html (printable)',
      },
      produces: ['application/json', 'text/csv', 'text/html'],
    },
    async (c) => {
      const yearText = c.req.param('year') ?? ''
      if (!/^\d{4}$/.test(yearText)) throw badParam('year', 'a year YYYY', yearText)
      const year = Number(yearText)
      const q = checkQuery(c, ['org', 'include', 'format'])
      if (q.org === undefined) throw badParam('org', 'an organ id')
      const organ = organOf(checkId('org', q.org))
      if (!organ)
        throw new ApiError('not_found', `organ "${q.org}" does not exist`, { organ: q.org })
      const format = parseEnum(q.format, 'format', REPORT_FORMATS) ?? 'json'
      const include = (q.include ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      const included = include.map((id) => {
        const o = organOf(checkId('include', id))
        if (!o || id === organ.id) throw badParam('include', 'other organs of config organs[]', id)
        return o
      })
      if (included.length && organ.kind !== 'government')
        throw badParam(
          'include',
          "nothing for a department (only a government's report includes others)",
          q.include
        )
      let files: ReturnType<typeof readReportFiles> = { text: {} }
      if (deps.config.reportsDir) {
        try {
          files = readReportFiles(deps.config.reportsDir, year, organ.id)
        } catch (err) {
          if (!(err instanceof ReportInputError)) throw err
          throw new ApiError('validation_failed', err.message, [
            { pointer: err.pointer, file: err.file },
          ])
        }
      }
      const report = await cases(async () =>
        deps.cases.annualReport({
          year,
          organ: { id: organ.id, name: organ.name, kind: organ.kind },
          include,
          contents: await issuedDocuments(
            deps.contentIndex.all() as AsyncIterable<IssuedContent>,
            [organ, ...included].map((o) => o.name)
          ),
          ...(files.declared ? { declared: files.declared } : {}),
          text: files.text,
        })
      )
      try {
        if (format === 'csv')
          return sendText(c, renderAnnualReportCsv(report), {
            cache: 'list',
            contentType: 'text/csv; charset=utf-8',
            headers: {
              'content-disposition': `attachment; filename="annual-report-${organ.id}-${year}.csv"`,
            },
          })
        if (format === 'html')
          return sendText(c, renderAnnualReportHtml(report), {
            cache: 'list',
            contentType: 'text/html; charset=utf-8',
          })
        return sendText(c, renderAnnualReportJson(report), { cache: 'list' })
      } catch (err) {
        // A report that fails its own arithmetic is a bug, never an answer.
        if (err instanceof ReportCheckError)
          throw new ApiError('internal', `annual report fails its check at ${err.cell}`)
        throw err
      }
    }
  )
}
