import { schemas, vocabularies } from '@gongkai/schema'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import {
  checkQuery,
  decodeCursor,
  encodeCursor,
  parseEnum,
  parseLimit,
  parseText,
  pathId,
} from '../http/params.js'
import { type PreparedAnswer, prepareAnswer, sendPrepared } from '../http/prepared-answer.js'
import { sendJson, sendText } from '../http/respond.js'
import type { PreparedCatalogue } from '../services/catalogue-registry.js'
import { familyBindings } from '../services/family-bindings.js'
import { StampedCache } from '../services/stamped-cache.js'

const isAfter = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string'

const kindSchema = (schemas.catalogue.properties as { kind?: { enum?: string[] } } | undefined)
  ?.kind
/** Catalogue kinds (the `kind` enum of catalogue.schema.json). */
const CATALOGUE_KINDS: readonly string[] = kindSchema?.enum ?? []
/** Field codes (vocabularies/fields.json). */
export const FIELD_CODES: readonly string[] = vocabularies.fields.items.map((t) => t.code)
/** Sector codes (vocabularies/sectors.json). */
const SECTOR_CODES: readonly string[] = vocabularies.sectors.items.map((t) => t.code)

const idRef = {
  type: ['object', 'null'],
  required: ['id', 'version'],
  properties: { id: { type: 'string' }, version: { type: 'string' } },
}

/** The answer of `GET /api/v1/catalogues`: a page of catalogue summaries. */
const CATALOGUE_LIST_SCHEMA = {
  type: 'object',
  required: ['items', 'total', 'next'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'id',
          'title',
          'kind',
          'field',
          'sector',
          'template',
          'organisation',
          'version',
          'entryCount',
          'extends',
          'top',
        ],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          kind: { enum: ['standard', 'residents_committee', 'public_institution'] },
          field: { type: ['string', 'null'] },
          sector: { type: ['string', 'null'] },
          template: { type: 'boolean' },
          organisation: { type: ['string', 'null'] },
          version: { type: 'string' },
          entryCount: { type: 'integer', description: 'Entries of the resolved catalogue' },
          extends: { ...idRef, description: 'The catalogue this layer builds on, or null' },
          top: {
            type: 'boolean',
            description:
              "The layer the workspace works on: its field's layer at the configured level",
          },
        },
      },
    },
    total: { type: 'integer' },
    next: { type: ['string', 'null'] },
  },
}

/** The catalogue, or 404 naming it. */
async function findCatalogue(deps: GatewayDeps, id: string): Promise<PreparedCatalogue> {
  const p = await deps.catalogues.get(id)
  if (!p) throw new ApiError('not_found', `catalogue "${id}" does not exist`, { catalogue: id })
  return p
}

/** The entry of a catalogue, or 404 naming both. */
export async function findEntry(deps: GatewayDeps, c: Context<Env>) {
  const catalogueId = pathId(c, 'id')
  const entryId = pathId(c, 'entryId')
  const p = await findCatalogue(deps, catalogueId)
  const e = p.entries.get(entryId)
  if (!e) {
    throw new ApiError('not_found', `catalogue "${catalogueId}" has no entry "${entryId}"`, {
      catalogue: catalogueId,
      entry: entryId,
    })
  }
  return { prepared: p, ...e }
}

// `{"id":…,"title":…,"version":…}` of each catalogue, built once: the entry lookup is the hot path.
const refs = new WeakMap<PreparedCatalogue, string>()
function refJson(p: PreparedCatalogue): string {
  let r = refs.get(p)
  if (!r) {
    const { id, title, version, kind } = p.catalogue
    r = JSON.stringify({ id, title, kind, version })
    refs.set(p, r)
  }
  return r
}

