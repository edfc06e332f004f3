import { createHash } from 'node:crypto'
import { SEARCH_TYPES, type SearchType } from '@gongkai/search'
import type { Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { badParam } from '../http/api-error.js'
import {
  checkId,
  checkQuery,
  decodeCursor,
  encodeCursor,
  parseEnum,
  parseLimit,
  parseText,
} from '../http/params.js'
import { sendJson } from '../http/respond.js'

/** Largest page of search results; a reader pages on with `cursor`. */
const SEARCH_MAX_LIMIT = 100
// Deep pages of a ranked list help nobody and cost a sort each: offsets stop here.
const MAX_OFFSET = 10_000

interface SearchCursor {
  o: number
  /** Fingerprint of the query the cursor belongs to. */
  f: string
}

const isCursor = (v: unknown): v is SearchCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as SearchCursor).o) &&
  (v as SearchCursor).o >= 0 &&
  typeof (v as SearchCursor).f === 'string'

/** Parsed and checked search parameters, shared by the API and the portal page. */
export interface SearchParams {
  q: string
  type?: SearchType
  field?: string
  organ?: string
  year?: number
  limit: number
  offset: number
  fingerprint: string
}

/** Checks the query parameters of a search; 400 naming the parameter on bad input. */
export function parseSearchParams(
  deps: Pick<GatewayDeps, 'config'>,
  q: Record<string, string>
): SearchParams {
  const text = parseText(q.q, 'q')
  if (!text) throw badParam('q', 'a search text of 1 to 200 characters', q.q ?? '')
  const type = parseEnum(q.type, 'type', SEARCH_TYPES)
  const field = q.field === undefined ? undefined : checkId('field', q.field)
  let organ = parseText(q.organ, 'organ')
  // An organ may be named by its id in the config's organs[] (e.g. civil-affairs) or by its name.
  if (organ) organ = deps.config.organs.find((o) => o.id === organ)?.name ?? organ
  let year: number | undefined
  if (q.year !== undefined) {
    if (!/^\d{4}$/.test(q.year)) throw badParam('year', 'a year such as 2021', q.year)
    year = Number(q.year)
  }
  const limit = parseLimit(q.limit, 20, SEARCH_MAX_LIMIT)
  const fingerprint = createHash('sha1')
    .update(JSON.stringify([text, type, field, organ, year]))
    .digest('base64url')
    .slice(0, 10)
  const cursor = decodeCursor(q.cursor, isCursor)
  if (cursor && cursor.f !== fingerprint)
    throw badParam('cursor', 'the `next` of a search with the same q and filters', q.cursor)
  if (cursor && cursor.o > MAX_OFFSET)
    throw badParam('cursor', `an offset up to ${MAX_OFFSET}`, q.cursor)
  return {
    q: text,
    ...(type ? { type } : {}),
    ...(field ? { field } : {}),
    ...(organ ? { organ } : {}),
    ...(year !== undefined ? { year } : {}),
    limit,
    offset: cursor?.o ?? 0,
    fingerprint,
  }
}

/** Runs a search: items, total, the cursor of the next page, facets and a "did you mean". */
export async function runSearch(deps: GatewayDeps, p: SearchParams) {
  const index = await deps.search.index()
  const r = await index.search(p)
  return {
    items: r.items,
    total: r.total,
    next: r.nextOffset !== undefined ? encodeCursor({ o: r.nextOffset, f: p.fingerprint }) : null,
    facets: r.facets,
    ...(r.didYouMean ? { didYouMean: r.didYouMean } : {}),
  }
}

/** `GET /api/v1/search`: one ranked search over entries, documents, datasets and answers. */
export function searchRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/search',
      summary: 'Search catalogue entries, documents, datasets and published answers',
      tag: 'search',
      query: {
        q: 'search text (everyday names, question forms, 文号; 1-200 characters)',
        type: 'entry | document | dataset | answer',
        field: 'a field code such as social_assistance',
        organ: 'an organ id of the config, or an issuer / publisher name',
        year: 'year published or issued (YYYY)',
        limit: `1-${SEARCH_MAX_LIMIT} (default 20)`,
        cursor: 'the `next` of the previous page',
      },
      description:
        'Answers `{ items: [{ type, id, title, url, score, highlights: [{ field, fragments }] }], total, next, facets, didYouMean? }`; fragments are HTML with the matches in <mark>.',
    },
    async (c) => {
      const q = checkQuery(c, ['q', 'type', 'field', 'organ', 'year', 'limit', 'cursor'])
      return sendJson(c, await runSearch(deps, parseSearchParams(deps, q)))
    }
  )
}
