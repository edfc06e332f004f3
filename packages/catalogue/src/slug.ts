/** FNV-1a 32-bit hash of a string's UTF-16 code units, in base 36. */
function shortHash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36).padStart(7, '0')
}

/**
 * A safe id segment for a name: ASCII names are lower-cased and dashed; names with other
 * characters (Chinese) get a stable hash, so no pinyin table is needed.
 * @example slugOf('Shiguang No.4') // 'shiguang-no-4'
 */
export function slugOf(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (/^[\x20-\x7e]*$/.test(name) && ascii !== '') return ascii.slice(0, 60)
  return `h${shortHash(name.normalize('NFC'))}`
}