/** Catalogue routes: list, show, and the one-click entry lookup with bound content. */
export function catalogueRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const entryAnswers = new StampedCache<PreparedAnswer>(5000)
  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/catalogues',
      summary: 'List catalogues (summaries), every layer with what it extends',
      tag: 'catalogues',
      description:
        "Every catalogue, each layer of a field included (`social_assistance`, `social_assistance.sh`, `social_assistance.changning-2021`): `extends` names the catalogue a layer builds on, `top` marks the layer the workspace works on (its field's layer at the configured level). `GET /api/v1/catalogues/{id}` always answers a layer resolved, with its inherited entries.",
      query: {
        kind: 'standard | residents_committee | public_institution',
        field: 'field code, e.g. compulsory_education',
        sector: 'sector code (public institutions)',
        top: "true: only the workspace's top layers (and standalone catalogues); false: only the others",
        q: 'text in the title',
        cursor: 'the `next` of the previous page',
        limit: 'page size, 1-500 (default 50)',
      },
      response: CATALOGUE_LIST_SCHEMA,
    },
    async (c) => {
      const q = checkQuery(c, ['kind', 'field', 'sector', 'top', 'q', 'cursor', 'limit'])
      const limit = parseLimit(q.limit)
      const after = decodeCursor(q.cursor, isAfter)?.after
      const text = parseText(q.q, 'q')
      // A code nobody can have is a typo: 400 listing the codes, never a silently empty page.
      parseEnum(q.kind, 'kind', CATALOGUE_KINDS)
      parseEnum(q.field, 'field', FIELD_CODES)
      parseEnum(q.sector, 'sector', SECTOR_CODES)
      parseEnum(q.top, 'top', ['true', 'false'])
      const all = (await deps.catalogues.list())
        .map((p) => p.summary)
        .filter(
          (s) =>
            (!q.kind || s.kind === q.kind) &&
            (!q.field || s.field === q.field) &&
            (!q.sector || s.sector === q.sector) &&
            (!q.top || String(s.top) === q.top) &&
            (!text || s.title.includes(text) || s.id.includes(text))
        )
      const start = after === undefined ? 0 : all.findIndex((s) => s.id === after) + 1
      const items = all.slice(start, start + limit)
      const last = items[items.length - 1]
      const next = start + limit < all.length && last ? encodeCursor({ after: last.id }) : null
      return sendJson(c, { items, total: all.length, next }, { cache: 'list' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/catalogues/:id',
      summary: 'A catalogue with all its entries (a layer resolved)',
      tag: 'catalogues',
      description:
        'A layer is answered resolved: the entries of the catalogues below it with its operations applied, no `operations`; `extends` names its base and `removed` the ids it removed (they stay reserved). Each entry carries its `source` (status N, SH, L or ?, the document, copies).',
      response: 'catalogue',
    },
    async (c) => {
      checkQuery(c, [])
      const p = await findCatalogue(deps, pathId(c, 'id'))
      return sendText(c, p.json, { cache: 'item' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: '/api/v1/catalogues/:id/entries/:entryId',
      summary: 'One entry with the content bound to it (the one-click lookup)',
      tag: 'catalogues',
      description:
        '`content` lists the published items bound to the entry by the linker, each with `binding` {method, confidence, rule}; empty when none. `contentIndex` is always "available" (kept for clients that read it).',
    },
    async (c) => {
      if (c.req.url.includes('?')) checkQuery(c, [])
      const { prepared, json } = await findEntry(deps, c)
      const entryId = c.req.param('entryId') as string
      const index = deps.contentIndex
      // Bindings and content items change only by commits to the store: while its stamp holds,
      // the answer built last time (body, ETag, headers) is still the answer.
      const stamp = index ? await deps.stamp() : 'no-index'
      const key = `${prepared.catalogue.id}\n${entryId}`
      let a = entryAnswers.get(key, stamp)
      if (!a) {
        let content = '[]'
        if (index) {
          // Bound in this catalogue or another layer of its field: the same row (same entry id).
          const bound = await familyBindings(index, prepared.family, entryId)
          if (bound.length) {
            content = JSON.stringify(
              bound.map(({ item, ...binding }) => ({
                ...item,
                binding: {
                  method: binding.method,
                  confidence: binding.confidence,
                  rule: binding.rule ?? null,
                },
              }))
            )
          }
        }
        a = prepareAnswer(
          `{"catalogue":${refJson(prepared)},"entry":${json},"content":${content},"contentIndex":"available"}`,
          { cache: 'list' }
        )
        entryAnswers.set(key, stamp, a)
      }
      return sendPrepared(c, a)
    }
  )
}
