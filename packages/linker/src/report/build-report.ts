import { type Calendar, defaultCalendar, nextDue } from '@gongkai/calendar'
import type { Binding, Catalogue, CatalogueEntry, ContentItem } from '@gongkai/schema'
import type { LinkCheckResult } from '../check/link-check-result.js'
import { dateOnly } from './date-only.js'
import { freshness } from './freshness.js'
import { itemDue, kindOfItem } from './item-due.js'
import type {
  CatalogueReport,
  DepartmentReport,
  DueSoonEntry,
  EntryReport,
  GroupSummary,
  LateItem,
  LinkProblem,
  LinkSummary,
  Report,
  ReportParams,
  Timeliness,
} from './report-types.js'

/** Input of `buildReport`. */
export interface BuildReportInput {
  catalogues: readonly Catalogue[]
  items: Iterable<ContentItem>
  bindings: Iterable<Binding>
  /** Link-check results (any number per URL: the latest `checkedAt` counts). */
  linkChecks?: Iterable<LinkCheckResult>
  /** Report date, `YYYY-MM-DD`. */
  today: string
  /** Working-day calendar (default: the bundled one). */
  calendar?: Calendar
  params?: { freshness?: Partial<ReportParams['freshness']>; dueSoonWorkingDays?: number }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const entryName = (e: CatalogueEntry): string =>
  [e.item.level1, e.item.level2, e.item.level3].filter(Boolean).join(' / ')

const emptyLinks = (): LinkSummary => ({
  checked: 0,
  ok: 0,
  dead: 0,
  wrongTarget: 0,
  unreachable: 0,
  unchecked: 0,
})

const countLink = (s: LinkSummary, r: LinkCheckResult | undefined): void => {
  if (!r) {
    s.unchecked++
    return
  }
  s.checked++
  if (r.status === 'ok') s.ok++
  else if (r.status === 'dead') s.dead++
  else if (r.status === 'wrong_target') s.wrongTarget++
  else s.unreachable++
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d)

const summarise = (entries: readonly EntryReport[]): GroupSummary => {
  const s: GroupSummary = {
    entries: entries.length,
    covered: 0,
    coverage: null,
    counted: 0,
    onTime: 0,
    late: 0,
    onTimeRate: null,
    freshEntries: 0,
    dead: 0,
    wrongTarget: 0,
    unreachable: 0,
    dueSoon: 0,
  }
  for (const e of entries) {
    if (e.covered) s.covered++
    s.counted += e.timeliness.counted
    s.onTime += e.timeliness.onTime
    s.late += e.timeliness.late
    if (e.freshness.fresh) s.freshEntries++
    s.dead += e.links.dead
    s.wrongTarget += e.links.wrongTarget
    s.unreachable += e.links.unreachable
    if (e.dueSoon) s.dueSoon++
  }
  s.coverage = rate(s.covered, s.entries)
  s.onTimeRate = rate(s.onTime, s.counted)
  return s
}

/** Default report parameters (freshness as 基层政务公开栏目检测 scores it, 10 working days for due-soon). */
export const defaultReportParams: ReportParams = {
  freshness: { maxAgeDays: 90, minItems: 4, maxGapDays: 90 },
  dueSoonWorkingDays: 10,
}

/**
 * Builds the coverage / timeliness / freshness / link report per catalogue, entry and responsible
 * department. Pure and deterministic: entries keep catalogue order, lists are sorted, and problems
 * (bindings to unknown entries or items, unreadable dates) are reported, never thrown.
 * @example const report = buildReport({ catalogues, items, bindings, linkChecks, today: '2021-05-20' })
 */
export function buildReport(input: BuildReportInput): Report {
  const cal = input.calendar ?? defaultCalendar()
  const params: ReportParams = {
    freshness: { ...defaultReportParams.freshness, ...input.params?.freshness },
    dueSoonWorkingDays: input.params?.dueSoonWorkingDays ?? defaultReportParams.dueSoonWorkingDays,
  }
  const problems: string[] = []
  const today = dateOnly(input.today)
  if (!today) problems.push(`today: expected a YYYY-MM-DD date, got ${JSON.stringify(input.today)}`)

  const items = new Map<string, ContentItem>()
  for (const i of input.items) items.set(i.url, i)

  const latest = new Map<string, LinkCheckResult>()
  for (const r of input.linkChecks ?? []) {
    const prev = latest.get(r.url)
    if (!prev || prev.checkedAt <= r.checkedAt) latest.set(r.url, r)
  }

  // entry key -> bound item URLs (deduplicated: several rules may bind the same item).
  const bound = new Map<string, Set<string>>()
  const entryKeys = new Set<string>()
  // Entries a layer removed keep their id: a binding to one is reported with the removal's reason.
  const removedKeys = new Map<string, string>()
  for (const c of input.catalogues) {
    for (const e of c.entries) entryKeys.add(`${c.id}/${e.id}`)
    for (const r of c.removed ?? []) removedKeys.set(`${c.id}/${r.id}`, `${r.layer}: ${r.reason}`)
  }
  for (const b of input.bindings) {
    const key = `${b.entry.catalogue}/${b.entry.entry}`
    if (!entryKeys.has(key)) {
      const removed = removedKeys.get(key)
      problems.push(
        removed
          ? `binding of ${b.content}: entry ${key} was removed (${removed})`
          : `binding of ${b.content}: unknown entry ${key}`
      )
      continue
    }
    if (!items.has(b.content)) {
      problems.push(`binding to ${key}: unknown content item ${b.content}`)
      continue
    }
    const set = bound.get(key) ?? new Set<string>()
    set.add(b.content)
    bound.set(key, set)
  }

  const dateOf = (item: ContentItem, field: 'formedAt' | 'publishedAt'): string | undefined => {
    const v = item[field]
    const d = dateOnly(v)
    if (v !== undefined && !d) problems.push(`${item.url}: ${field} "${v}" is not a date`)
    return d
  }

  const entryReport = (c: Catalogue, e: CatalogueEntry): EntryReport => {
    const key = `${c.id}/${e.id}`
    const urls = [...(bound.get(key) ?? [])].sort(cmp)
    const applicable = ['after_event', 'recurring', 'fixed_date', 'composite'].includes(
      e.timeLimit.type
    )
    const t: Timeliness = {
      applicable,
      counted: 0,
      onTime: 0,
      late: 0,
      undated: 0,
      onTimeRate: null,
      provisional: 0,
    }
    const lateItems: LateItem[] = []
    const links = emptyLinks()
    const brokenLinks: LinkProblem[] = []
    const dates: string[] = []
    for (const url of urls) {
      const item = items.get(url) as ContentItem
      const formedAt = dateOf(item, 'formedAt')
      const publishedAt = dateOf(item, 'publishedAt')
      const when = publishedAt ?? formedAt
      if (when) dates.push(when)
      const check = latest.get(url)
      countLink(links, check)
      if (check && check.status !== 'ok') {
        const p: LinkProblem = {
          url,
          status: check.status,
          reason: check.reason,
          checkedAt: check.checkedAt,
        }
        if (check.httpStatus !== undefined) p.httpStatus = check.httpStatus
        brokenLinks.push(p)
      }
      if (!applicable) continue
      if (!publishedAt) {
        t.undated++
        continue
      }
      const due = itemDue(e.timeLimit, { formedAt, publishedAt }, cal, kindOfItem(item))
      if (due.kind !== 'date') {
        t.undated++
        if (due.kind === 'error') problems.push(`${key} ${url}: ${due.message}`)
        continue
      }
      t.counted++
      if (due.provisional) t.provisional++
      if (publishedAt <= due.date) {
        t.onTime++
        continue
      }
      t.late++
      const late: LateItem = {
        url,
        title: item.title,
        publishedAt,
        due: due.date,
        workingDaysLate: cal.workingDaysBetween(due.date, publishedAt),
        provisional: due.provisional,
      }
      if (formedAt) late.formedAt = formedAt
      if (due.clause) late.clause = due.clause
      lateItems.push(late)
    }
    t.onTimeRate = applicable ? rate(t.onTime, t.counted) : null
    lateItems.sort((a, b) => cmp(a.publishedAt, b.publishedAt) || cmp(a.url, b.url))

    const r: EntryReport = {
      catalogue: c.id,
      entry: e.id,
      seq: e.seq,
      name: entryName(e),
      responsibleBodies: [...e.responsibleBodies],
      timeLimit: { type: e.timeLimit.type, text: e.timeLimit.text },
      items: urls.length,
      covered: urls.length > 0,
      timeliness: t,
      lateItems,
      freshness: today
        ? freshness(dates, today, params.freshness)
        : { items: dates.length, fresh: false, failures: [] },
      links,
      brokenLinks,
      dueSoon: false,
    }
    if (e.code) r.code = e.code
    if (today && (e.timeLimit.type === 'recurring' || e.timeLimit.type === 'fixed_date')) {
      const next = nextDue(e.timeLimit, today, { calendar: cal })
      if (next.kind === 'date') {
        const left = cal.workingDaysBetween(today, next.date)
        r.nextDeadline = { date: next.date, workingDaysLeft: left, provisional: next.provisional }
        if (next.periodStart) r.nextDeadline.periodStart = next.periodStart
        if (next.periodEnd) r.nextDeadline.periodEnd = next.periodEnd
        r.dueSoon = left <= params.dueSoonWorkingDays
      } else if (next.kind === 'error') {
        problems.push(`${key}: next deadline: ${next.message}`)
      }
    }
    return r
  }

  const catalogues: CatalogueReport[] = input.catalogues.map((c) => {
    const entries = c.entries.map((e) => entryReport(c, e))
    return { id: c.id, title: c.title, summary: summarise(entries), entries }
  })
  const all = catalogues.flatMap((c) => c.entries)

  const byDept = new Map<string, EntryReport[]>()
  for (const e of all) {
    for (const body of new Set(e.responsibleBodies)) {
      const list = byDept.get(body) ?? []
      list.push(e)
      byDept.set(body, list)
    }
  }
  const departments: DepartmentReport[] = [...byDept.keys()].sort(cmp).map((name) => {
    const list = byDept.get(name) as EntryReport[]
    return {
      name,
      summary: summarise(list),
      entries: list.map((e) => `${e.catalogue}/${e.entry}`),
    }
  })

  const dueSoon: DueSoonEntry[] = all
    .filter((e) => e.dueSoon && e.nextDeadline)
    .map((e) => {
      const n = e.nextDeadline as NonNullable<EntryReport['nextDeadline']>
      return {
        catalogue: e.catalogue,
        entry: e.entry,
        name: e.name,
        responsibleBodies: e.responsibleBodies,
        due: n.date,
        workingDaysLeft: n.workingDaysLeft,
        provisional: n.provisional,
      }
    })
    .sort((a, b) => cmp(a.due, b.due) || cmp(a.catalogue, b.catalogue) || cmp(a.entry, b.entry))

  const links = emptyLinks()
  for (const r of latest.values()) countLink(links, r)

  return {
    today: today ?? String(input.today),
    params,
    summary: summarise(all),
    catalogues,
    departments,
    dueSoon,
    links,
    problems: [...new Set(problems)].sort(cmp),
  }
}
