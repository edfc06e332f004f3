import { instantiate } from '@gongkai/catalogue'
import { catalogues } from '@gongkai/catalogues'
import type { Catalogue } from '@gongkai/schema'

/** `instantiate` of `@gongkai/catalogue`. */
export type Instantiate = typeof instantiate

/** The bundled catalogues of `@gongkai/catalogues`. */
export async function loadBundledCatalogues(): Promise<readonly Catalogue[]> {
  return catalogues
}

/** `instantiate` from `@gongkai/catalogue`. */
export async function loadInstantiate(): Promise<Instantiate> {
  return instantiate
}
