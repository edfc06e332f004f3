type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Tag values of every `discriminator` in a schema (tag property name -> allowed values), read from
 * the `const`/`enum` of each oneOf branch; `$ref`s are followed inside `root` and `documents`.
 */
export function collectDiscriminators(
  root: unknown,
  documents: Readonly<Record<string, unknown>> = {}
): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const resolve = (ref: string, doc: unknown): unknown => {
    const [file = '', fragment = ''] = ref.split('#')
    let node: unknown = file ? documents[file] : doc
    for (const seg of fragment.split('/').filter(Boolean)) {
      node = isObject(node) ? node[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
    }
    return node
  }
  const seen = new Set<unknown>()
  const walk = (node: unknown, doc: unknown) => {
    if (!isObject(node) && !Array.isArray(node)) return
    if (seen.has(node)) return
    seen.add(node)
    if (Array.isArray(node)) {
      for (const n of node) walk(n, doc)
      return
    }
    const d = node.discriminator
    if (isObject(d) && typeof d.propertyName === 'string' && Array.isArray(node.oneOf)) {
      const tag = d.propertyName
      const values = out.get(tag) ?? []
      for (const branch of node.oneOf) {
        const b =
          isObject(branch) && typeof branch.$ref === 'string' ? resolve(branch.$ref, doc) : branch
        const prop = isObject(b) && isObject(b.properties) ? b.properties[tag] : undefined
        if (!isObject(prop)) continue
        if (typeof prop.const === 'string') values.push(prop.const)
        if (Array.isArray(prop.enum)) values.push(...prop.enum.filter((v) => typeof v === 'string'))
      }
      out.set(tag, [...new Set(values)])
    }
    for (const v of Object.values(node)) walk(v, doc)
  }
  walk(root, root)
  return out
}
