import type { ClockEngine, ClockPause } from './clock-engine.js'
import { CONSULTATION_DAYS, type RequestClockConfig } from './config.js'
import type { RequestEvent } from './request-event.js'
import { orderHistory } from './validate-history.js'
import { type Channel, OFFLINE_CHANNELS } from './vocabulary.js'

/** Where a request stands on the as-of date. */
export type RequestStatus = 'open' | 'paused' | 'awaiting_correction' | 'replied' | 'withdrawn'

/** A request's clock on the as-of date, computed from its events (never stored). */
export interface RequestClock {
  status: RequestStatus
  /** The day the reply clock counts from (not counted): the receipt, or the corrected request's receipt. */
  start: string
  /** Working days allowed: `replyDays` plus the extension's days. */
  workingDays: number
  /** The reply deadline; null while awaiting a correction, or when an open pause holds the clock. */
  dueDate: string | null
  /** Working days from the as-of date to the due date (negative when overdue); null when closed or without due date. */
  workingDaysLeft: number | null
  /** True while a consultation or a fee notice holds the clock. */
  paused: boolean
  /** True when a date depends on a year without official holiday data. */
  provisional: boolean
  reason?: string
  /** Open: the as-of date is after the due date. Closed: the reply came after it. */
  overdue: boolean
  /** Date of the reply or withdrawal. */
  closedOn?: string
  /** Offline channels: the registration deadline. */
  registrationDue?: string
  /** Offline channels: not registered by the deadline (as of the as-of date, or registered late). */
  registrationOverdue?: boolean
  /** While a consultation is open: its own deadline, start + 15 working days (Art. 32/34). */
  consultationDue?: string
}

/** Options of {@link requestClock}. */
export interface RequestClockOptions {
  engine: ClockEngine
  config: RequestClockConfig
  /** The date the clock is read on; events dated after it are ignored. */
  asOf: string
}

/**
 * The reply clock of a request from its (valid) history, as of `asOf`. Consultations and fee notices
 * are pauses; a correction notice stops the clock until the corrected request arrives, which restarts
 * it with the full `replyDays`; an extension adds its days; a reply or withdrawal closes it.
 * @example requestClock('online', [{ type: 'received', date: '2021-09-24', channel: 'online' }], opts).dueDate // '2021-10-27'
 */
export function requestClock(
  channel: Channel,
  events: readonly RequestEvent[],
  options: RequestClockOptions
): RequestClock {
  return clockOfHistory(
    channel,
    orderHistory(events).filter((e) => e.date <= options.asOf),
    options
  )
}

/** {@link requestClock} of a history already in date order and cut at the as-of date. */
export function clockOfHistory(
  channel: Channel,
  history: readonly RequestEvent[],
  options: RequestClockOptions
): RequestClock {
  const { engine, config, asOf } = options
  let start = ''
  let extension = 0
  let awaitingCorrection = false
  let closed: { on: string; status: 'replied' | 'withdrawn' } | undefined
  let registeredOn: string | undefined
  let consultation: ClockPause | undefined
  let feePause: ClockPause | undefined
  const pauses: ClockPause[] = []
  for (const e of history) {
    if (closed) break
    switch (e.type) {
      case 'received':
        start = e.date
        break
      case 'registered':
        registeredOn ??= e.date
        break
      case 'correction_requested':
        awaitingCorrection = true
        break
      case 'correction_received':
        awaitingCorrection = false
        start = e.date
        break
      case 'consultation_started':
        consultation = { start: e.date }
        pauses.push(consultation)
        break
      case 'consultation_ended':
        if (consultation) consultation.end = e.date
        consultation = undefined
        break
      case 'fee_notified':
        feePause = { start: e.date }
        pauses.push(feePause)
        break
      case 'fee_paid':
      case 'fee_unpaid':
        if (feePause) feePause.end = e.date
        feePause = undefined
        break
      case 'extended':
        extension += e.workingDays ?? config.extensionDays
        break
      case 'replied':
      case 'withdrawn':
        closed = { on: e.date, status: e.type }
        // A reply ends whatever was still open.
        for (const p of pauses) p.end ??= e.date
        break
    }
  }
  const workingDays = config.replyDays + extension
  const paused =
    !closed && !awaitingCorrection && (consultation !== undefined || feePause !== undefined)
  const clock: RequestClock = {
    status: closed
      ? closed.status
      : awaitingCorrection
        ? 'awaiting_correction'
        : paused
          ? 'paused'
          : 'open',
    start,
    workingDays,
    dueDate: null,
    workingDaysLeft: null,
    paused,
    provisional: false,
    overdue: false,
  }
  const reasons: string[] = []
  const mark = (p: { provisional: boolean; reason?: string }) => {
    if (!p.provisional) return
    clock.provisional = true
    if (p.reason && !reasons.includes(p.reason)) reasons.push(p.reason)
  }
  // A correction notice left unanswered leaves no due date (the restart date is unknown); a
  // termination for an overdue correction (other.correction_overdue) likewise has none.
  const correctionPending = awaitingCorrection || (closed && lastCorrectionOpen(history))
  if (!correctionPending && start) {
    const due = engine.due({ start, workingDays, pauses })
    mark(due)
    clock.dueDate = due.dueDate
    if (due.dueDate !== null) {
      if (closed) {
        clock.overdue = closed.on > due.dueDate
      } else {
        clock.workingDaysLeft = engine.workingDaysBetween(asOf, due.dueDate)
        mark(engine.provisional(asOf, due.dueDate))
        clock.overdue = asOf > due.dueDate
      }
    }
  }
  if (closed) clock.closedOn = closed.on
  const receipt = history[0]
  if (receipt && OFFLINE_CHANNELS.includes(channel)) {
    const due = engine.addWorkingDays(receipt.date, config.offlineRegistrationDays)
    mark(engine.provisional(receipt.date, due))
    clock.registrationDue = due
    clock.registrationOverdue = registeredOn ? registeredOn > due : asOf > due
  }
  if (consultation && !closed) {
    const due = engine.addWorkingDays(consultation.start, CONSULTATION_DAYS)
    mark(engine.provisional(consultation.start, due))
    clock.consultationDue = due
  }
  if (reasons.length) clock.reason = reasons.join('; ')
  return clock
}

// True when the last correction notice in the history was never answered.
function lastCorrectionOpen(history: readonly RequestEvent[]): boolean {
  let open = false
  for (const e of history) {
    if (e.type === 'correction_requested') open = true
    else if (e.type === 'correction_received') open = false
  }
  return open
}
