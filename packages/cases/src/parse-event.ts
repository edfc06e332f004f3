import { badRequest } from './cases-error.js'
import type { RequestClockConfig } from './config.js'
import { checkDate } from './day-number.js'
import { EVENT_TYPES, type RequestEvent, type RequestEventType } from './request-event.js'
import { CHANNELS, REVIEW_RESULTS } from './vocabulary.js'

const TYPES: ReadonlySet<string> = new Set(EVENT_TYPES)

// Payload keys each type accepts besides `type` and `date`; anything else is refused, so a typo such
// as `workingday` does not vanish silently.
const KEYS: Readonly<Record<RequestEventType, readonly string[]>> = {
  received: ['channel', 'submittedOn', 'signedForOn', 'confirmedOn'],
  registered: [],
  correction_requested: ['late', 'reason'],
  correction_received: [],
  consultation_started: ['party'],
  consultation_ended: [],
  extended: ['approver', 'workingDays'],
  fee_notified: ['mode', 'pages'],
  fee_paid: [],
  fee_unpaid: [],
  replied: ['outcome'],
  withdrawn: [],
  review_filed: [],
  review_decided: ['result'],
  litigation_filed: ['kind'],
  litigation_decided: ['result'],
}

const oneOf = (value: unknown, allowed: readonly string[], parameter: string): string => {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw badRequest(parameter, `one of ${allowed.join(', ')}`, value)
  }
  return value
}

const text = (value: unknown, parameter: string, max = 2000): string => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw badRequest(parameter, `a non-empty text of at most ${max} characters`, value)
  }
  return value.trim()
}

/**
 * Checks the shape of one event as received from a caller (REST body, CLI flags, CSV) and returns it
 * normalised: unknown keys refused, `extended.workingDays` filled with the configured default, the
 * Art. 31 field of `received` filled with its date. Outcome codes are left to {@link validateHistory}
 * (an unknown outcome is an impossible history, not a malformed parameter). Throws `bad_request`.
 */
export function parseEvent(
  raw: unknown,
  config: Pick<RequestClockConfig, 'extensionDays'>
): RequestEvent {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw badRequest('event', 'an object { type, date, …payload }', raw)
  }
  const r = raw as Record<string, unknown>
  const type = r.type
  if (typeof type !== 'string' || !TYPES.has(type)) {
    throw badRequest('type', `one of ${EVENT_TYPES.join(', ')}`, type)
  }
  const t = type as RequestEventType
  const date = checkDate(r.date, 'date')
  for (const key of Object.keys(r)) {
    if (key !== 'type' && key !== 'date' && !KEYS[t].includes(key) && r[key] !== undefined) {
      const allowed = KEYS[t].length ? KEYS[t].join(', ') : 'no payload'
      throw badRequest(key, `no such field on ${t} (allowed: ${allowed})`, r[key])
    }
  }
  switch (t) {
    case 'received': {
      const e: RequestEvent = {
        type: t,
        date,
        channel: oneOf(r.channel, CHANNELS, 'channel') as (typeof CHANNELS)[number],
      }
      for (const f of ['submittedOn', 'signedForOn', 'confirmedOn'] as const) {
        if (r[f] !== undefined) e[f] = checkDate(r[f], f)
      }
      return e
    }
    case 'correction_requested': {
      const e: RequestEvent = { type: t, date }
      if (r.late !== undefined) {
        if (typeof r.late !== 'boolean') throw badRequest('late', 'true or false', r.late)
        e.late = r.late
      }
      if (r.reason !== undefined) e.reason = text(r.reason, 'reason')
      return e
    }
    case 'consultation_started':
      return {
        type: t,
        date,
        party: oneOf(r.party, ['third_party', 'organ'], 'party') as 'third_party' | 'organ',
      }
    case 'extended': {
      const wd = r.workingDays ?? config.extensionDays
      if (typeof wd !== 'number' || !Number.isInteger(wd) || wd < 1 || wd > config.extensionDays) {
        throw badRequest('workingDays', `an integer 1–${config.extensionDays}`, wd)
      }
      return { type: t, date, approver: text(r.approver, 'approver', 200), workingDays: wd }
    }
    case 'fee_notified': {
      const mode = oneOf(r.mode, ['per_request', 'per_volume'], 'mode') as
        | 'per_request'
        | 'per_volume'
      if (mode === 'per_request') {
        if (r.pages !== undefined) {
          throw badRequest(
            'pages',
            'no pages with mode per_request (按件 or 按量, never both)',
            r.pages
          )
        }
        return { type: t, date, mode }
      }
      const pages = r.pages
      if (
        typeof pages !== 'number' ||
        !Number.isInteger(pages) ||
        pages < 1 ||
        pages > 10_000_000
      ) {
        throw badRequest('pages', 'an integer ≥ 1 (pages of the reply, per_volume)', pages)
      }
      return { type: t, date, mode, pages }
    }
    case 'replied':
      // The outcome's value is checked against the history rules (unknown → impossible_history).
      if (typeof r.outcome !== 'string') throw badRequest('outcome', 'a §3.9 reply code', r.outcome)
      return { type: t, date, outcome: r.outcome as never }
    case 'review_decided':
    case 'litigation_decided':
      return {
        type: t,
        date,
        result: oneOf(r.result, REVIEW_RESULTS, 'result') as (typeof REVIEW_RESULTS)[number],
      }
    case 'litigation_filed':
      return {
        type: t,
        date,
        kind: oneOf(r.kind, ['direct', 'after_review'], 'kind') as 'direct' | 'after_review',
      }
    default:
      return { type: t, date } as RequestEvent
  }
}
