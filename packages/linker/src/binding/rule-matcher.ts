import type { BindingRule, ContentItem } from '@gongkai/schema'
import { AhoCorasick } from './aho-corasick.js'
import { columnSegments, nameVariants, normaliseName } from './normalise-name.js'
import { requiredLiteral } from './regex-literal.js'

interface CompiledRule {
  rule: BindingRule
  order: number
  column?: Set<string>
  issuer?: string
  title?: RegExp
  docNo?: RegExp
}

/**
 * The user rules of a bindings.json, indexed: by column name (a Map), by issuer and by the
 * literal text each title / 发文字号 pattern requires (Aho–Corasick), so an item is only tested
 * against the few rules that can match it. Rules with nothing to index on are tested always.
 */
export class RuleMatcher {
  private readonly byColumn = new Map<string, CompiledRule[]>()
  private readonly issuerRules: CompiledRule[] = []
  private readonly issuerAc: AhoCorasick
  private readonly titleRules: CompiledRule[] = []
  private readonly titleAc: AhoCorasick
  private readonly docNoRules: CompiledRule[] = []
  private readonly docNoAc: AhoCorasick
  private readonly always: CompiledRule[] = []
  readonly size: number

  constructor(rules: readonly BindingRule[]) {
    const titleLiterals: string[] = []
    const docNoLiterals: string[] = []
    rules.forEach((rule, order) => {
      const c: CompiledRule = { rule, order }
      if (rule.column !== undefined) c.column = new Set(nameVariants(rule.column))
      if (rule.issuer !== undefined) c.issuer = normaliseName(rule.issuer)
      // Invalid patterns were refused by parseBindingRules; a rule given directly with one never matches.
      try {
        if (rule.titlePattern !== undefined) c.title = new RegExp(rule.titlePattern, 'u')
        if (rule.docNoPattern !== undefined) c.docNo = new RegExp(rule.docNoPattern, 'u')
      } catch {
        return
      }
      if (c.column) {
        for (const v of c.column) push(this.byColumn, v, c)
      } else if (c.issuer) {
        this.issuerRules.push(c)
      } else if (rule.titlePattern !== undefined && requiredLiteral(rule.titlePattern)) {
        titleLiterals.push(requiredLiteral(rule.titlePattern) as string)
        this.titleRules.push(c)
      } else if (rule.docNoPattern !== undefined && requiredLiteral(rule.docNoPattern)) {
        docNoLiterals.push(requiredLiteral(rule.docNoPattern) as string)
        this.docNoRules.push(c)
      } else this.always.push(c)
    })
    this.issuerAc = new AhoCorasick(this.issuerRules.map((r) => r.issuer as string))
    this.titleAc = new AhoCorasick(titleLiterals)
    this.docNoAc = new AhoCorasick(docNoLiterals)
    this.size = rules.length
  }

  /** Rules whose every condition the item meets, in file order. */
  match(item: ContentItem, columnNames: readonly string[]): BindingRule[] {
    if (this.size === 0) return []
    const candidates = new Set<CompiledRule>(this.always)
    for (const n of columnNames) for (const r of this.byColumn.get(n) ?? []) candidates.add(r)
    if (item.issuer && this.issuerRules.length) {
      for (const h of this.issuerAc.search(normaliseName(item.issuer)))
        candidates.add(this.issuerRules[h.pattern] as CompiledRule)
    }
    if (this.titleRules.length)
      for (const h of this.titleAc.search(item.title))
        candidates.add(this.titleRules[h.pattern] as CompiledRule)
    if (item.docNo && this.docNoRules.length) {
      for (const h of this.docNoAc.search(item.docNo))
        candidates.add(this.docNoRules[h.pattern] as CompiledRule)
    }
    return [...candidates]
      .filter((c) => matches(c, item, columnNames))
      .sort((a, b) => a.order - b.order)
      .map((c) => c.rule)
  }
}

/** The normalised names of an item's column path (and its variants), for column rules. */
export function columnNamesOf(item: ContentItem): string[] {
  const out = new Set<string>()
  if (item.column) {
    for (const v of nameVariants(item.column)) out.add(v)
    for (const s of columnSegments(item.column)) for (const v of nameVariants(s)) out.add(v)
  }
  return [...out]
}

function matches(c: CompiledRule, item: ContentItem, columnNames: readonly string[]): boolean {
  const { rule } = c
  if (c.column && !columnNames.some((n) => c.column?.has(n))) return false
  if (c.issuer && !(item.issuer && normaliseName(item.issuer).includes(c.issuer))) return false
  if (c.title && !c.title.test(item.title)) return false
  if (c.docNo && !(item.docNo && c.docNo.test(item.docNo))) return false
  if (rule.from !== undefined || rule.to !== undefined) {
    const date = item.publishedAt ?? item.formedAt
    if (!date) return false
    if (rule.from !== undefined && date < rule.from) return false
    if (rule.to !== undefined && date > rule.to) return false
  }
  return true
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
