import type { Calendar } from '@gongkai/calendar'
import type { Store } from '@gongkai/store'
import type { ClockEngine } from './clock-engine.js'
import type { RequestClockConfig } from './config.js'
import { clockOfHistory } from './request-clock.js'
import type { RequestEvent } from './request-event.js'
import { orderHistory } from './validate-history.js'
import type { Channel } from './vocabulary.js'

/**
 * Where a request stands in the officers' list once every stored event is seen, kept on its row
 * so a page of open requests is read in order from an index (`cases_requests_due`) and only the
 * page's clocks are computed. It is an index, not the clock: the clock shown is always computed
 * from the events. `orderKey` sorts as the list does: `0<due date>` (overdue first), `1` without
 * a due date (paused, awaiting a correction), `2<closed on>`; `lastEventOn` is the date of the
 * latest event (a list as of an earlier date cannot use the key); `basis` names the rules it was
 * computed under (see {@link clockBasis}).
 */
export interface DueOrder {
  orderKey: string
  lastEventOn: string
  basis: string
}

/** The list's order key of a clock: open ones by due date, those without one next, closed ones last. */
export const orderKeyOf = (clock: { closedOn?: string; dueDate: string | null }): string =>
  clock.closedOn ? `2${clock.closedOn}` : clock.dueDate ? `0${clock.dueDate}` : '1'

// FNV-1a over a string: a short, stable fingerprint (not a security measure).
const fnv = (s: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}

/**
 * The rules a due date depends on, as a short fingerprint: the reply and extension days and the
 * calendar's official years with every working day in them. A workspace whose config or holiday
 * data change gets another basis, and rows keyed under the old one are keyed again.
 */
export function clockBasis(calendar: Calendar, config: RequestClockConfig): string {
  const years = calendar.officialYears()
  let days = ''
  for (const y of years) {
    const d = new Date(Date.UTC(y, 0, 1))
    while (d.getUTCFullYear() === y) {
      days += calendar.isWorkingDay(d.toISOString().slice(0, 10)) ? '1' : '0'
      d.setUTCDate(d.getUTCDate() + 1)
    }
  }
  return `${config.replyDays}.${config.extensionDays}.${fnv(`${years.join(',')}|${days}`)}`
}

/** {@link DueOrder} of a stored history (any order; every event seen). */
export function dueOrderOf(
  channel: Channel,
  events: readonly RequestEvent[],
  options: { engine: ClockEngine; config: RequestClockConfig; basis: string }
): DueOrder {
  const history = orderHistory(events)
  // orderHistory sorts by date: the last event is the latest.
  const lastEventOn = history[history.length - 1]?.date ?? ''
  const clock = clockOfHistory(channel, history, { ...options, asOf: lastEventOn })
  return { orderKey: orderKeyOf(clock), lastEventOn, basis: options.basis }
}

/** SQL that stores a {@link DueOrder} on a request row (parameters: key, last event, basis, id). */
export const SET_DUE_ORDER =
  'UPDATE cases_requests SET order_key = ?, last_event_on = ?, clock_basis = ? WHERE id = ?'

/**
 * Keys again the open requests keyed under another basis (or never: rows stored before the key
 * existed), in batches of `batch`, each in its own transaction. Returns how many were keyed.
 */
export async function refreshDueOrder(
  store: Store,
  options: {
    engine: ClockEngine
    config: RequestClockConfig
    basis: string
    load: (ids: string[]) => Promise<{ id: string; channel: Channel; events: RequestEvent[] }[]>
    batch?: number
  }
): Promise<number> {
  const stale = await store.all<{ id: string }>(
    `SELECT id FROM cases_requests WHERE closed_on IS NULL
     AND (clock_basis IS NULL OR clock_basis <> ?)`,
    [options.basis]
  )
  const size = options.batch ?? 2000
  for (let from = 0; from < stale.length; from += size) {
    const cases = await options.load(stale.slice(from, from + size).map((r) => r.id))
    await store.transaction(async (tx) => {
      await tx.runMany(
        SET_DUE_ORDER,
        cases.map((c) => {
          const o = dueOrderOf(c.channel, c.events, options)
          return [o.orderKey, o.lastEventOn, o.basis, c.id]
        })
      )
    })
  }
  return stale.length
}
