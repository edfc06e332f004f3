import type { ContentItem } from '@gongkai/schema'
import {
  bigrams,
  type EntryGroup,
  type EntryIndex,
  type IndexedEntry,
  type TitleName,
} from './entry-index.js'
import { columnSegments, nameVariants, normaliseName } from './normalise-name.js'

/** A default binding of an item. */
export interface DefaultMatch {
  entry: IndexedEntry
  method: 'column' | 'category' | 'title'
  confidence: number
}

/** An item whose column or title fits several entries equally. */
export interface Ambiguity {
  candidates: IndexedEntry[]
  reason: string
}

/**
 * Confidence of each way a default binding is made. Column names are set by the site's editors,
 * so they are trusted more than a name found in a title.
 */
export const CONFIDENCE = {
  /** Column = an entry's 二级事项. */
  columnLevel2: 0.9,
  /** Column = a 二级事项 shared by several entries, told apart by context. */
  columnLevel2Narrowed: 0.85,
  /** Column = a 一级事项 with one entry, or whose entry the title names. */
  columnLevel1Named: 0.8,
  /** Column fits several entries; the title names one of them. */
  columnAmbiguousTitled: 0.7,
  /** Column = a 一级事项; the entry chosen by the title's likeness to its items and content. */
  columnLevel1Similar: 0.65,
  /** A feed category rather than the site's own column. */
  categoryPenalty: 0.05,
  /** Title names an entry, and the issuer, column or title confirms the field. */
  titleWithContext: 0.55,
  /** Title names an entry by a long, unique name. */
  title: 0.5,
} as const

// Title names shorter than these need more evidence: 4–5 characters (预防接种, 健康教育) occur
// in unrelated news, shorter ones (标准, 恢复) almost anywhere.
const LONG_NAME = 6
const SHORT_NAME = 4

const groupKey = (catalogueOrder: number, level1: string) => `${catalogueOrder}\u0000${level1}`
const byOrder = (a: IndexedEntry, b: IndexedEntry) =>
  a.catalogueOrder - b.catalogueOrder || a.entryOrder - b.entryOrder

interface ItemContext {
  titleNames: TitleName[]
  /** Catalogues the item's words or issuer point to. */
  catalogues: Set<number>
  /** 一级 groups named in the title or column. */
  level1s: Set<string>
  titleEntries: Set<IndexedEntry>
  title: string
}

/** The default column/category/title matching of {@link bind}. */
export class DefaultMatcher {
  private readonly issuerCache = new Map<string, number[]>()

  constructor(
    private readonly index: EntryIndex,
    /** Catalogue orders the defaults may bind to. */
    private readonly allowed: ReadonlySet<number>
  ) {}

  private issuerCatalogues(issuer: string): number[] {
    let cats = this.issuerCache.get(issuer)
    if (!cats) {
      const n = normaliseName(issuer)
      const set = new Set<number>()
      for (const b of this.index.bodies)
        if (n.includes(b.body)) for (const c of b.catalogues) set.add(c)
      cats = [...set]
      if (this.issuerCache.size < 10_000) this.issuerCache.set(issuer, cats)
    }
    return cats
  }

  private readonly names = new Map<string, string>()

  /** normaliseName with a bounded cache: columns, categories and topics repeat across items. */
  private norm(text: string): string {
    let n = this.names.get(text)
    if (n === undefined) {
      n = normaliseName(text)
      if (this.names.size < 50_000) this.names.set(text, n)
    }
    return n
  }

  private context(item: ContentItem, segments: string[]): ItemContext {
    const title = normaliseName(item.title)
    let text = title
    for (const s of segments) text += `\u0001${this.norm(s)}`
    for (const c of item.categories ?? []) text += `\u0001${this.norm(c)}`
    if (item.topic) text += `\u0001${this.norm(item.topic)}`
    const catalogues = new Set<number>()
    if (item.issuer) for (const c of this.issuerCatalogues(item.issuer)) catalogues.add(c)
    const level1s = new Set<string>()
    const titleNames: TitleName[] = []
    const titleEntries = new Set<IndexedEntry>()
    const titleEnd = title.length
    const nameCount = this.index.titleNames.length
    for (const h of this.index.scanner.search(text)) {
      if (h.pattern >= nameCount) {
        for (const c of this.index.contextKeywords[h.pattern - nameCount]?.catalogues ?? [])
          catalogues.add(c)
        continue
      }
      const t = this.index.titleNames[h.pattern] as TitleName
      for (const g of t.groups) level1s.add(groupKey(g.catalogueOrder, g.level1))
      if (h.end <= titleEnd && t.entries.length) {
        titleNames.push(t)
        for (const e of t.entries) titleEntries.add(e)
      }
    }
    return { titleNames, catalogues, level1s, titleEntries, title }
  }

