import { normalise } from './normalise.js'
import { synonymWords } from './parse-query.js'
import type { SearchDoc } from './search-doc.js'
import { type GramKey, keysOf, runsOf } from './tokens.js'

/** Known words by length: everyday names, entry names and dataset titles, with how common. */
export interface Vocabulary {
  byLength: Map<number, Map<string, number>>
  df: (key: GramKey) => number
}

const MAX_WORD = 12

/**
 * The words a near miss may be corrected to: the synonym list's names and the Han runs of entry
 * and dataset titles (documents' titles are sentences, not names). Weighted by their rarest key.
 */
export function vocabularyOf(docs: Iterable<SearchDoc>, df: (key: GramKey) => number): Vocabulary {
  const byLength = new Map<number, Map<string, number>>()
  const add = (word: string, known = false) => {
    if (word.length < 2 || word.length > MAX_WORD) return
    const keys = keysOf(word)
    // A synonym-list name stays a correction even when only another name of it occurs in the
    // texts (高龄补贴 where the catalogues say 高龄津贴).
    const weight = Math.max(known ? 1 : 0, Math.min(...keys.map(df)))
    if (!(weight > 0)) return
    let m = byLength.get(word.length)
    if (!m) {
      m = new Map()
      byLength.set(word.length, m)
    }
    m.set(word, weight)
  }
  for (const w of synonymWords) add(w, true)
  for (const d of docs) {
    if (d.type !== 'entry' && d.type !== 'dataset') continue
    for (const run of runsOf(normalise(d.title)))
      if (run.kind === 'han') add(String.fromCodePoint(...run.cps))
  }
  return { byLength, df }
}

// One substituted character, or two neighbours swapped: the usual slips of a pinyin keyboard.
function nearMiss(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let first = -1
  let diffs = 0
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    if (diffs++ === 0) first = i
    if (diffs > 2) return false
  }
  if (diffs === 1) return true
  return diffs === 2 && a[first] === b[first + 1] && a[first + 1] === b[first]
}

/**
 * The nearest known word inside a query part that matched nothing as typed (底保 → 低保,
 * 高龄补帖 → 高龄补贴): the longest, then the most common. Two-character words are taken from the
 * synonym list only, where a slip is both likely and unambiguous enough.
 */
export function findCorrection(
  part: string,
  vocabulary: Vocabulary
): { text: string; from: string; to: string } | undefined {
  const chars = Array.from(part)
  let found: { text: string; from: string; to: string; len: number; weight: number } | undefined
  for (let len = Math.min(MAX_WORD, chars.length); len >= 2; len--) {
    const words = vocabulary.byLength.get(len)
    if (!words) continue
    for (let at = 0; at + len <= chars.length; at++) {
      const window = chars.slice(at, at + len).join('')
      if (keysOf(window).every((k) => vocabulary.df(k) > 0)) continue
      for (const [word, weight] of words) {
        if (len === 2 && !synonymWords.has(word)) continue
        if (!nearMiss(window, word)) continue
        if (found && (found.len > len || (found.len === len && found.weight >= weight))) continue
        const text = [...chars.slice(0, at), word, ...chars.slice(at + len)].join('')
        found = { text, from: window, to: word, len, weight }
      }
    }
    if (found) break
  }
  return found && { text: found.text, from: found.from, to: found.to }
}
