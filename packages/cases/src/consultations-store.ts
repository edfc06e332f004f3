import { type Calendar, todayInShanghai } from '@gongkai/calendar'
import type { Store } from '@gongkai/store'
import { badRequest, CasesError } from './cases-error.js'
import { type ClockEngine, createClockEngine } from './clock-engine.js'
import { type CasesConfig, type CasesConfigInput, resolveCasesConfig } from './config.js'
import {
  type ConsultationClock,
  type ConsultationEvent,
  consultationClock,
  type OpinionChannel,
  parseConsultationEvent,
  validateConsultationHistory,
} from './consultation.js'
import { checkDate } from './day-number.js'
import { guardTexts } from './guard-texts.js'
import { allocateId, insertItemEvent, readItemEvents, readItemEventsOf } from './item-events.js'
import { casesMigrations } from './migrations.js'
import { REQUEST_ID } from './parse-request.js'

/** A consultation (意见征集) with its opinion counts, issued document, feedback and clock. */
export interface ConsultationView {
  id: string
  organ: string
  title: string
  opened: string
  closes: string
  status: ConsultationClock['status']
  opinions: { total: number; byChannel: Partial<Record<OpinionChannel, number>>; texts: string[] }
  /** The issued document in the content index. */
  document?: { contentId: string; issued: string }
  feedback?: { published: string; collected: number; adopted: number; notAdoptedReasons: string[] }
  clock: ConsultationClock
}

/** The officer view adds the history. */
export interface OfficerConsultation extends ConsultationView {
  events: ConsultationEvent[]
}

/** Options of {@link openConsultations}. */
export interface OpenConsultationsOptions {
  config?: CasesConfigInput
  calendar?: Calendar
  organs?: readonly string[]
  today?: () => string
  /** When given, `document_issued { contentId }` must name an item of the content index. */
  contentExists?: (contentId: string) => boolean | Promise<boolean>
}

/** The consultations of a workspace: feedback due `participation.adoptionPublishDays` after issue. */
export interface Consultations {
  readonly config: CasesConfig
  readonly engine: ClockEngine
  /** Adds a consultation `{ organ, title, opened, closes, id? }`; returns its id. */
  add(input: unknown): Promise<{ id: string }>
  /** Appends `opinions_received`, `document_issued` or `feedback_published` after checking the history. */
  appendEvent(
    id: string,
    event: unknown
  ): Promise<{ id: string; index: number; event: ConsultationEvent }>
  /** One consultation as of `asOf`, with its history. Throws `not_found`. */
  show(id: string, options?: { asOf?: string }): Promise<OfficerConsultation>
  /** Consultations as of `asOf`: `open` (still collecting), `pending` (feedback not yet published), `all`. */
  list(options?: {
    organ?: string | readonly string[]
    asOf?: string
    status?: 'open' | 'pending' | 'all'
  }): Promise<{ items: OfficerConsultation[]; total: number }>
  /** The consultations whose issued document is `contentId` (the policy's feedback on the portal). */
  ofContent(contentId: string, options?: { asOf?: string }): Promise<ConsultationView[]>
}

interface Row {
  id: string
  organ: string
  title: string
  opened_on: string
  closes_on: string
}

const COLS = 'id, organ, title, opened_on, closes_on'
const notFound = (id: string) => new CasesError('not_found', `no consultation ${id}`, { id })

