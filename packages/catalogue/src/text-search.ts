import { synonymsOf } from './synonyms.js'

/** One searchable document: a name (item levels) and a body (content elements, legal basis …). */
export interface SearchDocument {
  name: string
  content: string
}

/** A hit: the document's position and whether the query matched its name (ranked first). */
export interface SearchHit {
  doc: number
  inName: boolean
}

/** Full-text search over documents; see `createTextSearch`. */
export interface TextSearch {
  /** Documents matching every whitespace-separated term: name hits first, then by position. */
  search(query: string): SearchHit[]
  /** Number of indexed documents. */
  readonly size: number
}

// Latin text is case-folded; CJK has no case, so toLowerCase leaves it alone.
const fold = (s: string) => s.toLowerCase()

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 0x3000

// Grams are numbers (code point, or pair of code points), so the posting map hashes numbers
// instead of building a short string per character.
const PAIR = 0x110000
const BIGRAM_BASE = PAIR * PAIR

/** Calls fn with each unigram (n = 1) or bigram (n = 2) key of a text, whitespace excluded. */
function eachGram(text: string, n: 1 | 2, fn: (gram: number) => void) {
  let prev = -1
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number
    // Code points, not UTF-16 units, so a rare CJK extension character stays whole.
    if (cp > 0xffff) i++
    if (isSpace(cp)) {
      prev = -1
      continue
    }
    if (n === 1) fn(cp)
    else if (prev >= 0) fn(BIGRAM_BASE + prev * PAIR + cp)
    prev = cp
  }
}

function grams(text: string, n: 1 | 2): Set<number> {
  const out = new Set<number>()
  eachGram(text, n, (g) => out.add(g))
  return out
}

function union(lists: readonly (readonly number[])[]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b)
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as number
    const y = b[j] as number
    if (x === y) {
      out.push(x)
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return out
}

/**
 * Character unigram + bigram inverted index: no tokenizer, so 招生 is found inside 招生范围.
 * Candidates from the posting lists are verified by substring, so results are exact.
 */
export function createTextSearch(documents: readonly SearchDocument[]): TextSearch {
  const names = documents.map((d) => fold(d.name))
  const contents = documents.map((d) => fold(d.content))
  const postings = new Map<number, number[]>()
  const add = (doc: number) => (g: number) => {
    const list = postings.get(g)
    // Documents are visited in order, so every list stays sorted and a repeat is the last item.
    if (!list) postings.set(g, [doc])
    else if (list[list.length - 1] !== doc) list.push(doc)
  }
  documents.forEach((_, doc) => {
    const text = `${names[doc]}\n${contents[doc]}`
    const fn = add(doc)
    eachGram(text, 1, fn)
    eachGram(text, 2, fn)
  })

  function candidates(term: string): number[] {
    const keys = Array.from(term).length === 1 ? [...grams(term, 1)] : [...grams(term, 2)]
    const lists = keys.map((k) => postings.get(k) ?? [])
    lists.sort((a, b) => a.length - b.length)
    let out = lists[0] ?? []
    for (const list of lists.slice(1)) {
      if (out.length === 0) break
      out = intersect(out, list)
    }
    return out
  }

  return {
    size: documents.length,
    search(query: string): SearchHit[] {
      // Each term matches itself or another name of the same matter (低保 ↔ 最低生活保障).
      const terms = fold(query)
        .split(/\s+/)
        .filter(Boolean)
        .map((t) => synonymsOf(t).map(fold))
      if (terms.length === 0) return []
      let docs: number[] | undefined
      for (const variants of terms) {
        const c =
          variants.length === 1
            ? candidates(variants[0] as string)
            : union(variants.map(candidates))
        docs = docs ? intersect(docs, c) : c
        if (docs.length === 0) return []
      }
      const nameHits: SearchHit[] = []
      const contentHits: SearchHit[] = []
      const hit = (text: string, variants: readonly string[]) =>
        variants.some((v) => text.includes(v))
      for (const doc of docs ?? []) {
        const name = names[doc] as string
        const content = contents[doc] as string
        if (!terms.every((v) => hit(name, v) || hit(content, v))) continue
        if (terms.some((v) => hit(name, v))) nameHits.push({ doc, inName: true })
        else contentHits.push({ doc, inName: false })
      }
      return [...nameHits, ...contentHits]
    },
  }
}
