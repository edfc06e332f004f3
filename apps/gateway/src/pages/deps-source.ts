import { instantiate } from '@gongkai/catalogue'
import { schemaOrgDataset } from '@gongkai/open-data'
import type { Catalogue, CatalogueEntry, ContentItem, Dataset } from '@gongkai/schema'
import { verifyToken } from '../auth/tokens.js'
import type { GatewayDeps } from '../deps.js'
import type { DisclosureRecord } from '../services/records.js'
import { type LinkerExtras, loadLinkerExtras } from './linker-extras'
import type {
  BoundContent,
  Committee,
  DepartmentFigures,
  PortalSource,
  PublishedRecord,
} from './portal-source'
import { timeliness } from './timeliness'

/** Id of the 居务公开 template in @gongkai/catalogues (same as the API's). */
export const COMMITTEE_TEMPLATE_ID = 'residents_committee'

// The document library and search read the content index in pages of this size, up to a cap that
// keeps a page render bounded on very large sites.
const CONTENT_PAGE = 500
const CONTENT_CAP = 5000

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

function bound(entry: CatalogueEntry, item: ContentItem): BoundContent {
  const t = timeliness(entry, item)
  return { item, dueDate: t.dueDate, onTime: t.onTime }
}

/**
 * The portal's view of the gateway services. Committee ids are the ids of their catalogues (a
 * committee token's scope), so `/committees/:id` and `/catalogues/:id` name the same thing.
 */
