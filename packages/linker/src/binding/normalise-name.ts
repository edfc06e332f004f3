// Punctuation, symbols and spaces carry no meaning in column and item names
// (“双随机、一公开”抽查 vs 双随机一公开抽查).
const NOISE = /[\s\p{P}\p{S}]+/gu
const SUFFIX = /(?:信息|公开|情况)$/
const NEEDS_NFKC = /[\uff10-\uff5a\u2150-\u24ff\u3200-\u33ff\uf900-\ufaff\u00a0-\u00ff]/

/**
 * The comparable form of a column or item name: full-width folded to half-width (NFKC),
 * lower-cased, spaces and punctuation removed.
 * @example normaliseName('招生管理 （2021）') // '招生管理2021'
 */
export function normaliseName(text: string): string {
  // NFKC is the slow part and only changes full-width letters/digits, circled numbers and
  // compatibility ideographs here (punctuation is removed anyway), so it runs only for those.
  const folded = NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text
  return folded.toLowerCase().replace(NOISE, '')
}

/**
 * The normalised name and its forms without a trailing 信息/公开/情况 (applied up to twice, so
 * 招生管理信息公开 also matches 招生管理), longest first, without duplicates or empties.
 */
export function nameVariants(text: string): string[] {
  const out: string[] = []
  let s = normaliseName(text)
  for (let i = 0; i < 3 && s; i++) {
    if (!out.includes(s)) out.push(s)
    const next = s.replace(SUFFIX, '')
    if (next === s || next.length < 2) break
    s = next
  }
  return out
}

/** A column path split into its names, most specific last: `政府信息公开 > 义务教育 > 招生管理`. */
export function columnSegments(column: string): string[] {
  return column
    .split(/\s*(?:[/>\\|»›→]|&gt;)\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
}
