import { type Calendar, todayInShanghai } from '@gongkai/calendar'
import type { SqlValue, Store } from '@gongkai/store'
import { badRequest, CasesError } from './cases-error.js'
import { type ClockEngine, createClockEngine } from './clock-engine.js'
import { type CasesConfig, type CasesConfigInput, resolveCasesConfig } from './config.js'
import { checkDate } from './day-number.js'
import { guardTexts } from './guard-texts.js'
import { allocateId, insertItemEvent, readItemEvents, readItemEventsOf } from './item-events.js'
import {
  MESSAGE_CHANNELS,
  type MessageChannel,
  type MessageClock,
  type MessageEvent,
  type MessageStatus,
  messageClock,
  parseMessageEvent,
  validateMessageHistory,
} from './message.js'
import { casesMigrations } from './migrations.js'
import { REQUEST_ID } from './parse-request.js'

/** A message as its organ's officers see it: everything, the sender included. */
export interface OfficerMessage {
  id: string
  organ: string
  channel: MessageChannel
  simple: boolean
  received: string
  question?: string
  sender?: string
  status: MessageStatus
  published: boolean
  clock: MessageClock
  events: MessageEvent[]
}

/** A published answer as the public sees it: the question and the answer, never the sender. */
export interface PublicMessage {
  id: string
  organ: string
  channel: MessageChannel
  received: string
  question: string | null
  answer: { date: string; text: string }
}

/** Options of {@link openMessages} (as `openCases`). */
export interface OpenMessagesOptions {
  config?: CasesConfigInput
  calendar?: Calendar
  /** Organ ids of the workspace; messages for (and transfers to) any other organ are refused. */
  organs?: readonly string[]
  today?: () => string
}

/** Options of {@link Messages.list}. */
export interface ListMessagesOptions {
  organ?: string | readonly string[]
  asOf?: string
  /** `open` (default: not answered or closed by the as-of date), `ended`, or `all`. */
  status?: 'open' | 'ended' | 'all'
  limit?: number
  offset?: number
}

/** The 政民互动 messages of a workspace (plan 三(二)): clocks of 5 (simple: 1) working days. */
export interface Messages {
  readonly config: CasesConfig
  readonly engine: ClockEngine
  /** Adds a message `{ organ, channel, received, simple?, question?, sender?, id? }`; returns its id. */
  add(input: unknown): Promise<{ id: string }>
  /** Appends `transferred { organ }`, `answered { text, publish }` or `closed { reason? }` after checking the history. */
  appendEvent(
    id: string,
    event: unknown
  ): Promise<{ id: string; index: number; event: MessageEvent }>
  /** One message with its clock as of `asOf` (officer view). Throws `not_found`. */
  show(id: string, options?: { asOf?: string }): Promise<OfficerMessage>
  /** Messages with their clocks: open ones by due date first, then ended ones. */
  list(options?: ListMessagesOptions): Promise<{ items: OfficerMessage[]; total: number }>
  /** Published answers, newest first (what the portal and the Atom feed show). */
  published(options?: {
    organ?: string
    limit?: number
    offset?: number
  }): Promise<{ items: PublicMessage[]; total: number }>
  /** One published answer; `not_found` for anything unpublished (exactly as if it did not exist). */
  showPublished(id: string): Promise<PublicMessage>
}

interface MessageRow {
  id: string
  organ: string
  channel: MessageChannel
  simple: number
  received_on: string
  question: string | null
  sender: string | null
  published_on: string | null
}

const COLS = 'id, organ, channel, simple, received_on, question, sender, published_on'

const optionalText = (v: unknown, parameter: string, max: number): string | undefined => {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
    throw badRequest(parameter, `a non-empty text of at most ${max} characters`, v)
  }
  return v
}

const notFound = (id: string) => new CasesError('not_found', `no message ${id}`, { id })

/**
 * Opens the messages of a store (applying the cases migrations).
 * @example
 * const messages = await openMessages(store, { organs: ['district-gov'] })
 * const { id } = await messages.add({ organ: 'district-gov', channel: 'website', received: '2021-09-29' })
 * (await messages.show(id, { asOf: '2021-09-30' })).clock.dueDate // '2021-10-12' (国庆 skipped, 10-09 补班 counted)
 */