/** Opens the consultations of a store (applying the cases migrations). */
export async function openConsultations(
  store: Store,
  options: OpenConsultationsOptions = {}
): Promise<Consultations> {
  await store.migrate(casesMigrations)
  const config = resolveCasesConfig(options.config)
  const engine = createClockEngine(options.calendar ? { calendar: options.calendar } : {})
  const today = options.today ?? (() => todayInShanghai())
  const organs = options.organs ? new Set(options.organs) : undefined
  const asOfOf = (asOf: string | undefined) =>
    asOf === undefined ? today() : checkDate(asOf, 'asOf')

  /** The item's row; with `at`, as of that date (not found when it came later). */
  const getRow = async (q: Pick<Store, 'get'>, id: string, at?: string): Promise<Row> => {
    const row = await q.get<Row>(`SELECT ${COLS} FROM cases_consultations WHERE id = ?`, [id])
    if (!row || (at !== undefined && row.opened_on > at)) throw notFound(id)
    return row
  }

  const view = (row: Row, events: ConsultationEvent[], asOf: string): OfficerConsultation => {
    const seen = validateConsultationHistory(events).filter((e) => e.date <= asOf)
    const clock = consultationClock(seen, { engine, config: config.participation, asOf })
    const byChannel: Partial<Record<OpinionChannel, number>> = {}
    const texts: string[] = []
    let total = 0
    const v: OfficerConsultation = {
      id: row.id,
      organ: row.organ,
      title: row.title,
      opened: row.opened_on,
      closes: row.closes_on,
      status: clock.status,
      opinions: { total: 0, byChannel, texts },
      clock,
      events: seen,
    }
    for (const e of seen) {
      if (e.type === 'opinions_received') {
        byChannel[e.channel] = (byChannel[e.channel] ?? 0) + e.count
        total += e.count
        if (e.texts) texts.push(...e.texts)
      } else if (e.type === 'document_issued')
        v.document = { contentId: e.contentId, issued: e.date }
      else if (e.type === 'feedback_published') {
        v.feedback = {
          published: e.date,
          collected: e.collected,
          adopted: e.adopted,
          notAdoptedReasons: e.notAdoptedReasons,
        }
      }
    }
    v.opinions.total = total
    return v
  }

  const publicOf = (v: OfficerConsultation): ConsultationView => {
    const { events: _e, ...rest } = v
    return rest
  }

  const many = async (rows: Row[], asOf: string) => {
    const eventsOf = await readItemEventsOf<ConsultationEvent>(
      store,
      'consultation',
      rows.map((r) => r.id)
    )
    return rows.map((r) => view(r, eventsOf.get(r.id) ?? [], asOf))
  }

  return {
    config,
    engine,

    async add(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw badRequest('consultation', 'an object { organ, title, opened, closes }', input)
      }
      const r = input as Record<string, unknown>
      for (const k of Object.keys(r)) {
        if (!['id', 'organ', 'title', 'opened', 'closes'].includes(k)) {
          throw badRequest(k, 'no such field (id, organ, title, opened, closes)', r[k])
        }
      }
      if (r.id !== undefined && (typeof r.id !== 'string' || !REQUEST_ID.test(r.id))) {
        throw badRequest('id', 'letters, digits, _ . - (at most 80)', r.id)
      }
      if (typeof r.organ !== 'string' || (organs && !organs.has(r.organ))) {
        throw badRequest(
          'organ',
          organs ? `one of the workspace's organs (${[...organs].join(', ')})` : 'an organ id',
          r.organ
        )
      }
      if (typeof r.title !== 'string' || r.title.trim() === '' || r.title.length > 500) {
        throw badRequest('title', 'the draft document’s title (at most 500 characters)', r.title)
      }
      const opened = checkDate(r.opened, 'opened')
      const closes = checkDate(r.closes, 'closes')
      if (closes < opened)
        throw badRequest('closes', `a date on or after opened (${opened})`, closes)
      guardTexts([{ pointer: '/title', text: r.title }])
      const event: ConsultationEvent = { type: 'opened', date: opened, closes }
      validateConsultationHistory([event], { today: today() })
      const id = await store.transaction(async (tx) => {
        const { id, seq } = await allocateId(
          tx,
          'cases_consultations',
          'zj',
          opened,
          r.id as string | undefined,
          (x) => new CasesError('id_unavailable', `consultation id ${x} is taken`, { id: x })
        )
        await tx.run(
          `INSERT INTO cases_consultations (id, seq, organ, title, opened_on, closes_on, content_id,
           feedback_on, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?)`,
          [id, seq, r.organ as string, r.title as string, opened, closes, new Date().toISOString()]
        )
        await insertItemEvent(tx, 'consultation', id, 1, event)
        return id
      })
      return { id }
    },

    async appendEvent(id, raw) {
      const event = parseConsultationEvent(raw)
      if (event.type === 'opinions_received' && event.texts) {
        guardTexts(event.texts.map((text, i) => ({ pointer: `/texts/${i}`, text })))
      }
      if (event.type === 'feedback_published') {
        guardTexts(
          event.notAdoptedReasons.map((text, i) => ({ pointer: `/notAdoptedReasons/${i}`, text }))
        )
      }
      if (event.type === 'document_issued' && options.contentExists) {
        if (!(await options.contentExists(event.contentId))) {
          throw badRequest('contentId', 'the id of an item in the content index', event.contentId)
        }
      }
      return store.transaction(async (tx) => {
        await getRow(tx, id)
        const events = await readItemEvents<ConsultationEvent>(tx, 'consultation', id)
        const all = [...events, event]
        const history = validateConsultationHistory(all, { today: today() })
        await insertItemEvent(tx, 'consultation', id, all.length, event)
        const issued = history.find((e) => e.type === 'document_issued')
        const feedback = history.find((e) => e.type === 'feedback_published')
        await tx.run(
          'UPDATE cases_consultations SET content_id = ?, feedback_on = ? WHERE id = ?',
          [
            issued && issued.type === 'document_issued' ? issued.contentId : null,
            feedback?.date ?? null,
            id,
          ]
        )
        return { id, index: history.indexOf(event), event }
      })
    },

    async show(id, { asOf } = {}) {
      const at = asOfOf(asOf)
      return view(
        await getRow(store, id, at),
        await readItemEvents<ConsultationEvent>(store, 'consultation', id),
        at
      )
    },

    async list(opts = {}) {
      const asOf = asOfOf(opts.asOf)
      const status = opts.status ?? 'all'
      if (!['open', 'pending', 'all'].includes(status))
        throw badRequest('status', 'open, pending or all', status)
      const rows = await store.all<Row>(
        `SELECT ${COLS} FROM cases_consultations WHERE opened_on <= ? ORDER BY opened_on DESC, seq DESC`,
        [asOf]
      )
      const wanted =
        opts.organ === undefined
          ? undefined
          : new Set(typeof opts.organ === 'string' ? [opts.organ] : opts.organ)
      const items = (
        await many(
          rows.filter((r) => !wanted || wanted.has(r.organ)),
          asOf
        )
      ).filter(
        (v) =>
          status === 'all' ||
          (status === 'open' ? v.status === 'open' : v.status !== 'feedback_published')
      )
      return { items, total: items.length }
    },

    async ofContent(contentId, { asOf } = {}) {
      const at = asOfOf(asOf)
      const rows = await store.all<Row>(
        `SELECT ${COLS} FROM cases_consultations WHERE content_id = ? AND opened_on <= ? ORDER BY seq`,
        [contentId, at]
      )
      return (await many(rows, at)).filter((v) => v.document?.contentId === contentId).map(publicOf)
    },
  }
}
