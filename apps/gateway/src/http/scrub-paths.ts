/**
 * A copy of `value` (JSON-like) where every string has each `from` path replaced by its `to`
 * name, so error details never show where the server keeps files.
 * @example scrubPaths({ file: '/srv/files/.uploads/x.csv' }, [['/srv/files/.uploads/x.csv', 'upload.csv']])
 */
export function scrubPaths<T>(value: T, replacements: readonly (readonly [string, string])[]): T {
  const active = replacements.filter(([from]) => from.length > 0)
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let s = v
      for (const [from, to] of active) s = s.split(from).join(to)
      return s
    }
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value) as T
}

/**
 * The file name a client gave an upload, reduced to a safe base name, or `fallback`.
 * @example clientFileName('C:\\Users\\me\\学校.csv') // '学校.csv'
 */
export function clientFileName(name: string | undefined, fallback = 'upload.csv'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? ''
  // Control characters and quotes would only garble the JSON reader's view of it.
  const clean = base
    .replace(/[\p{Cc}"<>]/gu, '')
    .trim()
    .slice(0, 120)
  return clean && clean !== '.' && clean !== '..' ? clean : fallback
}
