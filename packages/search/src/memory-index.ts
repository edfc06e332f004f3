import { DocColumns } from './doc-columns.js'
import { fragments, matchSpans } from './highlight.js'
import { normalise } from './normalise.js'
import { type Alternative, type Concept, conceptsOfChunk, parseQuery } from './parse-query.js'
import { SEARCH_TYPES, type SearchDoc, type SearchType, TEXT_CLASSES } from './search-doc.js'
import { findCorrection, type Vocabulary, vocabularyOf } from './suggest.js'
import { type GramKey, keysOf } from './tokens.js'
import { topK } from './top-k.js'

/** Filters, page and query of {@link MemoryIndex.search}. */
export interface SearchQuery {
  q: string
  type?: SearchType
  /** Field code, e.g. `social_assistance`. */
  field?: string
  /** Organ name, exactly. */
  organ?: string
  year?: number
  /** Page size (default 20). */
  limit?: number
  /** Results to skip (the cursor's offset). */
  offset?: number
}

/** Matches of one text of a result. */
export interface Highlight {
  field: string
  /** HTML: escaped text with the matches in `<mark>`, cuts shown as `…`. */
  fragments: string[]
}

/** One result. */
export interface SearchItem {
  type: SearchType
  id: string
  title: string
  url: string
  score: number
  highlights: Highlight[]
}

/** Counts of the matches per value of one filter (the other filters applied). */
export type FacetCounts = { value: string; count: number }[]

/** A page of results. */
export interface SearchResult {
  items: SearchItem[]
  /** Matches over all pages. */
  total: number
  /** Offset of the next page, when there is one. */
  nextOffset?: number
  facets: { type: FacetCounts; field: FacetCounts; organ: FacetCounts; year: FacetCounts }
  /** The query with a near miss corrected, when a part of it matched nothing as typed. */
  didYouMean?: string
}

// BM25F: per-class weights and length normalisation. Titles count most and are short, so their
// length matters less; 文号 and codes are near-exact identifiers.
const WEIGHT = [4, 3, 1.2, 0.6]
const B = [0.5, 0.3, 0.75, 0.75]
const K1 = 1.2
const [W0, W1, W2, W3] = WEIGHT as [number, number, number, number]
// A document matches when it covers this share of the query's concepts (each concept counted by
// the share of its keys found), so one typo or one extra word does not empty the result.
const MIN_COVER_ONE = 0.6
const MIN_COVER_MANY = 0.55
// Results re-ranked with phrase checks (whole words in the title) before paging.
const RERANK = 200
const PAIR = 0x110000
// Entries are the matters people ask about (a document is one instance of a matter); datasets
// are fewer and broader than documents. Measured on the labelled queries (test-corpus/search).
const TYPE_PRIOR: Record<string, number> = { entry: 1.3, dataset: 1.15, document: 1, answer: 1 }
const PRIOR_BY_TYPE = Float64Array.from(SEARCH_TYPES, (t) => TYPE_PRIOR[t] ?? 1)

interface Stored {
  doc: SearchDoc
  title: string
}

interface Posting {
  docs: Uint32Array
  /** Term frequency per text class, 8 bits each (title lowest). */
  tfs: Uint32Array
  n: number
  /** BM25F's saturated term frequency t / (K1 + t) per document, as of `saturatedAt`. */
  saturated?: Float32Array
  /** The generation of the length norms `saturated` was computed with. */
  saturatedAt?: number
}

function grow<T extends Float64Array | Uint8Array | Uint32Array | Float32Array>(
  a: T,
  size: number,
  make: (n: number) => T
): T {
  if (a.length >= size) return a
  const b = make(Math.max(size, a.length * 2, 1024))
  b.set(a)
  return b
}

const isLoneChar = (k: GramKey) => typeof k === 'number' && k < PAIR

const keyOf = (type: string, id: string) => `${type}\u0000${id}`

/**
 * The inverted index in memory: Chinese bigrams and Latin/digit words, per text class, ranked
 * with BM25F. Documents are added and removed one at a time, so a process keeps it in step with
 * the store by applying changes (see `openSearchIndex`).
 */