  /** The default binding of `item`, an ambiguity, or undefined when nothing matches. */
  match(item: ContentItem): DefaultMatch | Ambiguity | undefined {
    const segments = item.column ? columnSegments(item.column) : []
    const ctx = this.context(item, segments)
    const sources: { text: string; method: 'column' | 'category' }[] = [
      ...segments.map((text) => ({ text, method: 'column' as const })).reverse(),
      ...(item.categories ?? []).map((text) => ({ text, method: 'category' as const })),
    ]
    let ambiguity: Ambiguity | undefined
    for (const src of sources) {
      const found = this.lookup(src.text)
      if (!found) continue
      const res = this.resolveColumn(found.entries, found.groups, ctx)
      if ('entry' in res) {
        const penalty = src.method === 'category' ? CONFIDENCE.categoryPenalty : 0
        return { entry: res.entry, method: src.method, confidence: round(res.confidence - penalty) }
      }
      ambiguity ??= {
        candidates: res.candidates,
        reason: `${src.method} "${src.text}" ${res.reason}`,
      }
    }
    const fromTitle = this.byTitle(ctx)
    if (ambiguity) {
      if (fromTitle && ambiguity.candidates.includes(fromTitle.entry)) {
        return {
          entry: fromTitle.entry,
          method: 'column',
          confidence: CONFIDENCE.columnAmbiguousTitled,
        }
      }
      return fromTitle ?? ambiguity
    }
    return fromTitle
  }

  private lookup(text: string): { entries: IndexedEntry[]; groups: EntryGroup[] } | undefined {
    for (const v of nameVariants(text)) {
      const entries = (this.index.byName.get(v) ?? []).filter((e) =>
        this.allowed.has(e.catalogueOrder)
      )
      const groups = (this.index.byLevel1.get(v) ?? []).filter((g) =>
        this.allowed.has(g.catalogueOrder)
      )
      if (entries.length || groups.length) return { entries, groups }
    }
    return undefined
  }

  private resolveColumn(
    entries0: IndexedEntry[],
    groups0: EntryGroup[],
    ctx: ItemContext
  ): { entry: IndexedEntry; confidence: number } | { candidates: IndexedEntry[]; reason: string } {
    let entries = entries0
    let groups = groups0
    let narrowed = false
    // The field the item's words or issuer point to decides between catalogues.
    if (ctx.catalogues.size && entries.length + groups.length > 1) {
      const e = entries.filter((x) => ctx.catalogues.has(x.catalogueOrder))
      const g = groups.filter((x) => ctx.catalogues.has(x.catalogueOrder))
      if (e.length + g.length > 0) {
        narrowed = e.length + g.length < entries.length + groups.length
        entries = e
        groups = g
      }
    }
    if (entries.length > 1) {
      // The same 二级 name under several 一级 (办事指南 under 最低生活保障 and 临时救助…).
      const e = entries.filter((x) => ctx.level1s.has(groupKey(x.catalogueOrder, x.level1)))
      if (e.length > 0 && e.length < entries.length) {
        entries = e
        narrowed = true
      }
    }
    if (entries.length > 1) {
      const e = entries.filter((x) => ctx.titleEntries.has(x))
      if (e.length === 1) {
        entries = e
        narrowed = true
      }
    }
    // A 一级 group holding the matched 二级 entry itself (出生登记 / 出生登记) is no competitor.
    if (entries.length === 1) {
      const only = entries[0] as IndexedEntry
      groups = groups.filter(
        (g) => !(g.catalogueOrder === only.catalogueOrder && g.level1 === only.level1)
      )
    }
    if (entries.length === 1 && groups.length === 0) {
      return {
        entry: entries[0] as IndexedEntry,
        confidence: narrowed ? CONFIDENCE.columnLevel2Narrowed : CONFIDENCE.columnLevel2,
      }
    }
    if (entries.length === 0 && groups.length > 1) {
      const g = groups.filter((x) => x.entries.some((e) => ctx.titleEntries.has(e)))
      if (g.length === 1) groups = g
    }
    if (entries.length === 0 && groups.length === 1)
      return this.resolveGroup(groups[0] as EntryGroup, ctx)
    const candidates = [...entries, ...groups.flatMap((g) => g.entries)].sort(byOrder).slice(0, 12)
    return {
      candidates,
      reason: `names ${candidates.length > 1 ? 'several entries' : 'an entry'} of different catalogues or groups`,
    }
  }

