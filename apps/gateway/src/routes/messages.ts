import type { OfficerMessage } from '@gongkai/cases'
import type { Organ } from '@gongkai/store'
import type { Context, Hono } from 'hono'
import type { TokenInfo } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import {
  checkId,
  checkQuery,
  parseDate,
  parseEnum,
  parseLimit,
  parseOffset,
  pathId,
} from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise } from '../middleware/authorise.js'
import { authoriseOrganItem, readableOrgans } from './organ-cases.js'
import { cases, readSmallBody } from './requests.js'

const messageAbsent = (id: string) => () =>
  new ApiError('not_found', `message "${id}" does not exist`, { message: id })

const dateParam = (value: string | undefined, name: string): string | undefined => {
  const d = parseDate(value, name)
  if (d !== undefined && d.length !== 10) throw badParam(name, 'a date YYYY-MM-DD', d)
  return d
}

/** What an admin or the operator reads of a message: the clock and the texts, never the sender. */
const withoutSender = (m: OfficerMessage): Omit<OfficerMessage, 'sender'> => {
  const { sender: _s, ...rest } = m
  return rest
}

/**
 * 政民互动 messages. Without a token, `GET /api/v1/messages[/:id]` answers the published answers
 * (question and answer, never the sender); with one, an organ's officer reads and writes its organ's
 * messages with the sender, an admin its organisation's and the operator all, without the sender.
 */
export function messageRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const organs = deps.config.organs
  const organOf = (id: string): Organ | undefined => organs.find((o) => o.id === id)
  const readable = (token: TokenInfo): Organ[] => readableOrgans(organs, token)

  const guard = (c: Context<Env>, id: string, action: 'message.read' | 'message.event') =>
    authoriseOrganItem(
      c,
      organs,
      action,
      messageAbsent(id),
      async () => (await deps.messages.show(id)).organ
    )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/messages',
      summary:
        'Record a 政民互动 message of an organ (its officer): 5 working days to answer, 1 if simple',
      tag: 'messages',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['organ', 'channel', 'received'],
        properties: {
          organ: { type: 'string' },
          channel: { enum: ['website', 'hotline_12345', 'mailbox', 'other'] },
          received: { type: 'string', format: 'date' },
          simple: { type: 'boolean' },
          question: {
            type: 'string',
            description: 'published with the answer when it is published',
          },
          sender: { type: 'string', description: 'personal data: never published' },
        },
      },
      response: { type: 'object', properties: { id: { type: 'string' } } },
    },
    async (c) => {
      requireToken(c)
      const body = await readSmallBody(c)
      const organId = typeof body.organ === 'string' ? body.organ : ''
      authorise(c, 'message.create', {
        org: organOf(organId)?.org,
        absent: () =>
          new ApiError('not_found', `organ "${organId}" does not exist`, { organ: organId }),
        scope: organId,
      })
      const { id } = await cases(() => deps.messages.add(body))
      c.set('auditTarget', `messages/${id}`)
      return sendJson(
        c,
        { id },
        { status: 201, headers: { location: `${deps.config.baseUrl}/api/v1/messages/${id}` } }
      )
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/messages',
      summary:
        'Without a token: published answers, newest first. With one: the messages the caller may read, with clocks (open ones by due date)',
      tag: 'messages',
      query: {
        organ: 'one organ id',
        status: 'with a token: open (default), ended or all',
        asOf: 'with a token: read clocks on this date (default today)',
        limit: 'page size (default 50, at most 500)',
        offset: 'items to skip',
      },
    },
    async (c) => {
      const q = checkQuery(c, ['organ', 'status', 'asOf', 'limit', 'offset'])
      const limit = parseLimit(q.limit)
      const offset = parseOffset(q.offset, 'offset')
      const organ = q.organ === undefined ? undefined : checkId('organ', q.organ)
      if (!c.req.header('authorization')) {
        if (q.status !== undefined || q.asOf !== undefined)
          throw badParam(
            q.status !== undefined ? 'status' : 'asOf',
            'a token (published answers have neither)',
            q.status ?? q.asOf
          )
        const r = await cases(() =>
          deps.messages.published({ limit, offset, ...(organ ? { organ } : {}) })
        )
        const next = offset + r.items.length < r.total ? offset + r.items.length : null
        return sendJson(c, { items: r.items, total: r.total, next }, { cache: 'list' })
      }
      const token = requireToken(c)
      const status = parseEnum(q.status, 'status', ['open', 'ended', 'all'] as const) ?? 'open'
      const asOf = dateParam(q.asOf, 'asOf')
      authorise(c, 'message.read', {
        org: token.org,
        absent: () => new ApiError('not_found', 'no messages'),
      })
      let visible = readable(token).map((o) => o.id)
      if (organ !== undefined) {
        if (!visible.includes(organ))
          throw new ApiError('not_found', `organ "${organ}" does not exist`, { organ })
        visible = [organ]
      }
      const r = await cases(() =>
        deps.messages.list({ organ: visible, status, limit, offset, ...(asOf ? { asOf } : {}) })
      )
      const items = token.role === 'officer' ? r.items : r.items.map(withoutSender)
      const next = offset + items.length < r.total ? offset + items.length : null
      return sendJson(c, { items, total: r.total, next }, { cache: 'private' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/messages/:id',
      summary:
        'Without a token: a published answer (404 otherwise). With one: the message with its events and clock',
      tag: 'messages',
      query: { asOf: 'with a token: read the clock on this date (default today)' },
    },
    async (c) => {
      const id = pathId(c, 'id')
      const q = checkQuery(c, ['asOf'])
      if (!c.req.header('authorization')) {
        if (q.asOf !== undefined)
          throw badParam('asOf', 'a token (a published answer has no clock)', q.asOf)
        return sendJson(c, await cases(() => deps.messages.showPublished(id)), { cache: 'list' })
      }
      const asOf = dateParam(q.asOf, 'asOf')
      const token = await guard(c, id, 'message.read')
      const m = await cases(() => deps.messages.show(id, asOf ? { asOf } : {}))
      return sendJson(c, token.role === 'officer' ? m : withoutSender(m), { cache: 'private' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/messages/:id/events',
      summary:
        'Append transferred { organ }, answered { text, publish } or closed to a message (its organ’s officer); 422 personal_information when a published text holds personal data',
      tag: 'messages',
      access: 'token',
      status: 201,
      body: {
        type: 'object',
        required: ['type', 'date'],
        properties: {
          type: { enum: ['transferred', 'answered', 'closed'] },
          date: { type: 'string', format: 'date' },
        },
      },
    },
    async (c) => {
      const id = pathId(c, 'id')
      const token = await guard(c, id, 'message.event')
      const body = await readSmallBody(c)
      // An officer transfers only to an organ of its own organisation.
      if (body.type === 'transferred' && typeof body.organ === 'string') {
        const to = organOf(body.organ)
        if (!to || to.org !== token.org)
          throw badParam('organ', "an organ of the caller's organisation", body.organ)
      }
      c.set('auditTarget', `messages/${id}`)
      const r = await cases(() => deps.messages.appendEvent(id, body))
      // Any event may change what is published (an answer with publish: true adds one): the
      // index follows the published answers, as the portal's /zmhd shows them.
      await deps.search.afterWrite(['answer'])
      return sendJson(c, r, { status: 201 })
    }
  )
}
