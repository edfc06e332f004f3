import { badRequest, CasesError } from './cases-error.js'
import type { ClockEngine } from './clock-engine.js'
import type { ParticipationConfig } from './config.js'
import { checkDate } from './day-number.js'
import { orderHistory } from './validate-history.js'

/** Channels opinions of a 意见征集 arrive by. */
export const OPINION_CHANNELS = [
  'website',
  'email',
  'letter',
  'fax',
  'hotline_12345',
  'meeting',
  'other',
] as const
/** An opinion channel. */
export type OpinionChannel = (typeof OPINION_CHANNELS)[number]

/** Types of consultation events (`opened` is written by `add`). */
export const CONSULTATION_EVENT_TYPES = [
  'opened',
  'opinions_received',
  'document_issued',
  'feedback_published',
] as const

/** One event of a consultation's history. */
export type ConsultationEvent =
  | { type: 'opened'; date: string; closes: string }
  | {
      type: 'opinions_received'
      date: string
      channel: OpinionChannel
      count: number
      texts?: string[]
    }
  | { type: 'document_issued'; date: string; contentId: string }
  | {
      type: 'feedback_published'
      date: string
      collected: number
      adopted: number
      notAdoptedReasons: string[]
    }

/** Where a consultation stands on the as-of date. */
export type ConsultationStatus = 'open' | 'closed' | 'issued' | 'feedback_published'

/** A consultation's feedback clock (from the document's issue), computed from its events. */
export interface ConsultationClock {
  status: ConsultationStatus
  opened: string
  closes: string
  /** The document's issue date: the feedback clock's start (not counted). */
  issuedOn?: string
  /** `issuedOn` + `participation.adoptionPublishDays` working days; null before the issue. */
  dueDate: string | null
  /** Working days from the as-of date to the due date (negative when overdue); null without due date or once published. */
  workingDaysLeft: number | null
  /** Feedback not published by the due date (as of the as-of date, or published late). */
  overdue: boolean
  provisional: boolean
  reason?: string
  feedbackPublishedOn?: string
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const count = (v: unknown, parameter: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000_000) {
    throw badRequest(parameter, 'an integer 0–10000000', v)
  }
  return v
}

const texts = (v: unknown, parameter: string): string[] => {
  const list = typeof v === 'string' ? [v] : v
  if (!Array.isArray(list) || list.length > 10_000) {
    throw badRequest(parameter, 'a text or a list of texts', v)
  }
  return list.map((t, i) => {
    if (typeof t !== 'string' || t.trim() === '' || t.length > 20_000) {
      throw badRequest(`${parameter}/${i}`, 'a non-empty text of at most 20000 characters', t)
    }
    return t
  })
}

/**
 * Shape-checks one appended consultation event and returns it normalised: `opinions_received
 * { channel, count, texts? }`, `document_issued { contentId }`, `feedback_published { collected,
 * adopted, notAdoptedReasons }` (adopted ≤ collected). Throws `bad_request`.
 */
export function parseConsultationEvent(raw: unknown): ConsultationEvent {
  if (!isRecord(raw)) throw badRequest('event', 'an object { type, date, … }', raw)
  const date = checkDate(raw.date, 'date')
  const known = (keys: string[]) => {
    for (const k of Object.keys(raw)) {
      if (k !== 'type' && k !== 'date' && !keys.includes(k)) {
        throw badRequest(
          k,
          `no such field on a ${String(raw.type)} event (${keys.join(', ')})`,
          raw[k]
        )
      }
    }
  }
  switch (raw.type) {
    case 'opinions_received': {
      known(['channel', 'count', 'texts'])
      if (!OPINION_CHANNELS.includes(raw.channel as OpinionChannel)) {
        throw badRequest('channel', OPINION_CHANNELS.join(', '), raw.channel)
      }
      const e: ConsultationEvent = {
        type: 'opinions_received',
        date,
        channel: raw.channel as OpinionChannel,
        count: count(raw.count, 'count'),
      }
      if (raw.texts !== undefined) {
        e.texts = texts(raw.texts, 'texts')
        if (e.texts.length > e.count) {
          throw badRequest('texts', `at most count (${e.count}) texts`, e.texts.length)
        }
      }
      return e
    }
    case 'document_issued': {
      known(['contentId'])
      const id = raw.contentId
      if (typeof id !== 'string' || id.trim() === '' || id.length > 500) {
        throw badRequest('contentId', 'the id of the issued document in the content index', id)
      }
      return { type: 'document_issued', date, contentId: id }
    }
    case 'feedback_published': {
      known(['collected', 'adopted', 'notAdoptedReasons'])
      const collected = count(raw.collected, 'collected')
      const adopted = count(raw.adopted, 'adopted')
      if (adopted > collected) {
        throw badRequest('adopted', `at most collected (${collected})`, adopted)
      }
      const reasons =
        raw.notAdoptedReasons === undefined ? [] : texts(raw.notAdoptedReasons, 'notAdoptedReasons')
      if (adopted < collected && reasons.length === 0) {
        // Plan 四(三): why concentrated opinions were not adopted must be published with the counts.
        throw badRequest(
          'notAdoptedReasons',
          `the reasons opinions were not adopted (${collected - adopted} not adopted)`,
          raw.notAdoptedReasons
        )
      }
      return { type: 'feedback_published', date, collected, adopted, notAdoptedReasons: reasons }
    }
    default:
      throw badRequest('type', 'opinions_received, document_issued or feedback_published', raw.type)
  }
}

