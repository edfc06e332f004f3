import { simplify } from './traditional.js'

/** A normalised text with, for each of its UTF-16 units, the span of the original it came from. */
export interface NormalisedText {
  text: string
  /** start[j]: offset in the original of the character that produced text[j]. */
  start: number[]
  /** end[j]: offset just after that original character. */
  end: number[]
}

// Most characters of Chinese text normalise to one BMP character: a table answers those without
// a string per lookup (0 = not computed yet, 0xffffffff = normalises to something longer, in
// `cache`).
const BMP = new Uint32Array(0x10000)
const LONG = 0xffffffff
const cache = new Map<number, string>()

/**
 * One code point normalised for search: NFKC (full-width letters and digits, compatibility
 * forms), lower case, traditional → simplified for common characters.
 */
function normaliseCodePoint(cp: number): string {
  if (cp < 0x80)
    return cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : String.fromCharCode(cp)
  const hit = cache.get(cp)
  if (hit !== undefined) return hit
  let out = String.fromCodePoint(cp).normalize('NFKC').toLowerCase()
  if (out.length === 1 || (out.length === 2 && (out.codePointAt(0) as number) > 0xffff))
    out = String.fromCodePoint(simplify(out.codePointAt(0) as number))
  if (cp < 0x10000 && out.length === 1) BMP[cp] = out.charCodeAt(0) + 1
  else {
    if (cp < 0x10000) BMP[cp] = LONG
    if (cache.size < 50_000) cache.set(cp, out)
  }
  return out
}

/** The normalised text and where each of its characters came from (for highlights). */
export function normaliseWithOffsets(text: string): NormalisedText {
  let out = ''
  const start: number[] = []
  const end: number[] = []
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number
    const width = cp > 0xffff ? 2 : 1
    const n = normaliseCodePoint(cp)
    for (let k = 0; k < n.length; k++) {
      start.push(i)
      end.push(i + width)
    }
    out += n
    i += width
  }
  return { text: out, start, end }
}

/** The normalised text alone (what the index stores and queries are compared with). */
export function normalise(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number
    // Characters that stay as they are (most of a Chinese text) are copied without a lookup call.
    if (cp < 0x10000 && BMP[cp] === cp + 1) out += text[i]
    else out += normaliseCodePoint(cp)
    i += cp > 0xffff ? 2 : 1
  }
  return out
}
