import type { Catalogue } from '@gongkai/schema'
import { AhoCorasick } from './aho-corasick.js'
import { nameVariants, normaliseName } from './normalise-name.js'

/** One catalogue entry as the matcher sees it. */
export interface IndexedEntry {
  catalogue: string
  entry: string
  /** Position of the catalogue in the input, then of the entry in it: the tie-break order. */
  catalogueOrder: number
  entryOrder: number
  level1: string
  /** Normalised 二级 (or 一级 when there is none) and 三级 names. */
  names: string[]
  /** CJK bigrams of 二级/三级 names and of the 公开内容 elements, for resolving a group by title. */
  nameBigrams: Set<string>
  contentBigrams: Set<string>
}

/** The entries of one catalogue sharing a 一级事项. */
export interface EntryGroup {
  catalogue: string
  catalogueOrder: number
  level1: string
  entries: IndexedEntry[]
}

/** A name the title automaton looks for, with what it points to. */
export interface TitleName {
  name: string
  /** Entries whose 二级/三级 name this is. */
  entries: IndexedEntry[]
  /** Groups whose 一级 name this is. */
  groups: EntryGroup[]
}

const CJK = /[\u3400-\u9fff]/

/** CJK character bigrams of a text. */
export function bigrams(text: string): Set<string> {
  const out = new Set<string>()
  const s = normaliseName(text)
  for (let i = 0; i + 1 < s.length; i++) {
    const a = s[i] as string
    const b = s[i + 1] as string
    if (CJK.test(a) && CJK.test(b)) out.add(a + b)
  }
  return out
}

// Issuers common to many fields say nothing about which catalogue a document belongs to.
const MAX_CATALOGUES_PER_BODY = 3

/** Lookup structures over the entries of the catalogues, built once per bind. */
export class EntryIndex {
  readonly entries: IndexedEntry[] = []
  /** Normalised 二级/三级 name (and its suffix-less variants) -> entries. */
  readonly byName = new Map<string, IndexedEntry[]>()
  /** Normalised 一级 name (and variants) -> groups. */
  readonly byLevel1 = new Map<string, EntryGroup[]>()
  /** Names of entries and groups for title scanning. */
  readonly titleNames: TitleName[] = []
  /** Keywords naming a catalogue's field (义务教育, 社会救助 …) or unique 一级 names -> catalogue orders. */
  readonly contextKeywords: { keyword: string; catalogues: number[] }[] = []
  /**
   * One automaton for both: patterns below `titleNames.length` are title names, the rest
   * context keywords (index minus `titleNames.length`), so an item's text is scanned once.
   */
  readonly scanner: AhoCorasick
  /** Normalised issuer body (教育局, 民政局 …) -> catalogue orders. */
  readonly bodies: { body: string; catalogues: number[] }[] = []
  readonly catalogueIds: string[]

  constructor(catalogues: readonly Catalogue[]) {
    this.catalogueIds = catalogues.map((c) => c.id)
    const titleNames = new Map<string, TitleName>()
    const titleName = (name: string) => {
      let t = titleNames.get(name)
      if (!t) {
        t = { name, entries: [], groups: [] }
        titleNames.set(name, t)
      }
      return t
    }
    const level1Catalogues = new Map<string, Set<number>>()
    const bodyCatalogues = new Map<string, Set<number>>()
    const keywords = new Map<string, Set<number>>()
    const addKeyword = (k: string, c: number) => {
      if (k.length < 2) return
      const set = keywords.get(k) ?? new Set()
      set.add(c)
      keywords.set(k, set)
    }

    catalogues.forEach((cat, ci) => {
      const groups = new Map<string, EntryGroup>()
      // The field named by the catalogue title: 义务教育领域基层政务公开标准目录 -> 义务教育.
      const field = normaliseName(
        cat.title
          .replace(/\{[^}]*\}/g, '')
          .replace(/(?:领域)?(?:基层)?(?:政务|居务|村务|信息)?公开.*$/, '')
      )
      addKeyword(field, ci)
      cat.entries.forEach((e, ei) => {
        const level1 = normaliseName(e.item.level1)
        const own = [e.item.level2 ?? e.item.level1, e.item.level3].filter((s): s is string => !!s)
        const names = own.map(normaliseName)
        const entry: IndexedEntry = {
          catalogue: cat.id,
          entry: e.id,
          catalogueOrder: ci,
          entryOrder: ei,
          level1,
          names,
          nameBigrams: new Set(own.flatMap((s) => [...bigrams(s)])),
          contentBigrams: new Set(e.contentElements.flatMap((s) => [...bigrams(s)])),
        }
        this.entries.push(entry)
        for (const n of own) {
          for (const v of nameVariants(n)) push(this.byName, v, entry)
          titleName(normaliseName(n)).entries.push(entry)
        }
        let group = groups.get(level1)
        if (!group) {
          group = { catalogue: cat.id, catalogueOrder: ci, level1, entries: [] }
          groups.set(level1, group)
          for (const v of nameVariants(e.item.level1)) push(this.byLevel1, v, group)
          titleName(level1).groups.push(group)
          const set = level1Catalogues.get(level1) ?? new Set()
          set.add(ci)
          level1Catalogues.set(level1, set)
        }
        group.entries.push(entry)
        for (const body of e.responsibleBodies) {
          const b = normaliseName(
            body.replace(/[（(][^）)]*[）)]/g, '').replace(/\{[^}]*\}/g, '')
          ).replace(/^(?:区|市|县)/, '')
          if (b.length < 2) continue
          const set = bodyCatalogues.get(b) ?? new Set()
          set.add(ci)
          bodyCatalogues.set(b, set)
        }
      })
    })
    for (const [l1, cats] of level1Catalogues)
      if (cats.size === 1 && l1.length >= 4) for (const c of cats) addKeyword(l1, c)
    for (const [k, cats] of keywords)
      this.contextKeywords.push({ keyword: k, catalogues: [...cats] })
    for (const [body, cats] of bodyCatalogues) {
      if (cats.size <= MAX_CATALOGUES_PER_BODY) this.bodies.push({ body, catalogues: [...cats] })
    }
    this.titleNames.push(...titleNames.values())
    this.scanner = new AhoCorasick([
      ...this.titleNames.map((t) => t.name),
      ...this.contextKeywords.map((k) => k.keyword),
    ])
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) {
    if (!list.includes(value)) list.push(value)
  } else map.set(key, [value])
}
