import type { Catalogue } from '@gongkai/schema'

// A template's placeholders ({单位名称}, {居委会名称} …) are for the unit that instantiates it, never
// text for the public: the pages show them as （单位名称）. `{4}` and `{1,3}` are regex quantifiers
// in record-schema patterns, not placeholders, and `pattern` values are left alone altogether.
const PLACEHOLDER = /\{(?![\d,\s]+\})([^{}\s]+)\}/g

function shown(value: unknown, key?: string): unknown {
  if (typeof value === 'string')
    return key === 'pattern' ? value : value.replace(PLACEHOLDER, '（$1）')
  if (Array.isArray(value)) return value.map((v) => shown(v))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v, k)]))
  return value
}

const cache = new WeakMap<Catalogue, Catalogue>()

/**
 * A catalogue as the public sees it: a template with every `{占位符}` rendered `（占位符）`; any
 * other catalogue as it is. Catalogues are immutable, so each template is converted once.
 */
export function displayCatalogue(c: Catalogue): Catalogue {
  if (!c.template) return c
  let out = cache.get(c)
  if (!out) {
    out = shown(c) as Catalogue
    cache.set(c, out)
  }
  return out
}