export function depsSource(deps: GatewayDeps): PortalSource {
  const list = async () => (await deps.catalogues.list()).map((p) => p.catalogue)
  const ci = deps.contentIndex
  const ds = deps.datastore
  let extras: Promise<LinkerExtras | undefined> | undefined
  const linker = () => {
    extras ??= loadLinkerExtras(deps.store).catch(() => undefined)
    return extras
  }

  const allContent = async (q?: string): Promise<ContentItem[]> => {
    if (!ci) return []
    const out: ContentItem[] = []
    let cursor: string | undefined
    do {
      const page = await ci.query({ q, limit: CONTENT_PAGE, cursor })
      out.push(...page.items)
      cursor = page.next ?? undefined
    } while (cursor && out.length < CONTENT_CAP)
    return out
  }

  const contentForMany = async (catalogueId: string, entryIds: string[]) => {
    const out = new Map<string, BoundContent[]>()
    const p = await deps.catalogues.get(catalogueId)
    if (!ci || !p) return out
    const statuses = await linker().then((x) => x?.linkStatuses())
    await Promise.all(
      entryIds.map(async (entryId) => {
        const entry = p.entries.get(entryId)?.entry
        if (!entry) return
        const items = await ci.bindingsForEntry(catalogueId, entryId)
        out.set(
          entryId,
          items.map((b) => ({ ...bound(entry, b.item), linkStatus: statuses?.get(b.item.url) }))
        )
      })
    )
    return out
  }

  const recordsOf = async (catalogueId: string, entryId?: string): Promise<PublishedRecord[]> => {
    const p = await deps.catalogues.get(catalogueId)
    if (!p) return []
    const entries = p.catalogue.entries.filter(
      (e) => e.recordSchema && (!entryId || e.id === entryId)
    )
    const out: PublishedRecord[] = []
    for (const e of entries) {
      let after: string | undefined
      for (;;) {
        const page = await deps.records.list(catalogueId, e.id, { limit: 200, after })
        out.push(...page.items.map(toPublished))
        const last = page.items.at(-1)
        if (page.items.length < 200 || !last) break
        after = last.id
      }
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  const source: PortalSource = {
    catalogues: list,
    async catalogue(id) {
      return (await deps.catalogues.get(id))?.catalogue
    },
    documents: ci ? () => allContent() : undefined,
    contentFor: ci
      ? async (catalogueId, entryId) =>
          (await contentForMany(catalogueId, [entryId])).get(entryId) ?? []
      : undefined,
    contentForMany: ci
      ? (catalogueId, entryIds) => contentForMany(catalogueId, entryIds)
      : undefined,
    async records(catalogueId, entryId) {
      return recordsOf(catalogueId, entryId)
    },
    async record(catalogueId, recordId) {
      const p = await deps.catalogues.get(catalogueId)
      if (!p) return undefined
      for (const e of p.catalogue.entries) {
        if (!e.recordSchema) continue
        const r = await deps.records.get(catalogueId, e.id, recordId)
        if (r) return toPublished(r)
      }
      return undefined
    },
    async committees() {
      return (await list())
        .filter((c) => c.kind === 'residents_committee' && !c.template)
        .map(committeeOf)
    },
    async committee(id) {
      const c = (await deps.catalogues.get(id))?.catalogue
      if (c && c.kind === 'residents_committee' && !c.template) return committeeOf(c)
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
      const template = await deps.catalogues.get(COMMITTEE_TEMPLATE_ID)
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
      await deps.store.transaction(async (tx) => {
        await deps.catalogues.add(tx, made.value, { name, at, tokenId })
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
      return { ok: true, value: committeeOf(made.value) }
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
      return toPublished(r)
    },
  }

  if (ds) {
    source.datasets = async () => {
      const out: Dataset[] = []
      for (const s of await ds.listDatasets()) {
        if (s.openness === 'closed') continue
        const d = await ds.getDataset(s.id)
        if (d && d.openness !== 'closed') out.push(d.descriptor)
      }
      return out.sort((a, b) => a.id.localeCompare(b.id))
    }
    source.dataset = async (id) => {
      const d = await ds.getDataset(id)
      return d && d.openness !== 'closed' ? d.descriptor : undefined
    }
    source.rows = async (id, offset, limit) => {
      const d = await ds.getDataset(id)
      // Only 无条件开放 rows are previewed: pages carry no token, so conditional data stays behind the API.
      if (d?.openness !== 'unconditional') return undefined
      const r = await ds.rows(id, { offset, limit })
      if (!r.ok) return undefined
      return { columns: d.schema.fields.map((f) => f.name), rows: r.items, total: r.total }
    }
    source.versions = async (id) =>
      (await ds.versions(id)).map((v) => ({
        version: String(v.version),
        publishedAt: v.publishedAt,
        rows: v.rowCount,
        withdrawn: v.status === 'withdrawn',
        note: v.withdrawnReason,
      }))
    source.schemaOrg = async (id) => {
      const input = await ds.catalogInput(deps.config.baseUrl, {
        title: `${deps.config.organisation.name}开放数据`,
        description: `${deps.config.organisation.name}公开的数据集`,
        publisher: deps.config.organisation,
      })
      return schemaOrgDataset(
        { ...input, datasets: input.datasets.filter((d) => d.descriptor.id === id) },
        id
      )
    }
  }

  if (ci) {
    source.report = async () => {
      const bindings = await ci.bindings()
      if (bindings.length === 0) return undefined
      const x = await linker()
      if (x) {
        const catalogues = (await list()).filter((c) => !c.template)
        const departments = await x.departments({
          catalogues,
          items: await allContent(),
          bindings,
          today: deps.config.now().toISOString().slice(0, 10),
        })
        return {
          generatedAt: deps.config.now().toISOString(),
          departments: departments.filter((d) => d.covered > 0),
        }
      }
      // Without the linker's report, count coverage and timeliness here the same way.
      const byEntry = new Map<string, string[]>()
      for (const b of bindings) {
        const key = `${b.entry.catalogue}\n${b.entry.entry}`
        byEntry.set(key, [...(byEntry.get(key) ?? []), b.content])
      }
      const depts = new Map<string, DepartmentFigures>()
      for (const c of await list()) {
        if (c.template) continue
        for (const e of c.entries) {
          const urls = byEntry.get(`${c.id}\n${e.id}`) ?? []
          const items = (await Promise.all(urls.map((u) => ci.get(u)))).filter(
            (x): x is ContentItem => !!x
          )
          const checks = items.map((i) => timeliness(e, i)).filter((t) => t.onTime !== undefined)
          for (const name of e.responsibleBodies) {
            const d = depts.get(name) ?? {
              department: name,
              entries: 0,
              covered: 0,
              onTime: 0,
              due: 0,
              brokenLinks: 0,
            }
            d.entries++
            if (urls.length > 0) d.covered++
            d.due += checks.length
            d.onTime += checks.filter((t) => t.onTime).length
            depts.set(name, d)
          }
        }
      }
      const departments = [...depts.values()]
        .filter((d) => d.covered > 0)
        .sort((a, b) => b.covered / b.entries - a.covered / a.entries)
      return { generatedAt: deps.config.now().toISOString(), departments }
    }
  }

  return source
}
