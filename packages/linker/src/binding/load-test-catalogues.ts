import { resolveCatalogues } from '@gongkai/catalogue'
import { layers } from '@gongkai/catalogues'
import type { Catalogue } from '@gongkai/schema'

/**
 * Each bottom catalogue's default top layer (`<id>.changning-2021` where bundled), resolved and
 * carrying the bottom id, so fixtures labelled `<field>:<entry>` read the rows a district workspace
 * binds to (a national row no official copy supports lives in the Changning layer). Tests only.
 */
export function loadTestTopLayers(): Catalogue[] {
  const files = layers
  const { catalogues, errors } = resolveCatalogues(files, { validate: false })
  if (errors.length) throw new Error(`test catalogues do not resolve: ${errors[0]?.message}`)
  const byId = new Map(catalogues.map((c) => [c.id, c]))
  return files
    .filter((c) => !c.extends)
    .map((c) => ({ ...(byId.get(`${c.id}.changning-2021`) ?? c), id: c.id }))
}
