import type { GatewayDeps } from '../deps.js'
import type { PreparedCatalogue } from './catalogue-registry.js'

/**
 * The organisation that owns a catalogue: an instantiated one's own (the workspace's for rows
 * stored before organisations were recorded); a bundled one belongs to the workspace's
 * organisation.
 */
export function catalogueOrg(deps: GatewayDeps, p: PreparedCatalogue): string {
  return p.org ?? deps.config.organisation.id
}

/**
 * The organisation of committee catalogue `id` (instantiated from the 居务公开 template), or
 * undefined when there is no such committee.
 */
export async function committeeCatalogueOrg(
  deps: GatewayDeps,
  id: string
): Promise<string | undefined> {
  const p = await deps.catalogues.get(id)
  if (!p || p.catalogue.template || p.catalogue.kind !== 'residents_committee') return undefined
  return catalogueOrg(deps, p)
}
