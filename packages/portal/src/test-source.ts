import type { PortalSource } from './portal-source.js'

// Test support, not exported from the package: a PortalSource of empty data, so a test states only
// the data it is about.

/**
 * A {@link PortalSource} that knows nothing, with `parts` put over it. Without `topLayers`, the
 * top layers are the catalogues no other one extends.
 */
export function sourceWith(parts: Partial<PortalSource> = {}): PortalSource {
  const none = async () => undefined
  const catalogues = parts.catalogues ?? (async () => [])
  const topLayers = async () => {
    const all = await catalogues()
    const extended = new Set(all.flatMap((c) => (c.extends ? [c.extends.id] : [])))
    return all.filter((c) => !extended.has(c.id)).map((c) => c.id)
  }
  return {
    topLayers,
    catalogues: async () => [],
    catalogue: none,
    contentFor: async () => new Map(),
    documents: async () => [],
    datasets: async () => [],
    dataset: none,
    rows: none,
    versions: async () => [],
    schemaOrg: none,
    report: none,
    records: async () => [],
    record: none,
    committees: async () => [],
    committee: none,
    committeeForToken: none,
    organs: async () => [],
    officerForToken: none,
    organRequests: async () => ({ items: [], total: 0 }),
    organRequest: none,
    annualReport: none,
    instantiateCommittee: async () => ({
      ok: false,
      errors: [{ pointer: '', message: 'not in this test' }],
    }),
    applyForAccess: async () => ({
      ok: false,
      errors: [{ pointer: '', message: 'not in this test' }],
    }),
    accessStatus: none,
    publisherForToken: none,
    accessRequests: async () => [],
    decideAccess: async () => ({
      ok: false,
      errors: [{ pointer: '', message: 'not in this test' }],
    }),
    publishRecord: async () => {
      throw new Error('publishRecord: not in this test')
    },
    ...parts,
  }
}
