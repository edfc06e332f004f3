import type { Catalogue, ValidationError } from '@gongkai/schema'
import { loadModule } from './load-module.js'

/** `instantiate` of `@gongkai/catalogue`. */
export type Instantiate = (
  template: Catalogue,
  options: { name: string; values?: Record<string, string>; id?: string; organisation?: string }
) => { ok: true; value: Catalogue } | { ok: false; errors: ValidationError[] }

/** The bundled catalogues of `@gongkai/catalogues` (empty when the package is not built). */
export async function loadBundledCatalogues(): Promise<readonly Catalogue[]> {
  const mod = await loadModule<{ catalogues: readonly Catalogue[] }>('@gongkai/catalogues', [
    'catalogues',
  ])
  return mod?.catalogues ?? []
}

/** `instantiate` from `@gongkai/catalogue`, when built. */
export async function loadInstantiate(): Promise<Instantiate | undefined> {
  const mod = await loadModule<{ instantiate: Instantiate }>('@gongkai/catalogue', ['instantiate'])
  return mod?.instantiate
}
