import { type Calendar, dueDate } from '@gongkai/calendar'
import type { TimeLimit } from '@gongkai/schema'

/** The due date an item is judged against, none for limits without one, or why it failed. */
export type ItemDue =
  | { kind: 'date'; date: string; provisional: boolean }
  | { kind: 'none' }
  | { kind: 'undated' }
  | { kind: 'error'; message: string }

/**
 * The due date of one published item under an entry's time limit:
 * - after_event: the limit counted from `formedAt` (the trigger we know for a published item);
 * - recurring: the due date of the schedule period that contains `formedAt` (else `publishedAt`);
 * - fixed_date: that year's date, for the year of `formedAt` (else `publishedAt`);
 * - before_event and qualitative: none (n/a: no event date, or no computable date);
 * undated when the item lacks the date needed.
 */
export function itemDue(
  limit: TimeLimit,
  dates: { formedAt?: string; publishedAt?: string },
  calendar: Calendar
): ItemDue {
  const options = { calendar }
  const anchor = dates.formedAt ?? dates.publishedAt
  switch (limit.type) {
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
