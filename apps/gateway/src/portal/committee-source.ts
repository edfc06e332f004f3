import { instantiate } from '@gongkai/catalogue'
import type { Committee, PortalSource, PublishedRecord } from '@gongkai/portal'
import type { Catalogue } from '@gongkai/schema'
import { getToken, verifyToken } from '../auth/tokens.js'
import type { GatewayDeps } from '../deps.js'
import { COMMITTEE_TEMPLATE } from '../routes/committees.js'
import { publicRecord } from '../routes/records.js'
import type { DisclosureRecord } from '../services/records.js'
import { RESERVED_CATALOGUE_IDS } from '../services/reserved-ids.js'

// Records are read in pages of this size (the record store's own maximum).
const RECORD_PAGE = 200

/** A disclosure record as the pages show it. */
const toPublished = (r: DisclosureRecord): PublishedRecord => ({
  id: r.id,
  catalogueId: r.catalogue,
  entryId: r.entry,
  data: r.data,
  createdAt: r.publishedAt,
  revision: r.revision,
  withdrawn: r.status === 'withdrawn',
  withdrawnReason: r.status === 'withdrawn' ? (r.reason ?? undefined) : undefined,
})

const committeeOf = (c: Catalogue): Committee => ({
  id: c.id,
  name: c.organisation ?? c.title.replace(/居务公开目录$/, ''),
  catalogueId: c.id,
})

const isCommittee = (c: Catalogue | undefined): c is Catalogue =>
  !!c && c.kind === 'residents_committee' && !c.template

/** Catalogues from the gateway's registry: the bundled ones and those instantiated in the store. */
export function catalogueSource(
  deps: GatewayDeps
): Pick<PortalSource, 'catalogues' | 'catalogue' | 'topLayers'> {
  return {
    catalogues: async () => (await deps.catalogues.list()).map((p) => p.catalogue),
    catalogue: async (id) => (await deps.catalogues.get(id))?.catalogue,
    topLayers: async () =>
      (await deps.catalogues.list()).filter((p) => p.summary.top).map((p) => p.catalogue.id),
  }
}

/**
 * Residents' committees. Committee ids are the ids of their catalogues (a committee token's
 * scope), so `/committees/:id` and `/catalogues/:id` name the same thing.
 */
export function committeeSource(
  deps: GatewayDeps
): Pick<PortalSource, 'committees' | 'committee' | 'committeeForToken' | 'instantiateCommittee'> {
  return {
    async committees() {
      return (await deps.catalogues.list())
        .map((p) => p.catalogue)
        .filter(isCommittee)
        .map(committeeOf)
    },
    async committee(id) {
      const c = (await deps.catalogues.get(id))?.catalogue
      if (isCommittee(c)) return committeeOf(c)
      // A committee token may exist before its catalogue (issued by the CLI): the committee is
      // known by the token's label until the catalogue is instantiated.
      const row = await deps.store.get<{ label: string | null }>(
        "SELECT label FROM gateway_tokens WHERE role = 'residents_committee' AND scope = ? AND revoked_at IS NULL LIMIT 1",
        [id]
      )
      return row ? { id, name: row.label ?? id } : undefined
    },
    async committeeForToken(token) {
      const v = await verifyToken(deps.store, token, deps.config.now())
      if (!v.ok || v.token.role !== 'residents_committee') return undefined
      return { committee: v.token.scope, tokenId: v.token.id }
    },
    async instantiateCommittee(committeeId, name, street, tokenId) {
      const existing = await deps.catalogues.get(committeeId)
      if (existing) return { ok: true, value: committeeOf(existing.catalogue) }
      if (RESERVED_CATALOGUE_IDS.has(committeeId))
        return {
          ok: false,
          errors: [
            { pointer: '', message: `“${committeeId}”不能用作居委会编号，请联系区政务公开办。` },
          ],
        }
      const template = await deps.catalogues.get(COMMITTEE_TEMPLATE)
      if (!template) {
        return {
          ok: false,
          errors: [{ pointer: '', message: '居务公开目录模板暂不可用，请联系区政务公开办。' }],
        }
      }
      const made = instantiate(template.catalogue, {
        name,
        values: { 街道名称: street },
        id: committeeId,
      })
      if (!made.ok) return { ok: false, errors: made.errors }
      const at = deps.config.now().toISOString()
      // The committee's catalogue belongs to the organisation of the token it logged in with.
      const org =
        (tokenId ? (await getToken(deps.store, tokenId))?.org : undefined) ??
        deps.config.organisation.id
      await deps.store.transaction(async (tx) => {
        await deps.catalogues.add(tx, made.value, { name, at, tokenId, org })
        await deps.events.add(
          {
            at,
            kind: 'catalogue.created',
            target: `catalogues/${made.value.id}`,
            title: made.value.title,
            link: `${deps.config.baseUrl}/api/v1/catalogues/${made.value.id}`,
            summary: null,
          },
          tx
        )
      })
      await deps.search.afterWrite(['entry'])
      return { ok: true, value: committeeOf(made.value) }
    },
  }
}

/** Structured records: read from the record store, published with a feed event, as the API does. */
export function recordSource(
  deps: GatewayDeps
): Pick<PortalSource, 'records' | 'record' | 'publishRecord'> {
  return {
    async records(catalogueId, entryId) {
      const p = await deps.catalogues.get(catalogueId)
      if (!p) return []
      const entries = p.catalogue.entries.filter(
        (e) => e.recordSchema && (!entryId || e.id === entryId)
      )
      const out: PublishedRecord[] = []
      for (const e of entries) {
        let after: string | undefined
        for (;;) {
          const page = await deps.records.list(catalogueId, e.id, { limit: RECORD_PAGE, after })
          out.push(...page.items.map((r) => toPublished(publicRecord(deps, e, r))))
          const last = page.items.at(-1)
          if (page.items.length < RECORD_PAGE || !last) break
          after = last.id
        }
      }
      return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    },
    async record(catalogueId, recordId) {
      const p = await deps.catalogues.get(catalogueId)
      for (const e of p?.catalogue.entries ?? []) {
        if (!e.recordSchema) continue
        const r = await deps.records.get(catalogueId, e.id, recordId)
        if (r) return toPublished(publicRecord(deps, e, r))
      }
      return undefined
    },
    async publishRecord(catalogueId, entryId, data, tokenId) {
      const at = deps.config.now().toISOString()
      const p = await deps.catalogues.get(catalogueId)
      const entry = p?.entries.get(entryId)?.entry
      const r = await deps.store.transaction(async (tx) => {
        const rec = await deps.records.publish(tx, {
          catalogue: catalogueId,
          entry: entryId,
          data,
          at,
          tokenId,
        })
        await deps.events.add(
          {
            at,
            kind: 'record.published',
            target: `records/${rec.id}/revisions/1`,
            title: `${p?.catalogue.title ?? catalogueId}：${entry?.item.level2 ?? entry?.item.level1 ?? entryId}`,
            link: `${deps.config.baseUrl}/committees/${encodeURIComponent(catalogueId)}/records/${encodeURIComponent(rec.id)}`,
            summary: null,
          },
          tx
        )
        return rec
      })
      return toPublished(entry ? publicRecord(deps, entry, r) : r)
    },
  }
}
