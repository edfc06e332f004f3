import { escapeXml } from '@gongkai/text'
import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { checkQuery } from '../http/params.js'
import { sendText } from '../http/respond.js'
import { publicEvents } from '../services/public-events.js'

/**
 * `GET /feeds/updates.atom`: Atom 1.0 of new and changed datasets and records, newest first; never
 * an event of a 非开放 dataset.
 */
export function feedRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/feeds/updates.atom',
      summary: 'Atom feed of published, corrected and withdrawn datasets and records',
      tag: 'feeds',
      produces: ['application/atom+xml'],
    },
    async (c) => {
      checkQuery(c, [])
      const base = deps.config.baseUrl
      const events = await publicEvents(deps, 100)
      const host = new URL(base).hostname
      const updated = events[0]?.at ?? new Date(0).toISOString()
      const entries = events
        .map((e) => {
          const link = e.link.startsWith('http') ? e.link : `${base}${e.link}`
          // tag: URIs (RFC 4151) stay stable when the portal moves.
          const id = `tag:${host},2021:${e.target}`
          return `<entry><id>${escapeXml(id)}</id><title>${escapeXml(e.title)}</title><updated>${escapeXml(e.at)}</updated><link rel="alternate" href="${escapeXml(link)}"/><category term="${escapeXml(e.kind)}"/>${
            e.summary ? `<summary>${escapeXml(e.summary)}</summary>` : ''
          }</entry>`
        })
        .join('')
      const xml = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(`${base}/feeds/updates.atom`)}</id><title>${escapeXml(deps.config.organisation.name)} 政务公开更新</title><updated>${escapeXml(updated)}</updated><author><name>${escapeXml(deps.config.organisation.name)}</name></author><link rel="self" href="${escapeXml(`${base}/feeds/updates.atom`)}"/><link rel="alternate" href="${escapeXml(`${base}/`)}"/>${entries}</feed>`
      return sendText(c, xml, { contentType: 'application/atom+xml; charset=utf-8', cache: 'list' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/feeds/messages.atom',
      summary:
        'Atom feed of published 政民互动 answers (question and answer, never the sender), newest first',
      tag: 'feeds',
      produces: ['application/atom+xml'],
    },
    async (c) => {
      checkQuery(c, [])
      const base = deps.config.baseUrl
      const host = new URL(base).hostname
      const { items } = await deps.messages.published({ limit: 100 })
      const organName = (id: string) => deps.config.organs.find((o) => o.id === id)?.name ?? id
      // Answer dates are civil dates in China: midnight Beijing time.
      const at = (date: string) => `${date}T00:00:00+08:00`
      const updated = items[0] ? at(items[0].answer.date) : new Date(0).toISOString()
      const self = `${base}/feeds/messages.atom`
      const entries = items
        .map((m) => {
          const title = `${organName(m.organ)}答复：${(m.question ?? m.id).slice(0, 60)}`
          const content = `问：${m.question ?? '（未公开问题）'}\n答：${m.answer.text}`
          return `<entry><id>${escapeXml(`tag:${host},2021:messages/${m.id}`)}</id><title>${escapeXml(title)}</title><updated>${escapeXml(at(m.answer.date))}</updated><link rel="alternate" href="${escapeXml(`${base}/zmhd/${encodeURIComponent(m.id)}`)}"/><category term="message"/><content type="text">${escapeXml(content)}</content></entry>`
        })
        .join('')
      const name = escapeXml(deps.config.organisation.name)
      const xml = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(self)}</id><title>${name} 政民互动答复</title><updated>${escapeXml(updated)}</updated><author><name>${name}</name></author><link rel="self" href="${escapeXml(self)}"/><link rel="alternate" type="text/html" href="${escapeXml(`${base}/zmhd`)}"/>${entries}</feed>`
      return sendText(c, xml, { contentType: 'application/atom+xml; charset=utf-8', cache: 'list' })
    }
  )
}
