import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { resolveCatalogues } from '@gongkai/catalogue'
import type { Catalogue } from '@gongkai/schema'

/** The catalogue data files of @gongkai/catalogues (tests and benchmarks only), in file-name order. */
export function loadTestCatalogues(): Catalogue[] {
  const pkg = createRequire(import.meta.url).resolve('@gongkai/catalogues/package.json')
  const dir = join(dirname(pkg), 'data')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Catalogue)
}

/**
 * Each bottom catalogue's default top layer (`<id>.changning-2021` where bundled), resolved and
 * carrying the bottom id, so fixtures labelled `<field>:<entry>` read the rows a district workspace
 * binds to (a national row no official copy supports lives in the Changning layer). Tests only.
 */
export function loadTestTopLayers(): Catalogue[] {
  const files = loadTestCatalogues()
  const { catalogues, errors } = resolveCatalogues(files, { validate: false })
  if (errors.length) throw new Error(`test catalogues do not resolve: ${errors[0]?.message}`)
  const byId = new Map(catalogues.map((c) => [c.id, c]))
  return files
    .filter((c) => !c.extends)
    .map((c) => ({ ...(byId.get(`${c.id}.changning-2021`) ?? c), id: c.id }))
}
