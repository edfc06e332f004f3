import { CasesError, type ImpossibleHistoryDetails } from './cases-error.js'
import type { ClockEngine } from './clock-engine.js'
import type { RequestClockConfig } from './config.js'
import type { RequestEvent } from './request-event.js'
import { type Channel, isOutcomeCode, RECEIPT_FIELD } from './vocabulary.js'

/** Options of {@link validateHistory}. */
export interface ValidateHistoryOptions {
  engine: ClockEngine
  config: RequestClockConfig
  /** When given, events dated after it are refused (rule `future_date`). */
  today?: string
}

/**
 * The history in the order the rules read it: by date, and by entry order within a day (a stable
 * sort of the entry-ordered list). Indexes in `impossible_history` errors refer to this order.
 */
export function orderHistory<E extends { date: string }>(events: readonly E[]): E[] {
  // Histories are nearly always entered in date order: then a copy is enough.
  let sorted = true
  for (let i = 1; i < events.length && sorted; i++) {
    if ((events[i] as E).date < (events[i - 1] as E).date) sorted = false
  }
  if (sorted) return events.slice()
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i))
    .map((x) => x.e)
}

const FINAL_EXEMPT = new Set([
  'review_filed',
  'review_decided',
  'litigation_filed',
  'litigation_decided',
])
const RECEIPT_FIELDS = ['submittedOn', 'signedForOn', 'confirmedOn'] as const

/**
 * Checks a whole history (events already shape-checked by `parseEvent`) against the rules of 条例
 * Art. 30–34 and returns it in date order; throws `impossible_history` naming the first offending
 * event (`details: { event: { index, type, date }, rule }`). Rules: the history starts with the one
 * `received` (same channel, the channel's Art. 31 field); nothing is dated before it; at most one
 * registration, correction notice, extension and fee notice; a correction notice after
 * `correctionNoticeDays` working days needs `late: true` and a reason; `correction_received`,
 * `consultation_ended`, `fee_paid`/`fee_unpaid`, `review_decided` and `litigation_decided` need the
 * matching open step; no consultation, extension or fee notice while awaiting a correction, and no
 * correction notice during a pause; one consultation, review and lawsuit open at a time;
 * `litigation_filed { kind: after_review }` needs an earlier review; the outcome is a §3.9 code whose
 * preconditions hold (`other.correction_overdue` and `unable.unclear_after_correction` need the
 * correction steps, `other.fee_unpaid` an unpaid fee notice); after `replied` or `withdrawn` only
 * review and litigation events follow.
 */