export async function openMessages(
  store: Store,
  options: OpenMessagesOptions = {}
): Promise<Messages> {
  await store.migrate(casesMigrations)
  const config = resolveCasesConfig(options.config)
  const engine = createClockEngine(options.calendar ? { calendar: options.calendar } : {})
  const today = options.today ?? (() => todayInShanghai())
  const organs = options.organs ? new Set(options.organs) : undefined
  const checkOrgan = (organ: unknown, parameter = 'organ'): string => {
    if (typeof organ !== 'string' || organ === '') throw badRequest(parameter, 'an organ id', organ)
    if (organs && !organs.has(organ)) {
      throw badRequest(
        parameter,
        `one of the workspace's organs (${[...organs].join(', ')})`,
        organ
      )
    }
    return organ
  }
  const asOfOf = (asOf: string | undefined) =>
    asOf === undefined ? today() : checkDate(asOf, 'asOf')

  /** The item's row; with `at`, as of that date (not found when it came later). */
  const getRow = async (q: Pick<Store, 'get'>, id: string, at?: string): Promise<MessageRow> => {
    const row = await q.get<MessageRow>(`SELECT ${COLS} FROM cases_messages WHERE id = ?`, [id])
    if (!row || (at !== undefined && row.received_on > at)) throw notFound(id)
    return row
  }

  const officer = (row: MessageRow, events: MessageEvent[], asOf: string): OfficerMessage => {
    const seen = validateMessageHistory(events).filter((e) => e.date <= asOf)
    const clock = messageClock(seen, { engine, config: config.online, asOf })
    let organ = row.organ
    for (const e of seen) if (e.type === 'transferred') organ = e.organ
    const m: OfficerMessage = {
      id: row.id,
      organ,
      channel: row.channel,
      simple: row.simple === 1,
      received: row.received_on,
      status: clock.status,
      published: row.published_on !== null && row.published_on <= asOf,
      clock,
      events: seen,
    }
    if (row.question !== null) m.question = row.question
    if (row.sender !== null) m.sender = row.sender
    return m
  }

  const toPublic = (row: MessageRow, events: MessageEvent[]): PublicMessage => {
    const answer = events.find((e) => e.type === 'answered') as Extract<
      MessageEvent,
      { type: 'answered' }
    >
    let organ = row.organ
    for (const e of events) if (e.type === 'transferred') organ = e.organ
    return {
      id: row.id,
      organ,
      channel: row.channel,
      received: row.received_on,
      question: row.question,
      answer: { date: answer.date, text: answer.text },
    }
  }

  return {
    config,
    engine,

    async add(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw badRequest('message', 'an object { organ, channel, received, … }', input)
      }
      const r = input as Record<string, unknown>
      for (const k of Object.keys(r)) {
        if (!['id', 'organ', 'channel', 'received', 'simple', 'question', 'sender'].includes(k)) {
          throw badRequest(
            k,
            'no such field (id, organ, channel, received, simple, question, sender)',
            r[k]
          )
        }
      }
      if (r.id !== undefined && (typeof r.id !== 'string' || !REQUEST_ID.test(r.id))) {
        throw badRequest('id', 'letters, digits, _ . - (at most 80)', r.id)
      }
      const organ = checkOrgan(r.organ)
      if (!MESSAGE_CHANNELS.includes(r.channel as MessageChannel)) {
        throw badRequest('channel', MESSAGE_CHANNELS.join(', '), r.channel)
      }
      const received = checkDate(r.received, 'received')
      if (r.simple !== undefined && typeof r.simple !== 'boolean') {
        throw badRequest('simple', 'true or false', r.simple)
      }
      const question = optionalText(r.question, 'question', 20_000)
      const sender = optionalText(r.sender, 'sender', 500)
      const event: MessageEvent = {
        type: 'received',
        date: received,
        channel: r.channel as MessageChannel,
        simple: r.simple === true,
      }
      validateMessageHistory([event], { today: today() })
      const id = await store.transaction(async (tx) => {
        const { id, seq } = await allocateId(
          tx,
          'cases_messages',
          'ly',
          received,
          r.id as string | undefined,
          (x) => new CasesError('id_unavailable', `message id ${x} is taken`, { id: x })
        )
        await tx.run(
          `INSERT INTO cases_messages (id, seq, organ, channel, simple, received_on, question, sender,
           ended_on, published_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`,
          [
            id,
            seq,
            organ,
            event.channel,
            event.simple ? 1 : 0,
            received,
            question ?? null,
            sender ?? null,
            new Date().toISOString(),
          ]
        )
        await insertItemEvent(tx, 'message', id, 1, event)
        return id
      })
      return { id }
    },

    async appendEvent(id, raw) {
      const event = parseMessageEvent(raw)
      return store.transaction(async (tx) => {
        const row = await getRow(tx, id)
        const events = await readItemEvents<MessageEvent>(tx, 'message', id)
        if (event.type === 'transferred') {
          checkOrgan(event.organ)
          let current = row.organ
          for (const e of events) if (e.type === 'transferred') current = e.organ
          event.from = current
        }
        const all = [...events, event]
        const history = validateMessageHistory(all, { today: today() })
        if (event.type === 'answered' && event.publish) {
          // Both texts reach the portal: the guard reads them before anything is stored.
          guardTexts([
            ...(row.question ? [{ pointer: '/question', text: row.question }] : []),
            { pointer: '/text', text: event.text },
          ])
        }
        await insertItemEvent(tx, 'message', id, all.length, event)
        const ended = history.find((e) => e.type === 'answered' || e.type === 'closed')
        const answer = history.find((e) => e.type === 'answered')
        const published =
          answer && answer.type === 'answered' && answer.publish ? answer.date : null
        await tx.run('UPDATE cases_messages SET ended_on = ?, published_on = ? WHERE id = ?', [
          ended?.date ?? null,
          published,
          id,
        ])
        return { id, index: history.indexOf(event), event }
      })
    },

    async show(id, { asOf } = {}) {
      const at = asOfOf(asOf)
      return officer(
        await getRow(store, id, at),
        await readItemEvents<MessageEvent>(store, 'message', id),
        at
      )
    },

    async list(opts = {}) {
      const asOf = asOfOf(opts.asOf)
      const status = opts.status ?? 'open'
      if (!['open', 'ended', 'all'].includes(status))
        throw badRequest('status', 'open, ended or all', status)
      const where = ['received_on <= ?']
      const params: SqlValue[] = [asOf]
      const rows = await store.all<MessageRow & { ended_on: string | null }>(
        `SELECT ${COLS}, ended_on FROM cases_messages WHERE ${where.join(' AND ')} ORDER BY seq`,
        params
      )
      const eventsOf = await readItemEventsOf<MessageEvent>(
        store,
        'message',
        rows.map((r) => r.id)
      )
      const wanted =
        opts.organ === undefined
          ? undefined
          : new Set(typeof opts.organ === 'string' ? [opts.organ] : opts.organ)
      const items = rows
        .map((r) => officer(r, eventsOf.get(r.id) ?? [], asOf))
        // The organ that holds a message on the as-of date (after transfers) is the one that answers it.
        .filter((m) => !wanted || wanted.has(m.organ))
        .filter((m) => status === 'all' || (status === 'open') === (m.status === 'open'))
      const key = (m: OfficerMessage) =>
        m.status === 'open' ? `0${m.clock.dueDate}` : `1${m.clock.answeredOn ?? m.clock.closedOn}`
      items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      const offset = Math.max(0, Math.floor(opts.offset ?? 0))
      const end =
        opts.limit === undefined ? undefined : offset + Math.max(0, Math.floor(opts.limit))
      return { items: items.slice(offset, end), total: items.length }
    },

    async published(opts = {}) {
      const where = ['published_on IS NOT NULL', 'published_on <= ?']
      const params: SqlValue[] = [today()]
      const rows = await store.all<MessageRow>(
        `SELECT ${COLS} FROM cases_messages WHERE ${where.join(' AND ')} ORDER BY published_on DESC, seq DESC`,
        params
      )
      const eventsOf = await readItemEventsOf<MessageEvent>(
        store,
        'message',
        rows.map((r) => r.id)
      )
      const all = rows
        .map((r) => toPublic(r, eventsOf.get(r.id) ?? []))
        .filter((m) => opts.organ === undefined || m.organ === opts.organ)
      const offset = Math.max(0, Math.floor(opts.offset ?? 0))
      const end =
        opts.limit === undefined ? undefined : offset + Math.max(0, Math.floor(opts.limit))
      return { items: all.slice(offset, end), total: all.length }
    },

    async showPublished(id) {
      const row = await store.get<MessageRow>(`SELECT ${COLS} FROM cases_messages WHERE id = ?`, [
        id,
      ])
      if (!row || row.published_on === null || row.published_on > today()) throw notFound(id)
      return toPublic(row, await readItemEvents<MessageEvent>(store, 'message', id))
    },
  }
}
