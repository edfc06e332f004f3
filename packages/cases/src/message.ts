import { badRequest, CasesError } from './cases-error.js'
import type { ClockEngine } from './clock-engine.js'
import type { OnlineConfig } from './config.js'
import { checkDate } from './day-number.js'
import { orderHistory } from './validate-history.js'

/** Where a 政民互动 message came from (12345 = `hotline_12345`, CONTRACTS vocabularies). */
export const MESSAGE_CHANNELS = ['website', 'hotline_12345', 'mailbox', 'other'] as const
/** A message channel. */
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number]

/** Types of message events, in the order they usually happen. */
export const MESSAGE_EVENT_TYPES = ['received', 'transferred', 'answered', 'closed'] as const
/** A message event type. */
export type MessageEventType = (typeof MESSAGE_EVENT_TYPES)[number]

/** One event of a message's history. */
export type MessageEvent =
  | { type: 'received'; date: string; channel: MessageChannel; simple: boolean }
  | { type: 'transferred'; date: string; organ: string; from?: string }
  | { type: 'answered'; date: string; text: string; publish: boolean }
  | { type: 'closed'; date: string; reason?: string }

/** Where a message stands on the as-of date. */
export type MessageStatus = 'open' | 'answered' | 'closed'

/** A message's clock, computed from its events (never stored). */
export interface MessageClock {
  status: MessageStatus
  /** The day the clock counts from (not counted): the receipt, or the last transfer. */
  start: string
  /** `online.simpleReplyDays` for a simple question, else `online.replyDays`. */
  workingDays: number
  dueDate: string
  /** Working days from the as-of date to the due date (negative when overdue); null once answered or closed. */
  workingDaysLeft: number | null
  /** Open: the as-of date is after the due date. Answered/closed: that happened after it. */
  overdue: boolean
  provisional: boolean
  reason?: string
  answeredOn?: string
  closedOn?: string
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const text = (v: unknown, parameter: string, max: number): string => {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
    throw badRequest(parameter, `a non-empty text of at most ${max} characters`, v)
  }
  return v
}

/**
 * Shape-checks one message event `{ type, date, …payload }` (not the history) and returns it
 * normalised; `received` is written by `add`, never appended. Throws `bad_request`.
 */
export function parseMessageEvent(raw: unknown): MessageEvent {
  if (!isRecord(raw)) throw badRequest('event', 'an object { type, date, … }', raw)
  const date = checkDate(raw.date, 'date')
  const known = (keys: string[]) => {
    for (const k of Object.keys(raw)) {
      if (k !== 'type' && k !== 'date' && !keys.includes(k)) {
        throw badRequest(
          k,
          `no such field on a ${String(raw.type)} event (${keys.join(', ') || 'none'})`,
          raw[k]
        )
      }
    }
  }
  switch (raw.type) {
    case 'transferred':
      known(['organ'])
      return { type: 'transferred', date, organ: text(raw.organ, 'organ', 200) }
    case 'answered': {
      known(['text', 'publish'])
      if (typeof raw.publish !== 'boolean')
        throw badRequest('publish', 'true or false', raw.publish)
      return { type: 'answered', date, text: text(raw.text, 'text', 20_000), publish: raw.publish }
    }
    case 'closed': {
      known(['reason'])
      const e: MessageEvent = { type: 'closed', date }
      if (raw.reason !== undefined) e.reason = text(raw.reason, 'reason', 2000)
      return e
    }
    default:
      throw badRequest('type', 'transferred, answered or closed', raw.type)
  }
}

const impossible = (e: MessageEvent, index: number, rule: string, why: string): CasesError =>
  new CasesError('impossible_history', `event ${index} (${e.type} on ${e.date}): ${why}`, {
    event: { index, type: e.type, date: e.date },
    rule,
  })

/**
 * Checks a message history and returns it by date (then entry order). Rules: it starts with the one
 * `received`; nothing is dated before it (`before_receipt`) or after `today` (`future_date`); one
 * answer (`second_answer`); nothing after `closed` (`after_final`); after `answered` only `closed`
 * (`after_answer`); a transfer goes to another organ (`transfer_to_self`).
 */
export function validateMessageHistory(
  events: readonly MessageEvent[],
  options: { today?: string } = {}
): MessageEvent[] {
  const history = orderHistory(events)
  const first = history[0]
  if (first?.type !== 'received') {
    const e = first ?? { type: 'closed', date: '' }
    throw impossible(e as MessageEvent, 0, 'before_receipt', 'nothing can precede the receipt')
  }
  let organ: string | undefined
  let answered = false
  let closed = false
  history.forEach((e, i) => {
    if (options.today && e.date > options.today) {
      throw impossible(e, i, 'future_date', `dated after today (${options.today})`)
    }
    if (i === 0) return
    if (e.type === 'received')
      throw impossible(e, i, 'second_receipt', 'a message is received once')
    if (closed) throw impossible(e, i, 'after_final', 'the message is closed')
    if (e.type === 'answered') {
      if (answered) throw impossible(e, i, 'second_answer', 'the message is answered already')
      answered = true
    } else if (e.type === 'transferred') {
      if (answered) throw impossible(e, i, 'after_answer', 'an answered message is not transferred')
      if (e.from !== undefined && e.organ === e.from) {
        throw impossible(e, i, 'transfer_to_self', `the message is with ${e.organ} already`)
      }
      if (organ !== undefined && e.organ === organ) {
        throw impossible(e, i, 'transfer_to_self', `the message is with ${e.organ} already`)
      }
      organ = e.organ
    } else if (e.type === 'closed') closed = true
  })
  return history
}

/**
 * The reply clock of a (valid) message history as of `asOf`: `replyDays` (or `simpleReplyDays`)
 * working days after the receipt; a transfer restarts the clock for the organ that receives it, as
 * that organ has had the question only since then.
 * @example messageClock([{ type: 'received', date: '2021-09-29', channel: 'website', simple: false }], opts).dueDate // '2021-10-12'
 */
export function messageClock(
  events: readonly MessageEvent[],
  options: { engine: ClockEngine; config: OnlineConfig; asOf: string }
): MessageClock {
  const { engine, config, asOf } = options
  const history = orderHistory(events).filter((e) => e.date <= asOf)
  const received = history[0]
  if (received?.type !== 'received') {
    throw badRequest('events', 'a history starting with received', events)
  }
  let start = received.date
  let answeredOn: string | undefined
  let closedOn: string | undefined
  for (const e of history) {
    if (e.type === 'transferred' && !answeredOn && !closedOn) start = e.date
    if (e.type === 'answered') answeredOn ??= e.date
    if (e.type === 'closed') closedOn ??= e.date
  }
  const workingDays = received.simple ? config.simpleReplyDays : config.replyDays
  const due = engine.due({ start, workingDays })
  const dueDate = due.dueDate as string
  const endedOn = answeredOn ?? closedOn
  const status: MessageStatus = answeredOn ? 'answered' : closedOn ? 'closed' : 'open'
  const clock: MessageClock = {
    status,
    start,
    workingDays,
    dueDate,
    workingDaysLeft: endedOn ? null : engine.workingDaysBetween(asOf, dueDate),
    overdue: endedOn ? endedOn > dueDate : asOf > dueDate,
    provisional: due.provisional,
  }
  if (due.reason) clock.reason = due.reason
  if (answeredOn) clock.answeredOn = answeredOn
  if (closedOn) clock.closedOn = closedOn
  return clock
}
