import { type Calendar, dueDate, limitForKind } from '@gongkai/calendar'
import type { ContentItem, TimeLimit } from '@gongkai/schema'

/** The due date an item is judged against, none for limits without one, or why it failed. */
export type ItemDue =
  | {
      kind: 'date'
      date: string
      provisional: boolean
      /** The clause of a composite limit the item was judged by. */
      clause?: string
    }
  | { kind: 'none' }
  | { kind: 'undated' }
  | { kind: 'error'; message: string }

// A decision published without a 信息类别 is still recognisable by its title (处罚决定书 …).
const KIND_BY_TITLE: [RegExp, string][] = [
  [/行政处罚决定|处罚决定书/, 'administrative_penalty'],
  [/行政许可决定|许可决定书|准予.{0,12}许可/, 'administrative_licence'],
]

/** The content kind an item is judged as: its own, else one its title names, else undefined. */
export function kindOfItem(item: Pick<ContentItem, 'kind' | 'title'>): string | undefined {
  return item.kind ?? KIND_BY_TITLE.find(([re]) => re.test(item.title ?? ''))?.[1]
}

/**
 * The due date of one published item under an entry's time limit:
 * - after_event: the limit counted from `formedAt` (the trigger we know for a published item);
 * - recurring: the due date of the schedule period that contains `formedAt` (else `publishedAt`);
 * - fixed_date: that year's date, for the year of `formedAt` (else `publishedAt`);
 * - composite: the part whose `appliesTo` names the item's kind, else the general part, as
 *   after_event (a 处罚 decision by the 7-day clause, a policy document by the 20-day one);
 * - before_event and qualitative: none (n/a: no event date, or no computable date);
 * undated when the item lacks the date needed.
 */
export function itemDue(
  limit: TimeLimit,
  dates: { formedAt?: string; publishedAt?: string },
  calendar: Calendar,
  kind?: string
): ItemDue {
  const options = { calendar }
  const anchor = dates.formedAt ?? dates.publishedAt
  switch (limit.type) {
    case 'composite': {
      const part = limitForKind(limit, kind)
      if (!part) return { kind: 'none' }
      const { appliesTo: _kinds, ...clause } = part as typeof part & { appliesTo?: unknown }
      const due = itemDue(clause as TimeLimit, dates, calendar)
      return due.kind === 'date' ? { ...due, clause: part.text } : due
    }
    case 'after_event': {
      if (!dates.formedAt) return { kind: 'undated' }
      const r = dueDate(limit, { date: dates.formedAt }, options)
      if (r.kind === 'date') return { kind: 'date', date: r.date, provisional: r.provisional }
      return { kind: 'error', message: r.kind === 'error' ? r.message : 'no due date' }
    }
    case 'recurring': {
      if (!anchor) return { kind: 'undated' }
      const r = dueDate(limit, { from: anchor, to: anchor }, options)
      if (r.kind === 'schedule' && r.dates[0]) {
        return { kind: 'date', date: r.dates[0].due, provisional: r.dates[0].provisional }
      }
      return { kind: 'error', message: r.kind === 'error' ? r.message : 'no period found' }
    }
    case 'fixed_date': {
      if (!anchor) return { kind: 'undated' }
      const r = dueDate(limit, { year: Number(anchor.slice(0, 4)) }, options)
      if (r.kind === 'fixed' && r.dates[0]) {
        return { kind: 'date', date: r.dates[0].date, provisional: r.dates[0].provisional }
      }
      return { kind: 'error', message: r.kind === 'error' ? r.message : 'no date found' }
    }
    default:
      return { kind: 'none' }
  }
}
