import { badRequest } from './cases-error.js'
import { checkDate } from './day-number.js'
import type { Applicant } from './request-event.js'
import { APPLICANT_TYPES, type ApplicantType, CHANNELS, type Channel } from './vocabulary.js'

/** A new request as callers give it (REST `POST /api/v1/requests`, CLI `request add`, CSV import). */
export interface NewRequest {
  /** Optional: a previous system's id; generated (`ysq-<year>-<seq>`) when absent. */
  id?: string
  organ: string
  channel: Channel
  applicant: Applicant
  subject?: string
  /** Art. 31 receipt date. */
  received: string
}

/** Ids a caller may give: letters, digits, `_`, `.`, `-`, starting with a letter or digit, ≤ 80. */
export const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/
const ORGAN_ID = /^[a-z0-9][a-z0-9_.-]*$/

const optionalText = (v: unknown, parameter: string, max: number): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v !== 'string' || v.length > max) {
    throw badRequest(parameter, `a text of at most ${max} characters`, v)
  }
  return v.trim() || undefined
}

/** Checks a new request's shape and returns it normalised; throws `bad_request` naming the parameter. */
export function parseNewRequest(raw: unknown): NewRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw badRequest('request', 'an object { organ, channel, applicant, subject, received }', raw)
  }
  const r = raw as Record<string, unknown>
  const out: NewRequest = {
    organ: '',
    channel: 'online',
    applicant: { id: '', type: 'natural_person' },
    received: '',
  }
  if (r.id !== undefined) {
    if (typeof r.id !== 'string' || !REQUEST_ID.test(r.id)) {
      throw badRequest('id', 'letters, digits, _ . - (at most 80)', r.id)
    }
    out.id = r.id
  }
  if (typeof r.organ !== 'string' || !ORGAN_ID.test(r.organ)) {
    throw badRequest('organ', 'an organ id (organs[].id)', r.organ)
  }
  out.organ = r.organ
  if (typeof r.channel !== 'string' || !(CHANNELS as readonly string[]).includes(r.channel)) {
    throw badRequest('channel', `one of ${CHANNELS.join(', ')}`, r.channel)
  }
  out.channel = r.channel as Channel
  const a = r.applicant
  if (typeof a !== 'object' || a === null || Array.isArray(a)) {
    throw badRequest('applicant', 'an object { id, type, name?, contact? }', a)
  }
  const ap = a as Record<string, unknown>
  if (typeof ap.id !== 'string' || ap.id.trim() === '' || ap.id.length > 200) {
    throw badRequest('applicant.id', 'a non-empty id of at most 200 characters', ap.id)
  }
  if (typeof ap.type !== 'string' || !(APPLICANT_TYPES as readonly string[]).includes(ap.type)) {
    throw badRequest('applicant.type', `one of ${APPLICANT_TYPES.join(', ')}`, ap.type)
  }
  out.applicant = { id: ap.id.trim(), type: ap.type as ApplicantType }
  const name = optionalText(ap.name, 'applicant.name', 200)
  const contact = optionalText(ap.contact, 'applicant.contact', 500)
  if (name !== undefined) out.applicant.name = name
  if (contact !== undefined) out.applicant.contact = contact
  const subject = optionalText(r.subject, 'subject', 4000)
  if (subject !== undefined) out.subject = subject
  out.received = checkDate(r.received, 'received')
  return out
}
