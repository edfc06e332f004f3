import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
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
