import type { Cases } from './cases-store.js'
import type { Consultations } from './consultations-store.js'
import type { Messages } from './messages-store.js'

/** What a due item is: a request's reply or registration, a message, a consultation's feedback, a catalogue entry. */
export type DueKind =
  | 'request_reply'
  | 'request_registration'
  | 'message'
  | 'consultation_feedback'
  | 'catalogue_entry'

/** One thing due soon or overdue (the `due-list` and the reminders read these). */
export interface DueItem {
  kind: DueKind
  id: string
  organ: string
  dueDate: string
  /** Working days from the as-of date to the due date; negative when overdue. */
  workingDaysLeft: number
  overdue: boolean
}

/** Options of {@link dueItems}. */
export interface DueItemsOptions {
  asOf: string
  /** Items with at most this many working days left are due soon (the largest reminder threshold). */
  dueSoonWorkingDays: number
  organ?: string | readonly string[]
}

/**
 * Everything open that is due within `dueSoonWorkingDays` working days or overdue, across requests
 * (reply and offline registration), messages and consultations' feedback; overdue first, then by due
 * date. Catalogue entries come from the linker's report and are added by the caller.
 */
export async function dueItems(
  sources: { cases: Cases; messages: Messages; consultations: Consultations },
  options: DueItemsOptions
): Promise<DueItem[]> {
  const { asOf, dueSoonWorkingDays: soon } = options
  const organ = options.organ === undefined ? {} : { organ: options.organ }
  const out: DueItem[] = []
  const push = (kind: DueKind, id: string, o: string, dueDate: string, left: number) => {
    if (left <= soon)
      out.push({ kind, id, organ: o, dueDate, workingDaysLeft: left, overdue: left < 0 })
  }
  const left = (due: string) => sources.cases.engine.workingDaysBetween(asOf, due)
  const requests = await sources.cases.list({ ...organ, asOf, status: 'open' })
  for (const r of requests.items) {
    const c = r.clock
    if (c.dueDate && c.workingDaysLeft !== null)
      push('request_reply', r.id, r.organ, c.dueDate, c.workingDaysLeft)
    if (c.registrationDue && left(c.registrationDue) <= soon) {
      // Only offline requests have a registration clock; it stops once registered.
      const shown = await sources.cases.show(r.id, { asOf })
      if (!shown.events.some((e) => e.type === 'registered')) {
        push('request_registration', r.id, r.organ, c.registrationDue, left(c.registrationDue))
      }
    }
  }
  const messages = await sources.messages.list({ ...organ, asOf, status: 'open' })
  for (const m of messages.items) {
    push('message', m.id, m.organ, m.clock.dueDate, m.clock.workingDaysLeft ?? 0)
  }
  const consultations = await sources.consultations.list({ ...organ, asOf, status: 'pending' })
  for (const v of consultations.items) {
    const c = v.clock
    if (c.dueDate && c.workingDaysLeft !== null)
      push('consultation_feedback', v.id, v.organ, c.dueDate, c.workingDaysLeft)
  }
  return sortDueItems(out)
}

/** Overdue first (most overdue first), then by due date, kind and id: a stable order for lists and tests. */
export function sortDueItems(items: DueItem[]): DueItem[] {
  return items.sort(
    (a, b) =>
      a.workingDaysLeft - b.workingDaysLeft ||
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}
