import { type Calendar, defaultCalendar } from '@gongkai/calendar'
import type { ContentItem, ContentKind, InterpretationForm } from '@gongkai/schema'
import { normaliseTitle } from '../check/title-similarity.js'
import { dateOnly, daysBetween } from '../report/date-only.js'
import { docNumbersIn, normaliseDocNo } from './doc-number.js'

/** How an interpretation was matched to its policy, strongest first. */
export type PairMethod = 'link' | 'doc_no' | 'title'

/** A policy and one of its interpretations (解读). */
export interface InterpretationPair {
  policy: string
  interpretation: string
  method: PairMethod
  /** `text` when the interpretation names no form. */
  form: InterpretationForm
}

/** A policy that needs an interpretation and has none. */
export interface UninterpretedPolicy {
  url: string
  title: string
  docNo?: string
  issuer?: string
  publishedAt?: string
}

/** An interpretation published after its policy (the plan wants the same day). */
export interface LateInterpretation {
  policy: string
  interpretation: string
  policyPublishedAt: string
  interpretationPublishedAt: string
  daysLate: number
  workingDaysLate: number
}

/** Share of interpreted policies explained in more than one form, against the plan's target. */
export interface MultiFormShare {
  /** Policies needing interpretation that have at least one. */
  interpreted: number
  /** Of those, policies with two or more distinct forms. */
  multiForm: number
  /** multiForm / interpreted; null when nothing was interpreted. */
  share: number | null
  target: number
  meetsTarget: boolean | null
}

/** Result of `pairInterpretations`. */
export interface InterpretationReport {
  pairs: InterpretationPair[]
  policiesWithoutInterpretation: UninterpretedPolicy[]
  lateInterpretations: LateInterpretation[]
  multiFormShare: MultiFormShare
  /** Interpretations matched to no policy in the items. */
  unmatchedInterpretations: string[]
  /** Dates that could not be read, naming the URL and field. */
  problems: string[]
}

/** Options of `pairInterpretations`. */
export interface PairOptions {
  /** Which policies need an interpretation: kinds (default policy + normative_document) and, if given, issuers. */
  needsInterpretation?: { kinds?: ContentKind[]; issuers?: string[] }
  /** Target share of multi-form interpretation (default 0.60, plan parameter `interpretation.multiFormRate`). */
  multiFormTarget?: number
  /** Working-day calendar (default: the bundled one). */
  calendar?: Calendar
}

const POLICY_KINDS = new Set<ContentKind | undefined>(['policy', 'normative_document'])

// Words that wrap a policy title in an interpretation title: 关于《…》的解读 / 政策解读：… / …（图解）.
const WRAPPERS =
  /^(关于|政策解读|图解|一图读懂|一图看懂|解读)[：:]?|(的)?(政策)?(解读|图解|问答|解读材料|答记者问)(文字|视频|动漫)?$/g

const stripWrappers = (title: string): string => {
  let t = title.replace(/[（(][^（()）]*(?:19|20)\d{2}[^（()）]*号[)）]/g, '')
  for (let i = 0; i < 3; i++) t = t.trim().replace(WRAPPERS, '')
  return t
}

const quoted = (title: string): string[] =>
  [...title.matchAll(/《([^《》]+)》/g)].map((m) => normaliseTitle(m[1] as string))

/**
 * Pairs policies (`kind` policy / normative_document) with interpretations (`kind` interpretation):
 * by explicit link (`interprets` holding the policy URL or 发文字号), then a 发文字号 in the
 * interpretation title, then the title (the 《…》 part or the title without 解读 wrappers equals the
 * policy title, or contains it). Deterministic: pairs follow the interpretations' input order.
 */
