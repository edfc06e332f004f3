import type { DatasetDetail } from '@gongkai/open-data'
import type { GatewayDeps } from '../deps.js'

/** Every public (not closed) dataset with its descriptor. */
export async function publicDatasets(
  deps: Pick<GatewayDeps, 'datastore'>
): Promise<DatasetDetail[]> {
  const ds = deps.datastore
  const out: DatasetDetail[] = []
  for (const s of await ds.listDatasets()) {
    if (s.openness === 'closed') continue
    const d = await ds.getDataset(s.id)
    if (d && d.openness !== 'closed') out.push(d)
  }
  return out.sort((a, b) => a.id.localeCompare(b.id))
}

/** Links of a dataset's downloads. */
export function datasetLinks(deps: GatewayDeps, id: string) {
  const b = `${deps.config.baseUrl}/datasets/${id}`
  return {
    self: `${deps.config.baseUrl}/api/v1/datasets/${id}`,
    rows: `${deps.config.baseUrl}/api/v1/datasets/${id}/rows`,
    csv: `${b}.csv`,
    json: `${b}.json`,
    ndjson: `${b}.ndjson`,
    jsonld: `${b}.jsonld`,
    ttl: `${b}.ttl`,
    csvMetadata: `${b}.csv-metadata.json`,
  }
}

/** The dataset as `GET /api/v1/datasets/:id` shows it. */
export async function datasetView(deps: GatewayDeps, d: DatasetDetail) {
  const versions = await deps.datastore.versions(d.id)
  return { ...d, versions, links: datasetLinks(deps, d.id) }
}
