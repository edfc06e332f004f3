import { schemaOrgDataset } from '@gongkai/open-data'
import type { PortalSource } from '@gongkai/portal'
import type { GatewayDeps } from '../deps.js'
import { publicDatasets } from '../services/dataset-views.js'

/** Datasets from the datastore: never 非开放, rows previewed only when 无条件开放. */
export function datasetSource(
  deps: GatewayDeps
): Pick<PortalSource, 'datasets' | 'dataset' | 'rows' | 'versions' | 'schemaOrg'> {
  const ds = deps.datastore
  return {
    datasets: async () => (await publicDatasets(deps)).map((d) => d.descriptor),
    async dataset(id) {
      const d = await ds.getDataset(id)
      // The descriptor as published carries no table schema: the current version's is the dictionary.
      return d && d.openness !== 'closed' ? { ...d.descriptor, tableSchema: d.schema } : undefined
    },
    async rows(id, offset, limit, filter = {}) {
      const d = await ds.getDataset(id)
      // Pages carry no token, so 有条件开放 rows stay behind the API.
      if (d?.openness !== 'unconditional') return undefined
      const filters: Record<string, string> = {}
      if (filter.column && filter.value !== undefined && filter.value !== '')
        filters[filter.column] = filter.value
      const r = await ds.rows(id, { offset, limit, filters, q: filter.q || undefined })
      if (!r.ok) return { error: r.errors.map((e) => `${e.parameter}: ${e.message}`).join('; ') }
      return { columns: d.schema.fields.map((f) => f.name), rows: r.items, total: r.total }
    },
    async versions(id) {
      return (await ds.versions(id)).map((v) => ({
        version: String(v.version),
        publishedAt: v.publishedAt,
        rows: v.rowCount,
        withdrawn: v.status === 'withdrawn',
        note: v.withdrawnReason,
      }))
    },
    async schemaOrg(id) {
      const input = await ds.catalogInput(deps.config.baseUrl, {
        title: `${deps.config.organisation.name}开放数据`,
        description: `${deps.config.organisation.name}公开的数据集`,
        publisher: deps.config.organisation,
      })
      const own = { ...input, datasets: input.datasets.filter((d) => d.descriptor.id === id) }
      return schemaOrgDataset(own, id)
    },
  }
}
