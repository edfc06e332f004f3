import { maskExpiredPublicity, scanRecord } from '@gongkai/privacy'
import { compileRecordSchema } from '@gongkai/schema'
import type { Context, Hono } from 'hono'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError, personalInformation } from '../http/api-error.js'
import { onlyKeys, readJsonObject, requiredString } from '../http/body.js'
import {
  checkQuery,
  decodeCursor,
  encodeCursor,
  parseEnum,
  parseLimit,
  pathId,
} from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise } from '../middleware/authorise.js'
import { catalogueOrg } from '../services/catalogue-owner.js'
import type { PreparedCatalogue } from '../services/catalogue-registry.js'
import type { DisclosureRecord } from '../services/records.js'
import { findEntry } from './catalogues.js'

const isAfter = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string'

/**
 * The entry a record write goes to, with the caller authorised by the role table: a publisher of
 * the organisation that owns the catalogue, or the residents' committee whose token is scoped to
 * exactly this catalogue; callers of another organisation get the catalogue's own 404. Templates
 * take no records (409).
 */
async function writableEntry(
  c: Context<Env>,
  deps: GatewayDeps,
  action: 'record.publish' | 'record.correct' | 'record.withdraw'
) {
  requireToken(c)
  const catalogueId = pathId(c, 'id')
  const absent = () =>
    new ApiError('not_found', `catalogue "${catalogueId}" does not exist`, {
      catalogue: catalogueId,
    })
  const p = await deps.catalogues.get(catalogueId)
  const token = authorise(c, action, {
    org: p ? catalogueOrg(deps, p) : undefined,
    absent,
    scope: catalogueId,
  })
  const { prepared, entry } = await findEntry(deps, c)
  if (prepared.catalogue.template) {
    throw new ApiError(
      'conflict',
      `catalogue "${prepared.catalogue.id}" is a template; instantiate it first (POST /api/v1/committees)`,
      {
        catalogue: prepared.catalogue.id,
      }
    )
  }
  return { token, prepared, entry }
}

function validator(entry: { id: string; recordSchema?: unknown }) {
  if (entry.recordSchema === undefined) {
    throw new ApiError(
      'bad_request',
      `entry "${entry.id}" has no recordSchema, so it takes no structured records`,
      {
        entry: entry.id,
      }
    )
  }
  const compiled = compileRecordSchema(entry.recordSchema)
  if (!compiled.ok) {
    throw new ApiError(
      'internal',
      `the recordSchema of entry "${entry.id}" does not compile`,
      compiled.errors
    )
  }
  return compiled.validate
}

function validateData(
  entry: { id: string; recordSchema?: unknown },
  data: unknown,
  pointerPrefix = ''
) {
  const r = validator(entry)(data)
  if (!r.ok) {
    throw new ApiError(
      'validation_failed',
      `the record does not match the recordSchema of entry "${entry.id}" (${r.errors.length} error(s))`,
      r.errors.map((e) => ({ ...e, pointer: `${pointerPrefix}${e.pointer}` }))
    )
  }
}

/**
 * The privacy guard on a record: personal information its schema does not allow (`privacy.allow`
 * on a property) refuses it with 422 `personal_information`, before anything is stored.
 */
function guardRecord(
  entry: { id: string; recordSchema?: unknown },
  data: unknown,
  pointerPrefix = ''
): void {
  const findings = scanRecord(entry.recordSchema, data, { pointerPrefix }).filter((f) => !f.allowed)
  if (findings.length > 0)
    throw personalInformation(`the record of entry "${entry.id}" was not published`, findings)
}

/**
 * A record as the public sees it today: names shown under a publicity rule are masked once the
 * record's publicity period has ended (domain §12).
 */
export function publicRecord<R extends { data: unknown }>(
  deps: GatewayDeps,
  entry: { recordSchema?: unknown },
  r: R
): R {
  if (r.data === null || r.data === undefined) return r
  const today = deps.config.now().toISOString().slice(0, 10)
  const data = maskExpiredPublicity(entry.recordSchema, r.data, today)
  return data === r.data ? r : { ...r, data }
}

function recordLink(deps: GatewayDeps, r: DisclosureRecord): string {
  return `${deps.config.baseUrl}/api/v1/catalogues/${r.catalogue}/entries/${r.entry}/records/${r.id}`
}

/** Structured records of entries: list, show with history, publish, correct, withdraw. */
/**
 * Adds a revision to a record (correction or withdrawal) and its feed event in one transaction;
 * a missing record is 404 and a withdrawn one 409.
 */
async function reviseRecord(
  deps: GatewayDeps,
  prepared: PreparedCatalogue,
  entry: { id: string; item: { level1: string; level2?: string } },
  id: string,
  options: {
    change: { data?: unknown; status: 'published' | 'withdrawn'; reason: string; tokenId: string }
    refuseWithdrawn: string
    event: { kind: 'record.corrected' | 'record.withdrawn'; label: string }
  }
): Promise<DisclosureRecord> {
  return deps.store.transaction(async (tx) => {
    const current = await deps.records.get(prepared.catalogue.id, entry.id, id, tx)
    if (!current) {
      throw new ApiError('not_found', `record "${id}" does not exist in this entry`, { record: id })
    }
    if (current.status === 'withdrawn') {
      throw new ApiError('conflict', options.refuseWithdrawn, { record: id })
    }
    const at = deps.config.now().toISOString()
    const r = await deps.records.revise(tx, current, { ...options.change, at })
    await deps.events.add(
      {
        at,
        kind: options.event.kind,
        target: `records/${r.id}/revisions/${r.revision}`,
        title: `${options.event.label}：${prepared.catalogue.title}：${entry.item.level2 ?? entry.item.level1}`,
        link: recordLink(deps, r),
        summary: options.change.reason,
      },
      tx
    )
    return r
  })
}