export function pairInterpretations(
  items: readonly ContentItem[],
  options: PairOptions = {}
): InterpretationReport {
  const cal = options.calendar ?? defaultCalendar()
  const target = options.multiFormTarget ?? 0.6
  const kinds = new Set(options.needsInterpretation?.kinds ?? ['policy', 'normative_document'])
  const issuers = options.needsInterpretation?.issuers
  const problems: string[] = []

  const policies = items.filter((i) => POLICY_KINDS.has(i.kind))
  const byUrl = new Map<string, ContentItem>()
  const byDocNo = new Map<string, ContentItem>()
  const byTitle = new Map<string, ContentItem>()
  for (const p of policies) {
    if (!byUrl.has(p.url)) byUrl.set(p.url, p)
    if (p.docNo) {
      const d = normaliseDocNo(p.docNo)
      if (!byDocNo.has(d)) byDocNo.set(d, p)
    }
    const t = normaliseTitle(p.title)
    if (t && !byTitle.has(t)) byTitle.set(t, p)
  }
  // Longest titles first, so 《A实施细则》 is not matched to a policy titled A.
  const titlesByLength = [...byTitle.keys()]
    .filter((t) => t.length >= 6)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))

  const lookupDocNo = (candidate: string): ContentItem | undefined => {
    // The pattern may have swallowed words before the 机关代字 (解读长府办〔2021〕8号): drop them one by one.
    const open = candidate.indexOf('〔')
    for (let i = 0; i < open; i++) {
      const hit = byDocNo.get(candidate.slice(i))
      if (hit) return hit
    }
    return undefined
  }

  const pairs: InterpretationPair[] = []
  const unmatched: string[] = []
  const forms = new Map<string, Set<InterpretationForm>>()
  const seenPair = new Set<string>()
  const add = (policy: ContentItem, interp: ContentItem, method: PairMethod): void => {
    const key = `${policy.url}\n${interp.url}`
    if (seenPair.has(key)) return
    seenPair.add(key)
    const form = interp.interpretationForm ?? 'text'
    pairs.push({ policy: policy.url, interpretation: interp.url, method, form })
    const set = forms.get(policy.url) ?? new Set()
    set.add(form)
    forms.set(policy.url, set)
  }

  for (const interp of items) {
    if (interp.kind !== 'interpretation') continue
    let found = false
    for (const ref of interp.interprets ?? []) {
      const p = byUrl.get(ref.trim()) ?? byDocNo.get(normaliseDocNo(ref))
      if (p) {
        add(p, interp, 'link')
        found = true
      }
    }
    if (found) continue
    for (const d of docNumbersIn(interp.title)) {
      const p = lookupDocNo(d)
      if (p) {
        add(p, interp, 'doc_no')
        found = true
      }
    }
    if (found) continue
    const candidates = [...quoted(interp.title), normaliseTitle(stripWrappers(interp.title))]
    let p = candidates.map((c) => byTitle.get(c)).find((x) => x !== undefined)
    if (!p) {
      const t = normaliseTitle(interp.title)
      const hit = titlesByLength.find((pt) => t.includes(pt))
      p = hit === undefined ? undefined : byTitle.get(hit)
    }
    if (p) add(p, interp, 'title')
    else unmatched.push(interp.url)
  }

  const itemsByUrl = new Map(items.map((i) => [i.url, i]))
  const lateInterpretations: LateInterpretation[] = []
  for (const pair of pairs) {
    const policy = byUrl.get(pair.policy) as ContentItem
    const interp = itemsByUrl.get(pair.interpretation) as ContentItem
    const a = dateOnly(policy.publishedAt)
    const b = dateOnly(interp.publishedAt)
    if (policy.publishedAt && !a)
      problems.push(`${policy.url}: publishedAt "${policy.publishedAt}" is not a date`)
    if (interp.publishedAt && !b)
      problems.push(`${interp.url}: publishedAt "${interp.publishedAt}" is not a date`)
    if (!a || !b || b <= a) continue
    lateInterpretations.push({
      policy: policy.url,
      interpretation: interp.url,
      policyPublishedAt: a,
      interpretationPublishedAt: b,
      daysLate: daysBetween(a, b),
      workingDaysLate: cal.workingDaysBetween(a, b),
    })
  }

  const needs = policies.filter(
    (p) =>
      kinds.has(p.kind as ContentKind) &&
      (!issuers || (p.issuer !== undefined && issuers.includes(p.issuer)))
  )
  const policiesWithoutInterpretation: UninterpretedPolicy[] = []
  let interpreted = 0
  let multiForm = 0
  for (const p of needs) {
    const f = forms.get(p.url)
    if (f) {
      interpreted++
      if (f.size > 1) multiForm++
      continue
    }
    const u: UninterpretedPolicy = { url: p.url, title: p.title }
    if (p.docNo) u.docNo = p.docNo
    if (p.issuer) u.issuer = p.issuer
    if (p.publishedAt) u.publishedAt = p.publishedAt
    policiesWithoutInterpretation.push(u)
  }
  const share = interpreted === 0 ? null : multiForm / interpreted
  return {
    pairs,
    policiesWithoutInterpretation,
    lateInterpretations,
    multiFormShare: {
      interpreted,
      multiForm,
      share,
      target,
      meetsTarget: share === null ? null : share >= target,
    },
    unmatchedInterpretations: unmatched,
    problems: [...new Set(problems)],
  }
}