export class MemoryIndex {
  private readonly docs: (Stored | undefined)[] = []
  private readonly byKey = new Map<string, number>()
  private readonly postings = new Map<GramKey, Posting>()
  private readonly lenSum = [0, 0, 0, 0]
  private readonly cols = new DocColumns()
  private live = 0
  private dead = 0
  private vocabulary: Vocabulary | undefined
  // Per document (4 per document for the classes): lengths, liveness, and BM25's length
  // normalisation, recomputed when documents came or went since the last search.
  private lens = new Uint32Array(0)
  private alive = new Uint8Array(0)
  private norms = new Float32Array(0)
  private normsValid = false
  // Bumped whenever the norms are recomputed: postings' saturated frequencies are then stale.
  private normsGeneration = 0
  // Documents whose title holds a lone character, by character (cleared on every change).
  private readonly lone = new Map<number, number[]>()
  // Scratch of search(), reused so a query allocates no per-document arrays; every search leaves
  // them zeroed again.
  private scratch = {
    scores: new Float64Array(0),
    cover: new Float64Array(0),
    best: new Float64Array(0),
    bestCover: new Float64Array(0),
    acc: new Float64Array(0),
    cnt: new Float64Array(0),
    seen: new Uint8Array(0),
    conceptSeen: new Uint8Array(0),
    altList: new Uint32Array(0),
    conceptList: new Uint32Array(0),
    touched: new Uint32Array(0),
    hits: new Uint32Array(0),
  }

  /** Documents in the index. */
  get size(): number {
    return this.live
  }

  /** Adds a document, replacing the one of the same type and id. */
  add(doc: SearchDoc): void {
    this.remove(doc.type, doc.id)
    const n = this.docs.length
    // Term frequencies packed 8 bits per class, as the postings keep them.
    const tfs = new Map<GramKey, number>()
    this.lens = grow(this.lens, (n + 1) * 4, (m) => new Uint32Array(m))
    this.alive = grow(this.alive, n + 1, (m) => new Uint8Array(m))
    for (const t of doc.texts) {
      const c = TEXT_CLASSES.indexOf(t.class)
      if (c < 0) continue
      const keys = keysOf(normalise(t.text))
      this.lens[n * 4 + c] = (this.lens[n * 4 + c] as number) + keys.length
      this.lenSum[c] = (this.lenSum[c] as number) + keys.length
      const unit = 2 ** (8 * c)
      for (const k of keys) {
        const packed = tfs.get(k) ?? 0
        if (Math.floor(packed / unit) % 256 < 255) tfs.set(k, packed + unit)
      }
    }
    for (const [k, packed] of tfs) {
      let p = this.postings.get(k)
      if (!p) {
        p = { docs: new Uint32Array(4), tfs: new Uint32Array(4), n: 0 }
        this.postings.set(k, p)
      }
      if (p.n === p.docs.length) {
        p.docs = grow(p.docs, p.n + 1, (m) => new Uint32Array(m))
        p.tfs = grow(p.tfs, p.n + 1, (m) => new Uint32Array(m))
      }
      p.docs[p.n] = n
      p.tfs[p.n] = packed
      p.n++
    }
    this.alive[n] = 1
    this.cols.add(n, doc)
    this.normsValid = false
    this.lone.clear()
    this.docs.push({ doc, title: normalise(doc.title) })
    this.byKey.set(keyOf(doc.type, doc.id), n)
    this.live++
    this.vocabulary = undefined
  }

  /** Removes a document; false when it was not there. */
  remove(type: string, id: string): boolean {
    const key = keyOf(type, id)
    const n = this.byKey.get(key)
    if (n === undefined) return false
    for (let c = 0; c < 4; c++)
      this.lenSum[c] = (this.lenSum[c] as number) - (this.lens[n * 4 + c] as number)
    // Postings keep the slot (skipped while dead) until too many are dead, then are rebuilt.
    this.docs[n] = undefined
    this.alive[n] = 0
    this.normsValid = false
    this.lone.clear()
    this.byKey.delete(key)
    this.live--
    this.dead++
    this.vocabulary = undefined
    if (this.dead > 1000 && this.dead > this.live) this.compact()
    return true
  }