export function recordRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  const base = '/api/v1/catalogues/:id/entries/:entryId/records'
  const now = () => deps.config.now().toISOString()

  deps.routes.add(
    app,
    {
      method: 'get',
      path: base,
      summary: 'Published records of an entry (withdrawn ones stay listed, with their reason)',
      tag: 'records',
      query: {
        status: 'published | withdrawn',
        cursor: 'the `next` of the previous page',
        limit: '1-500 (default 50)',
      },
    },
    async (c) => {
      const q = checkQuery(c, ['cursor', 'limit', 'status'])
      const limit = parseLimit(q.limit)
      const after = decodeCursor(q.cursor, isAfter)?.after
      parseEnum(q.status, 'status', ['published', 'withdrawn'])
      const { prepared, entry } = await findEntry(deps, c)
      const page = await deps.records.list(prepared.catalogue.id, entry.id, { limit, after })
      const items = (q.status ? page.items.filter((r) => r.status === q.status) : page.items).map(
        (r) => publicRecord(deps, entry, r)
      )
      const last = page.items[page.items.length - 1]
      const next = page.items.length === limit && last ? encodeCursor({ after: last.id }) : null
      return sendJson(c, { items, total: page.total, next }, { cache: 'list' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'get',
      path: `${base}/:recordId`,
      summary: 'One record with every revision',
      tag: 'records',
    },
    async (c) => {
      checkQuery(c, [])
      const { prepared, entry } = await findEntry(deps, c)
      const id = pathId(c, 'recordId')
      const r = await deps.records.get(prepared.catalogue.id, entry.id, id)
      if (!r)
        throw new ApiError('not_found', `record "${id}" does not exist in this entry`, {
          record: id,
        })
      const revisions = (await deps.records.history(id)).map((v) => publicRecord(deps, entry, v))
      return sendJson(c, { ...publicRecord(deps, entry, r), revisions }, { cache: 'list' })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: base,
      summary: "Publish a structured record, validated against the entry's recordSchema",
      tag: 'records',
      access: 'token',
      body: { type: 'object', description: "the record, as the entry's recordSchema defines it" },
      status: 201,
    },
    async (c) => {
      const { token, prepared, entry } = await writableEntry(c, deps, 'record.publish')
      const data = await readJsonObject(c)
      validateData(entry, data)
      guardRecord(entry, data)
      const at = now()
      const record = await deps.store.transaction(async (tx) => {
        const r = await deps.records.publish(tx, {
          catalogue: prepared.catalogue.id,
          entry: entry.id,
          data,
          at,
          tokenId: token.id,
        })
        await deps.events.add(
          {
            at,
            kind: 'record.published',
            target: `records/${r.id}/revisions/1`,
            title: `${prepared.catalogue.title}：${entry.item.level2 ?? entry.item.level1}`,
            link: recordLink(deps, r),
            summary: null,
          },
          tx
        )
        return r
      })
      c.set('auditTarget', record.id)
      return sendJson(c, record, { status: 201, headers: { location: recordLink(deps, record) } })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: `${base}/:recordId/corrections`,
      summary: 'Correct a record: a new revision with a reason (the old one stays in the history)',
      tag: 'records',
      access: 'token',
      body: {
        type: 'object',
        required: ['data', 'reason'],
        properties: { data: { type: 'object' }, reason: { type: 'string' } },
      },
      status: 201,
    },
    async (c) => {
      const { token, prepared, entry } = await writableEntry(c, deps, 'record.correct')
      const id = pathId(c, 'recordId')
      c.set('auditTarget', id)
      const body = await readJsonObject(c)
      onlyKeys(body, ['data', 'reason'])
      const reason = requiredString(body, 'reason')
      validateData(entry, body.data, '/data')
      guardRecord(entry, body.data, '/data')
      const revised = await reviseRecord(deps, prepared, entry, id, {
        change: { data: body.data, status: 'published', reason, tokenId: token.id },
        refuseWithdrawn: `record "${id}" was withdrawn; publish a new record instead`,
        event: { kind: 'record.corrected', label: '更正' },
      })
      return sendJson(c, revised, { status: 201 })
    }
  )

  deps.routes.add(
    app,
    {
      method: 'post',
      path: `${base}/:recordId/withdrawal`,
      summary: 'Withdraw a record with a reason; it stays listed as withdrawn, never deleted',
      tag: 'records',
      access: 'token',
      body: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
    },
    async (c) => {
      const { token, prepared, entry } = await writableEntry(c, deps, 'record.withdraw')
      const id = pathId(c, 'recordId')
      c.set('auditTarget', id)
      const body = await readJsonObject(c)
      onlyKeys(body, ['reason'])
      const reason = requiredString(body, 'reason')
      const withdrawn = await reviseRecord(deps, prepared, entry, id, {
        change: { status: 'withdrawn', reason, tokenId: token.id },
        refuseWithdrawn: `record "${id}" is already withdrawn`,
        event: { kind: 'record.withdrawn', label: '撤回' },
      })
      return sendJson(c, withdrawn)
    }
  )
}
