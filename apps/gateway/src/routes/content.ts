import { displayedItem } from '@gongkai/linker'
import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, badParam } from '../http/api-error.js'
import {
  checkId,
  checkQuery,
  decodeCursor,
  encodeCursor,
  parseDate,
  parseLimit,
  parseText,
} from '../http/params.js'
import { sendJson } from '../http/respond.js'

const isOffset = (v: unknown): v is { offset: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { offset?: unknown }).offset)

/** `GET /api/v1/content`: published content items, optionally those bound to one entry. */
export function contentRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/content',
      summary: 'Content items of the site (all, or bound to one catalogue entry)',
      tag: 'content',
      query: {
        entry: '<catalogue id>/<entry id>: only items bound to this entry',
        q: 'text in title, 索引号, 发文字号',
        from: 'published on or after (YYYY-MM-DD)',
        to: 'published on or before (YYYY-MM-DD)',
        cursor: 'the `next` of the previous page',
        limit: '1-500 (default 50)',
      },
    },
    async (c) => {
      const q = checkQuery(c, ['entry', 'q', 'from', 'to', 'cursor', 'limit'])
      const limit = parseLimit(q.limit)
      const text = parseText(q.q, 'q')
      const from = parseDate(q.from, 'from')
      const to = parseDate(q.to, 'to')
      if (from !== undefined && to !== undefined && from.slice(0, 10) > to.slice(0, 10))
        throw badParam('to', `a date on or after from (${from})`, to)
      let entry: { catalogue: string; entry: string } | undefined
      if (q.entry !== undefined) {
        const [cat, ent, ...rest] = q.entry.split('/')
        if (!cat || !ent || rest.length)
          throw badParam('entry', '<catalogue id>/<entry id>', q.entry)
        entry = { catalogue: checkId('entry', cat), entry: checkId('entry', ent) }
      }
      const index = deps.contentIndex
      if (!entry) {
        if (q.cursor !== undefined && !/^[A-Za-z0-9_=.-]{1,4000}$/.test(q.cursor))
          throw badParam('cursor', 'a cursor returned as `next`', q.cursor)
        const page = await index.query({ q: text, from, to, limit, cursor: q.cursor })
        return sendJson(
          c,
          { items: page.items.map(displayedItem), total: page.total, next: page.next },
          { cache: 'list' }
        )
      }
      const cat = await deps.catalogues.get(entry.catalogue)
      if (!cat?.entries.has(entry.entry))
        throw new ApiError('not_found', `entry "${q.entry}" does not exist`, { entry: q.entry })
      const offset = decodeCursor(q.cursor, isOffset)?.offset ?? 0
      const needle = text?.toLowerCase()
      const day = (s: string | undefined) => (s ?? '').slice(0, 10)
      const bound = (await index.bindingsForEntry(entry.catalogue, entry.entry))
        .filter(({ item }) => {
          const published = day(item.publishedAt)
          return (
            (!needle ||
              `${item.title}\n${item.indexNo ?? ''}\n${item.docNo ?? ''}`
                .toLowerCase()
                .includes(needle)) &&
            (!from || published >= day(from)) &&
            (!to || (published !== '' && published <= day(to)))
          )
        })
        .map(({ item, ...b }) => ({
          ...displayedItem(item),
          binding: { method: b.method, confidence: b.confidence, rule: b.rule ?? null },
        }))
      const items = bound.slice(offset, offset + limit)
      const next = offset + limit < bound.length ? encodeCursor({ offset: offset + limit }) : null
      return sendJson(c, { items, total: bound.length, next }, { cache: 'list' })
    }
  )
}