  /** The stored document of that type and id. */
  get(type: string, id: string): SearchDoc | undefined {
    const n = this.byKey.get(keyOf(type, id))
    return n === undefined ? undefined : this.docs[n]?.doc
  }

  /** Every document, in insertion order. */
  *all(): IterableIterator<SearchDoc> {
    for (const s of this.docs) if (s) yield s.doc
  }

  private compact() {
    const docs = [...this.all()]
    this.docs.length = 0
    this.byKey.clear()
    this.postings.clear()
    this.cols.clear()
    this.lenSum.fill(0)
    this.lens.fill(0)
    this.alive.fill(0)
    this.live = 0
    this.dead = 0
    for (const d of docs) this.add(d)
  }

  /** Documents whose texts hold the key (dead slots included: an estimate, as BM25 needs). */
  df(key: GramKey): number {
    return this.postings.get(key)?.n ?? 0
  }

  private vocab(): Vocabulary {
    this.vocabulary ??= vocabularyOf(this.all(), (k) => this.df(k))
    return this.vocabulary
  }

  /** Ranked, filtered, paged matches of a query, with facets and highlights. */
  search(query: SearchQuery): SearchResult {
    const limit = query.limit ?? 20
    const offset = query.offset ?? 0
    const empty: SearchResult = {
      items: [],
      total: 0,
      facets: { type: [], field: [], organ: [], year: [] },
    }
    const parsed = parseQuery(query.q)
    if (parsed.concepts.length === 0) return empty

    // A chunk with a part found nowhere is probably mistyped: try the nearest known word on the
    // whole chunk (招生范为 → 招生范围), and search for the corrected chunk instead.
    let didYouMean: string | undefined
    const found = (a: Alternative) => a.keys.every((k) => this.df(k) > 0 || isLoneChar(k))
    parsed.chunks.forEach((chunk, i) => {
      const own = parsed.concepts.filter((c) => c.chunk === i)
      // Long chunks are sentences, not mistyped names: the correction's cost grows with them.
      if (chunk.length > 24 || own.every((c) => c.alternatives.some(found))) return
      const fix = findCorrection(chunk, this.vocab())
      if (!fix) return
      parsed.concepts = [
        ...parsed.concepts.filter((c) => c.chunk !== i),
        ...conceptsOfChunk(fix.text, i, 0.8),
      ]
      didYouMean = (didYouMean ?? parsed.normalised).replace(chunk, fix.text)
    })
    if (parsed.concepts.length === 0) return empty

    const n = this.docs.length
    const sc = this.scratchFor(n)
    const { scores, cover, seen, best, bestCover, acc, cnt, conceptSeen, altList, conceptList } = sc
    const { touched, hits } = sc
    let touchedCount = 0
    const norms = this.normsFor(n)
    const alive = this.alive
    // Documents reached by the current alternative and concept, as stacks over typed arrays
    // (a query may reach most of the index: no arrays growing push by push).
    let conceptCount = 0
    // Coverage counts each concept by how telling it is (its rarest name's mean idf), so in
    // 低保标准 a document with 低保 alone matches and one with the common 标准 alone does not.
    const idfOf = (k: GramKey) => {
      const df = isLoneChar(k) ? this.titlesWith(k as number) : this.df(k)
      return Math.log(1 + (n - df + 0.5) / (df + 0.5))
    }
    // Keys found in no document carry no evidence (孩子 in 孩子上小学): they are left out of the
    // means, so the words that do occur decide.
    const usable = (a: Alternative) =>
      [...new Set(a.keys)].filter((k) => isLoneChar(k) || this.df(k) > 0)
    const several = parsed.concepts.length > 1
    // A concept found in most documents (slq in SLQ-MZJ/2021-00001, 示例 in 示例区…) tells little
    // and costs a walk over most of the index: beside a more telling concept it is left out.
    const common = (c: Concept) =>
      c.alternatives.every((a) => usable(a).every((k) => !isLoneChar(k) && this.df(k) > n / 3))
    if (several && parsed.concepts.some((c) => !common(c)))
      parsed.concepts = parsed.concepts.filter((c) => !common(c))
    const conceptWeights = parsed.concepts.map((c) => {
      // A lone character beside other words (查 in 查养老院名单) ranks but is not required.
      if (
        several &&
        c.alternatives.every((a) => a.keys.length === 1 && isLoneChar(a.keys[0] as GramKey))
      )
        return 0
      let best = 0
      for (const a of c.alternatives) {
        const keys = usable(a)
        if (keys.length)
          best = Math.max(best, keys.reduce((sum: number, k) => sum + idfOf(k), 0) / keys.length)
      }
      return Math.max(0.1, best)
    })
    let conceptIndex = 0
    for (const concept of parsed.concepts) {
      const conceptWeight = conceptWeights[conceptIndex++] as number
      for (const alt of concept.alternatives) {
        const keys = usable(alt)
        if (keys.length === 0) continue
        const altTouched = { list: altList, n: 0 }
        for (const key of keys) {
          // A lone character is looked for inside titles (its own postings would count twice).
          if (isLoneChar(key)) {
            this.scanChar(key as number, acc, cnt, altTouched)
            continue
          }
          const p = this.postings.get(key)
          if (!p) continue
          const idf = Math.log(1 + (n - p.n + 0.5) / (p.n + 0.5))
          const pd = p.docs
          const sat = this.saturatedOf(p, norms)
          let reached = altTouched.n
          for (let i = 0; i < p.n; i++) {
            const d = pd[i] as number
            if (alive[d] === 0) continue
            if (cnt[d] === 0) altList[reached++] = d
            acc[d] = (acc[d] as number) + idf * (sat[i] as number)
            cnt[d] = (cnt[d] as number) + 1
          }
          altTouched.n = reached
        }
        for (let i = 0; i < altTouched.n; i++) {
          const d = altList[i] as number
          const s = (alt.weight * (acc[d] as number)) / keys.length
          const cov = Math.min(1, (cnt[d] as number) / keys.length)
          if (!conceptSeen[d]) {
            conceptSeen[d] = 1
            conceptList[conceptCount++] = d
          }
          if (s > (best[d] as number)) best[d] = s
          if (cov > (bestCover[d] as number)) bestCover[d] = cov
          acc[d] = 0
          cnt[d] = 0
        }
      }
      for (let i = 0; i < conceptCount; i++) {
        const d = conceptList[i] as number
        scores[d] = (scores[d] as number) + (best[d] as number)
        cover[d] = (cover[d] as number) + conceptWeight * (bestCover[d] as number)
        if (!seen[d]) {
          seen[d] = 1
          touched[touchedCount++] = d
        }
        best[d] = 0
        bestCover[d] = 0
        conceptSeen[d] = 0
      }
      conceptCount = 0
    }

    const totalWeight = conceptWeights.reduce((a, b) => a + b, 0)
    const minCover = (parsed.concepts.length === 1 ? MIN_COVER_ONE : MIN_COVER_MANY) * totalWeight

    // Facets: each counted with the other filters applied, so a reader sees what a click gives.
    const cols = this.cols
    const wantType = query.type ? SEARCH_TYPES.indexOf(query.type) : -1
    // A filter value no document has (-1) matches nothing.
    const wantField = query.field ? cols.fieldValues.find(query.field) : undefined
    const wantOrgan = query.organ ? cols.organValues.find(query.organ) : undefined
    const yearId = query.year === undefined ? -1 : cols.yearValues.find(String(query.year))
    // -1 marks documents without a year, so a year no document has is -2.
    const wantYear = query.year === undefined ? undefined : yearId < 0 ? -2 : yearId
    const typeCounts = new Uint32Array(SEARCH_TYPES.length)
    const fieldCounts = new Uint32Array(cols.fieldValues.values.length)
    const organCounts = new Uint32Array(cols.organValues.values.length)
    const yearCounts = new Uint32Array(cols.yearValues.values.length)
    const floor = minCover - 1e-9
    let hitCount = 0
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i] as number
      if ((cover[d] as number) < floor) continue
      const type = cols.type[d] as number
      const year = cols.year[d] as number
      const okType = wantType < 0 || type === wantType
      const okField = wantField === undefined || cols.fields.has(d, wantField)
      const okOrgan = wantOrgan === undefined || cols.organs.has(d, wantOrgan)
      const okYear = wantYear === undefined || year === wantYear
      if (okField && okOrgan && okYear) typeCounts[type] = (typeCounts[type] as number) + 1
      if (okType && okOrgan && okYear) cols.fields.count(d, fieldCounts)
      if (okType && okField && okYear) cols.organs.count(d, organCounts)
      if (okType && okField && okOrgan && year >= 0)
        yearCounts[year] = (yearCounts[year] as number) + 1
      if (okType && okField && okOrgan && okYear) {
        scores[d] = (scores[d] as number) * (PRIOR_BY_TYPE[type] as number)
        hits[hitCount++] = d
      }
    }

    // Best first; ties go to the newer item (dates compare as YYYY-MM-DD text), then by type
    // and id, so pages are stable.
    const order = (a: number, b: number) => {
      const diff = (scores[b] as number) - (scores[a] as number)
      if (diff !== 0) return diff
      const da = cols.date[a] as string
      const db = cols.date[b] as string
      if (da !== db) return db < da ? -1 : 1
      const ta = cols.type[a] as number
      const tb = cols.type[b] as number
      if (ta !== tb) return ta - tb
      const ia = (this.docs[a] as Stored).doc.id
      const ib = (this.docs[b] as Stored).doc.id
      return ia < ib ? -1 : ia > ib ? 1 : 0
    }
    // Only the leading results are ever shown or re-ranked: a heap picks them from the matches.
    const head = topK(hits, hitCount, Math.max(RERANK, offset + limit), order)
    // Phrase checks on the leading results: a title holding a concept as a whole word, or being
    // exactly the query, outranks one whose bigrams merely occur apart.
    const whole = parsed.concepts.map((c) =>
      c.alternatives.map((a) => a.text).filter((t) => t.length > 1)
    )
    for (const d of head) {
      const title = (this.docs[d] as Stored).title
      let factor = 1
      for (const alts of whole) if (alts.some((t) => title.includes(t))) factor *= 1.3
      // A title (or one level of an entry's name) that is exactly a concept names the matter itself.
      const parts = title.split(' / ').map((t) => t.replace(/[\s·、，,。()（）《》]+/g, ''))
      if (parsed.concepts.some((c) => c.alternatives.some((a) => parts.includes(a.text))))
        factor *= 1.4
      scores[d] = (scores[d] as number) * factor
    }
    head.sort(order)
    const ranked = head

    const keys = new Set<GramKey>()
    for (const c of parsed.concepts)
      for (const a of c.alternatives) for (const k of a.keys) keys.add(k)
    const items = ranked
      .slice(offset, offset + limit)
      .map((d) => this.item(d, scores[d] as number, keys))
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i] as number
      scores[d] = 0
      cover[d] = 0
      seen[d] = 0
    }
    const facet = (counts: Uint32Array, values: readonly string[], byValue = false): FacetCounts =>
      Array.from(counts, (count, i) => ({ value: values[i] as string, count }))
        .filter((f) => f.count > 0)
        .sort((a, b) =>
          byValue
            ? b.value.localeCompare(a.value)
            : b.count - a.count || a.value.localeCompare(b.value)
        )
    return {
      items,
      total: hitCount,
      ...(offset + limit < hitCount ? { nextOffset: offset + limit } : {}),
      facets: {
        type: facet(typeCounts, SEARCH_TYPES),
        field: facet(fieldCounts, cols.fieldValues.values),
        organ: facet(organCounts, cols.organValues.values),
        year: facet(yearCounts, cols.yearValues.values, true),
      },
      ...(didYouMean && didYouMean !== parsed.normalised ? { didYouMean } : {}),
    }
  }

  // Documents whose title holds a character (kept until the index changes).
  private withChar(cp: number): number[] {
    let list = this.lone.get(cp)
    if (!list) {
      const ch = String.fromCodePoint(cp)
      list = []
      for (let d = 0; d < this.docs.length; d++) if (this.docs[d]?.title.includes(ch)) list.push(d)
      if (this.lone.size > 1000) this.lone.clear()
      this.lone.set(cp, list)
    }
    return list
  }

  // Titles holding a character: the document frequency of a lone character.
  private titlesWith(cp: number): number {
    return this.withChar(cp).length
  }

  // A lone character (a one-character query part) is found inside titles: the index keeps
  // bigrams, and a lone character is rare enough in queries not to be indexed twice.
  private scanChar(
    cp: number,
    acc: Float64Array,
    cnt: Float64Array,
    touched: { list: Uint32Array; n: number }
  ) {
    for (const d of this.withChar(cp)) {
      if (cnt[d] === 0) touched.list[touched.n++] = d
      acc[d] = (acc[d] as number) + 0.5
      cnt[d] = (cnt[d] as number) + 1
    }
  }

  private scratchFor(n: number) {
    const s = this.scratch
    if (s.scores.length < n) {
      const size = Math.max(n, s.scores.length * 2, 1024)
      this.scratch = {
        scores: new Float64Array(size),
        cover: new Float64Array(size),
        best: new Float64Array(size),
        bestCover: new Float64Array(size),
        acc: new Float64Array(size),
        cnt: new Float64Array(size),
        seen: new Uint8Array(size),
        conceptSeen: new Uint8Array(size),
        altList: new Uint32Array(size),
        conceptList: new Uint32Array(size),
        touched: new Uint32Array(size),
        hits: new Uint32Array(size),
      }
    }
    return this.scratch
  }

  private normsFor(n: number): Float32Array {
    if (this.normsValid && this.norms.length >= n * 4) return this.norms
    if (this.norms.length < n * 4)
      this.norms = new Float32Array(Math.max(n * 4, this.norms.length * 2))
    const avg = this.lenSum.map((s) => (this.live > 0 ? s / this.live : 1) || 1)
    for (let d = 0; d < n; d++)
      for (let c = 0; c < 4; c++) {
        const b = B[c] as number
        this.norms[d * 4 + c] = 1 - b + (b * (this.lens[d * 4 + c] as number)) / (avg[c] as number)
      }
    this.normsValid = true
    this.normsGeneration++
    return this.norms
  }

  // The saturated frequencies of a posting, computed once per generation of the norms: a query
  // then adds idf × a stored number per document instead of two divisions and a norm lookup.
  private saturatedOf(p: Posting, norms: Float32Array): Float32Array {
    if (p.saturated && p.saturatedAt === this.normsGeneration && p.saturated.length >= p.n)
      return p.saturated
    const out =
      p.saturated && p.saturated.length >= p.n ? p.saturated : new Float32Array(p.docs.length)
    const pd = p.docs
    const pt = p.tfs
    for (let i = 0; i < p.n; i++) {
      const packed = pt[i] as number
      const o = (pd[i] as number) * 4
      // Most keys occur in the title alone: one division instead of four.
      let t = ((packed & 255) * W0) / (norms[o] as number)
      if (packed > 255) {
        t +=
          (((packed >>> 8) & 255) * W1) / (norms[o + 1] as number) +
          (((packed >>> 16) & 255) * W2) / (norms[o + 2] as number) +
          ((packed >>> 24) * W3) / (norms[o + 3] as number)
      }
      out[i] = t / (K1 + t)
    }
    p.saturated = out
    p.saturatedAt = this.normsGeneration
    return out
  }

  private item(d: number, score: number, keys: ReadonlySet<GramKey>): SearchItem {
    const { doc } = this.docs[d] as Stored
    const highlights: Highlight[] = []
    for (const t of doc.texts) {
      const spans = matchSpans(t.text, keys)
      if (spans.length > 0) highlights.push({ field: t.name, fragments: fragments(t.text, spans) })
    }
    return {
      type: doc.type,
      id: doc.id,
      title: doc.title,
      url: doc.url,
      score: Math.round(score * 1e4) / 1e4,
      highlights,
    }
  }
}
