import type { Binding, BindingRules, Catalogue, ContentItem } from '@gongkai/schema'
import { normaliseUrl } from '../content/normalise-url.js'
import type { AmbiguousMatch, BindingResult, EntryKey } from './binding-result.js'
import { DefaultMatcher } from './default-matcher.js'
import { EntryIndex } from './entry-index.js'
import { columnNamesOf, RuleMatcher } from './rule-matcher.js'

/** Input of {@link bind}. */
export interface BindOptions {
  /** The catalogues the workspace uses. */
  catalogues: readonly Catalogue[]
  /** Content items; streamed when async, only their bindings are kept. */
  items: readonly ContentItem[] | Iterable<ContentItem> | AsyncIterable<ContentItem>
  /** A validated bindings.json (see `loadBindingRules`); without it only the defaults run. */
  rules?: BindingRules
  /** Default bindings below this confidence are dropped (default 0.5). */
  minConfidence?: number
}

/** Binding result with the problems of the rules (entries they name that do not exist). */
export interface BindOutcome extends BindingResult {
  problems: { pointer: string; message: string }[]
}

/** Confidence of a user rule that sets none. */
export const RULE_CONFIDENCE = 0.95

const entryKey = (catalogue: string, entry: string) => `${catalogue}\u0000${entry}`
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Binds content items to catalogue entries. Precedence: manual bindings (always kept), then
 * exclusions (drop automatic bindings of a URL, to one entry or to all), then the workspace's
 * rules, then the defaults (column/category = 二级 or 一级 事项, item names in titles) for
 * items no rule matched. Deterministic: output sorted by URL, catalogue, entry.
 * @example
 * const result = await bind({ catalogues, items, rules })
 * result.bindings[0] // { entry: { catalogue: 'compulsory_education', entry: 'enrolment.enrolment_policy' }, content: 'https://…', method: 'column', confidence: 0.9 }
 */
export async function bind(options: BindOptions): Promise<BindOutcome> {
  const rules = options.rules ?? {}
  const minConfidence = options.minConfidence ?? 0.5
  const problems: BindOutcome['problems'] = []
  const used = rules.catalogues?.length
    ? options.catalogues.filter((c) => rules.catalogues?.includes(c.id))
    : options.catalogues
  for (const [i, id] of (rules.catalogues ?? []).entries()) {
    if (!options.catalogues.some((c) => c.id === id))
      problems.push({ pointer: `/catalogues/${i}`, message: `catalogue "${id}" is not loaded` })
  }
  const index = new EntryIndex(options.catalogues)
  const allowed = new Set(used.map((c) => options.catalogues.indexOf(c)))
  const defaults = rules.defaults === false ? undefined : new DefaultMatcher(index, allowed)
  const known = new Set(index.entries.map((e) => entryKey(e.catalogue, e.entry)))
  const checkRef = (ref: EntryKey, pointer: string) => {
    if (known.has(entryKey(ref.catalogue, ref.entry))) return true
    problems.push({
      pointer,
      message: `entry ${ref.catalogue} / ${ref.entry} is not in the loaded catalogues`,
    })
    return false
  }
  const userRules = (rules.rules ?? []).filter((r, i) => checkRef(r.entry, `/rules/${i}/entry`))
  const matcher = new RuleMatcher(userRules)

  // Exclusions by URL: the entries excluded, or '*' for all of them.
  const excluded = new Map<string, Set<string>>()
  for (const x of rules.exclusions ?? []) {
    const url = normaliseUrl(x.content) ?? x.content
    const set = excluded.get(url) ?? new Set()
    set.add(x.entry ? entryKey(x.entry.catalogue, x.entry.entry) : '*')
    excluded.set(url, set)
  }
  const isExcluded = (url: string, key: string) => {
    const set = excluded.get(url)
    return !!set && (set.has('*') || set.has(key))
  }

  // Per URL (last item wins on duplicates): its automatic bindings, or its ambiguity.
  const perUrl = new Map<string, Binding[]>()
  const ambiguous = new Map<string, AmbiguousMatch>()
  const add = (item: ContentItem) => {
    const url = normaliseUrl(item.url) ?? item.url
    const out: Binding[] = []
    ambiguous.delete(url)
    const ruleHits = matcher.size ? matcher.match(item, columnNamesOf(item)) : []
    const seen = new Set<string>()
    for (const r of ruleHits) {
      const key = entryKey(r.entry.catalogue, r.entry.entry)
      if (seen.has(key) || isExcluded(url, key)) continue
      seen.add(key)
      out.push({
        entry: { ...r.entry },
        content: url,
        method: 'rule',
        rule: r.id,
        confidence: r.confidence ?? RULE_CONFIDENCE,
      })
    }
    if (ruleHits.length === 0 && defaults) {
      const m = defaults.match(item)
      if (m && 'entry' in m) {
        const key = entryKey(m.entry.catalogue, m.entry.entry)
        if (m.confidence >= minConfidence && !isExcluded(url, key)) {
          out.push({
            entry: { catalogue: m.entry.catalogue, entry: m.entry.entry },
            content: url,
            method: m.method,
            confidence: m.confidence,
          })
        }
      } else if (m && !excluded.get(url)?.has('*')) {
        ambiguous.set(url, {
          content: url,
          candidates: m.candidates.map((e) => ({ catalogue: e.catalogue, entry: e.entry })),
          reason: m.reason,
        })
      }
    }
    perUrl.set(url, out)
  }
  const items = options.items
  // Arrays are bound without an await per item; async sources are streamed.
  if (Symbol.asyncIterator in items)
    for await (const item of items as AsyncIterable<ContentItem>) add(item)
  else for (const item of items as Iterable<ContentItem>) add(item)

  // Manual bindings win over everything: added even when excluded or when no item was imported.
  for (const [i, m] of (rules.manual ?? []).entries()) {
    if (!checkRef(m.entry, `/manual/${i}/entry`)) continue
    const url = normaliseUrl(m.content) ?? m.content
    const list = (perUrl.get(url) ?? []).filter(
      (b) => !(b.entry.catalogue === m.entry.catalogue && b.entry.entry === m.entry.entry)
    )
    list.push({ entry: { ...m.entry }, content: url, method: 'manual', confidence: 1 })
    perUrl.set(url, list)
    ambiguous.delete(url)
  }

  const bindings: Binding[] = []
  const unbound: string[] = []
  const boundEntries = new Set<string>()
  for (const [url, list] of perUrl) {
    if (list.length === 0) unbound.push(url)
    for (const b of list) {
      bindings.push(b)
      boundEntries.add(entryKey(b.entry.catalogue, b.entry.entry))
    }
  }
  bindings.sort(
    (a, b) =>
      cmp(a.content, b.content) ||
      cmp(a.entry.catalogue, b.entry.catalogue) ||
      cmp(a.entry.entry, b.entry.entry)
  )
  unbound.sort(cmp)
  const entriesWithoutContent: EntryKey[] = []
  for (const c of used)
    for (const e of c.entries)
      if (!boundEntries.has(entryKey(c.id, e.id)))
        entriesWithoutContent.push({ catalogue: c.id, entry: e.id })
  const result: BindOutcome = { bindings, unbound, entriesWithoutContent, problems }
  if (ambiguous.size)
    result.ambiguous = [...ambiguous.values()].sort((a, b) => cmp(a.content, b.content))
  return result
}