const impossible = (e: ConsultationEvent, index: number, rule: string, why: string) =>
  new CasesError('impossible_history', `event ${index} (${e.type} on ${e.date}): ${why}`, {
    event: { index, type: e.type, date: e.date },
    rule,
  })

/**
 * Checks a consultation history and returns it by date. Rules: it starts with `opened`, whose
 * `closes` is not before it; opinions are dated within [opened, closes] (`outside_period`); the
 * document is issued once (`second_issue`), not before the consultation opened (`before_opening`);
 * feedback follows the issue (`feedback_before_issue`), once (`second_feedback`), and counts at least
 * the opinions recorded (`collected_below_recorded`); nothing is dated after `today` (`future_date`).
 */
export function validateConsultationHistory(
  events: readonly ConsultationEvent[],
  options: { today?: string } = {}
): ConsultationEvent[] {
  const history = orderHistory(events)
  const opened = history[0]
  if (opened?.type !== 'opened') {
    const e = (opened ?? { type: 'opened', date: '' }) as ConsultationEvent
    throw impossible(e, 0, 'before_opening', 'nothing can precede the opening')
  }
  let recorded = 0
  let issued = false
  let feedback = false
  history.forEach((e, i) => {
    if (options.today && e.date > options.today) {
      throw impossible(e, i, 'future_date', `dated after today (${options.today})`)
    }
    if (i === 0) return
    switch (e.type) {
      case 'opened':
        throw impossible(e, i, 'second_opening', 'a consultation opens once')
      case 'opinions_received':
        if (e.date > opened.closes) {
          throw impossible(e, i, 'outside_period', `the consultation closed on ${opened.closes}`)
        }
        recorded += e.count
        break
      case 'document_issued':
        if (issued) throw impossible(e, i, 'second_issue', 'the document is issued already')
        issued = true
        break
      case 'feedback_published':
        if (!issued) {
          throw impossible(e, i, 'feedback_before_issue', 'feedback follows the issued document')
        }
        if (feedback) throw impossible(e, i, 'second_feedback', 'the feedback is published already')
        if (e.collected < recorded) {
          throw impossible(
            e,
            i,
            'collected_below_recorded',
            `collected ${e.collected} is fewer than the ${recorded} opinions recorded`
          )
        }
        feedback = true
        break
    }
  })
  return history
}

/**
 * The feedback clock of a (valid) consultation history as of `asOf`: due
 * `participation.adoptionPublishDays` working days after the document's issue (plan 四(三)).
 */
export function consultationClock(
  events: readonly ConsultationEvent[],
  options: { engine: ClockEngine; config: ParticipationConfig; asOf: string }
): ConsultationClock {
  const { engine, config, asOf } = options
  const history = orderHistory(events).filter((e) => e.date <= asOf)
  const opened = history[0]
  if (opened?.type !== 'opened') {
    throw badRequest('events', 'a history starting with opened', events)
  }
  const issued = history.find((e) => e.type === 'document_issued')
  const feedback = history.find((e) => e.type === 'feedback_published')
  const clock: ConsultationClock = {
    status: feedback
      ? 'feedback_published'
      : issued
        ? 'issued'
        : asOf <= opened.closes
          ? 'open'
          : 'closed',
    opened: opened.date,
    closes: opened.closes,
    dueDate: null,
    workingDaysLeft: null,
    overdue: false,
    provisional: false,
  }
  if (!issued) return clock
  const due = engine.due({ start: issued.date, workingDays: config.adoptionPublishDays })
  const dueDate = due.dueDate as string
  clock.issuedOn = issued.date
  clock.dueDate = dueDate
  clock.provisional = due.provisional
  if (due.reason) clock.reason = due.reason
  if (feedback) {
    clock.feedbackPublishedOn = feedback.date
    clock.overdue = feedback.date > dueDate
  } else {
    clock.workingDaysLeft = engine.workingDaysBetween(asOf, dueDate)
    clock.overdue = asOf > dueDate
  }
  return clock
}