export function validateHistory(
  channel: Channel,
  events: readonly RequestEvent[],
  options: ValidateHistoryOptions
): RequestEvent[] {
  const history = orderHistory(events)
  const { engine, config, today } = options
  const fail = (index: number, rule: string, why: string): never => {
    const e = history[index] as RequestEvent
    const details: ImpossibleHistoryDetails = {
      event: { index, type: e.type, date: e.date },
      rule,
    }
    throw new CasesError(
      'impossible_history',
      `event ${index} (${e.type}, ${e.date}): ${why}`,
      details
    )
  }

  const first = history[0]
  if (!first)
    throw new CasesError('impossible_history', 'a request needs its received event', {
      event: { index: 0, type: 'received', date: '' },
      rule: 'no_receipt',
    })
  if (first.type !== 'received') {
    const receipt = history.find((e) => e.type === 'received')
    if (!receipt) fail(0, 'no_receipt', 'the history has no received event')
    const rule = first.type === 'replied' ? 'reply_before_receipt' : 'before_receipt'
    fail(0, rule, `dated before the receipt on ${receipt?.date}`)
  }
  const receipt = first as Extract<RequestEvent, { type: 'received' }>

  let final: string | undefined
  let registered = false
  let correction: 'none' | 'open' | 'done' = 'none'
  let consultationOpen = false
  let extended = false
  let fee: 'none' | 'open' | 'paid' | 'unpaid' = 'none'
  let reviewOpen = false
  let reviews = 0
  let litigationOpen = false

  history.forEach((e, i) => {
    if (today !== undefined && e.date > today)
      fail(i, 'future_date', `dated after today (${today})`)
    if (final !== undefined && !FINAL_EXEMPT.has(e.type)) {
      const rule = e.type === 'replied' ? 'second_reply' : 'after_final'
      fail(
        i,
        rule,
        `the request was closed by ${final}; only review and litigation events may follow`
      )
    }
    switch (e.type) {
      case 'received': {
        if (i > 0) fail(i, 'second_receipt', 'a request has one receipt')
        if (e.channel !== channel) {
          fail(i, 'channel_mismatch', `channel ${e.channel}, but the request came by ${channel}`)
        }
        const field = RECEIPT_FIELD[channel]
        for (const f of RECEIPT_FIELDS) {
          const v = e[f]
          if (v === undefined) continue
          if (f !== field) {
            fail(i, 'wrong_receipt_field', `${f} does not apply to ${channel} (Art. 31: ${field})`)
          }
          if (v !== e.date) fail(i, 'receipt_date_mismatch', `${f} ${v} differs from the date`)
        }
        break
      }
      case 'registered':
        if (registered) fail(i, 'second_registration', 'registered twice')
        registered = true
        break
      case 'correction_requested': {
        if (correction !== 'none')
          fail(i, 'second_correction', 'Art. 30 allows one correction notice')
        if (consultationOpen || fee === 'open') {
          fail(
            i,
            'correction_during_pause',
            'a correction notice while a consultation or fee notice is open'
          )
        }
        const wd = engine.workingDaysBetween(receipt.date, e.date)
        if (wd > config.correctionNoticeDays && !(e.late === true && e.reason)) {
          fail(
            i,
            'late_correction',
            `${wd} working days after receipt (Art. 30: ${config.correctionNoticeDays}); needs late: true and a reason`
          )
        }
        correction = 'open'
        break
      }
      case 'correction_received':
        if (correction !== 'open')
          fail(i, 'correction_not_requested', 'no correction notice is open')
        correction = 'done'
        break
      case 'consultation_started':
        if (correction === 'open')
          fail(i, 'awaiting_correction', 'the request awaits its correction')
        if (consultationOpen) fail(i, 'consultation_open', 'a consultation is already open')
        consultationOpen = true
        break
      case 'consultation_ended':
        if (!consultationOpen) fail(i, 'no_open_consultation', 'no consultation is open')
        consultationOpen = false
        break
      case 'extended':
        if (extended) fail(i, 'second_extension', 'Art. 33 allows one extension')
        if (correction === 'open')
          fail(i, 'awaiting_correction', 'the request awaits its correction')
        extended = true
        break
      case 'fee_notified':
        if (fee !== 'none') fail(i, 'second_fee_notice', 'one fee notice per request')
        if (correction === 'open')
          fail(i, 'awaiting_correction', 'the request awaits its correction')
        fee = 'open'
        break
      case 'fee_paid':
      case 'fee_unpaid':
        if (fee !== 'open') fail(i, 'no_open_fee_notice', 'no fee notice is waiting for payment')
        fee = e.type === 'fee_paid' ? 'paid' : 'unpaid'
        break
      case 'replied': {
        const o: unknown = e.outcome
        if (!isOutcomeCode(o)) fail(i, 'unknown_outcome', `unknown outcome ${JSON.stringify(o)}`)
        if (o === 'other.correction_overdue' && correction !== 'open') {
          fail(i, 'outcome_without_correction', `${o} needs a correction notice still unanswered`)
        }
        if (o === 'unable.unclear_after_correction' && correction !== 'done') {
          fail(i, 'outcome_without_correction', `${o} needs a received correction`)
        }
        if (o === 'other.fee_unpaid' && (fee === 'none' || fee === 'paid')) {
          fail(i, 'outcome_without_unpaid_fee', `${o} needs a fee notice that was not paid`)
        }
        final = 'replied'
        break
      }
      case 'withdrawn':
        final = 'withdrawn'
        break
      case 'review_filed':
        if (reviewOpen) fail(i, 'review_open', 'a review is already open')
        reviewOpen = true
        reviews++
        break
      case 'review_decided':
        if (!reviewOpen) fail(i, 'no_open_review', 'no review is open')
        reviewOpen = false
        break
      case 'litigation_filed':
        if (litigationOpen) fail(i, 'litigation_open', 'a lawsuit is already open')
        if (e.kind === 'after_review' && reviews === 0) {
          fail(i, 'litigation_without_review', 'after_review needs an earlier review_filed')
        }
        litigationOpen = true
        break
      case 'litigation_decided':
        if (!litigationOpen) fail(i, 'no_open_litigation', 'no lawsuit is open')
        litigationOpen = false
        break
    }
  })
  return history
}