  /**
   * Picks the entry of a 一级 group an item in that column belongs to: the only entry, the entry
   * the title names, or the entry whose names and 公开内容 the title is most like. When none
   * stands out the item stays unbound and is listed as ambiguous.
   */
  private resolveGroup(group: EntryGroup, ctx: ItemContext) {
    if (group.entries.length === 1)
      return { entry: group.entries[0] as IndexedEntry, confidence: CONFIDENCE.columnLevel1Named }
    const named = group.entries.filter((e) => ctx.titleEntries.has(e))
    if (named.length >= 1) {
      // Longest name wins (老年人补贴发放对象名单 over 老年人补贴).
      const best = named.reduce((a, b) => (longest(b) > longest(a) ? b : a))
      return { entry: best, confidence: CONFIDENCE.columnLevel1Named }
    }
    const groupBigrams = bigrams(group.level1)
    const title = [...bigrams(ctx.title)].filter((b) => !groupBigrams.has(b))
    const scored = group.entries
      .map((e) => {
        let s = 0
        for (const b of title)
          s += (e.nameBigrams.has(b) ? 3 : 0) + (e.contentBigrams.has(b) ? 1 : 0)
        return { e, s }
      })
      .sort((a, b) => b.s - a.s || byOrder(a.e, b.e))
    const [first, second] = scored
    if (first && first.s >= 2 && first.s > (second?.s ?? 0))
      return { entry: first.e, confidence: CONFIDENCE.columnLevel1Similar }
    return {
      candidates: group.entries.slice(0, 12),
      reason: `names the group ${group.level1}, and the title points to no single entry of it`,
    }
  }

  private byTitle(ctx: ItemContext): DefaultMatch | undefined {
    let best: { e: IndexedEntry; len: number; confirmed: boolean } | undefined
    for (const t of ctx.titleNames) {
      let entries = t.entries.filter((e) => this.allowed.has(e.catalogueOrder))
      if (entries.length > 1 && ctx.catalogues.size) {
        const e = entries.filter((x) => ctx.catalogues.has(x.catalogueOrder))
        if (e.length) entries = e
      }
      if (entries.length > 1) {
        const e = entries.filter((x) => ctx.level1s.has(groupKey(x.catalogueOrder, x.level1)))
        if (e.length) entries = e
      }
      if (entries.length !== 1) continue
      const e = entries[0] as IndexedEntry
      const len = t.name.length
      const groupNamed =
        ctx.level1s.has(groupKey(e.catalogueOrder, e.level1)) && e.level1 !== t.name
      const confirmed = ctx.catalogues.has(e.catalogueOrder) || groupNamed
      const enough = len >= LONG_NAME || (len >= SHORT_NAME && confirmed) || groupNamed
      if (!enough) continue
      if (!best || len > best.len || (len === best.len && byOrder(e, best.e) < 0))
        best = { e, len, confirmed }
    }
    if (!best) return undefined
    return {
      entry: best.e,
      method: 'title',
      confidence: best.confirmed ? CONFIDENCE.titleWithContext : CONFIDENCE.title,
    }
  }
}

const longest = (e: IndexedEntry) => Math.max(...e.names.map((n) => n.length))
const round = (n: number) => Math.round(n * 1000) / 1000
