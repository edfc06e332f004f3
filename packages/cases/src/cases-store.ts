import { type Calendar, defaultCalendar, todayInShanghai } from '@gongkai/calendar'
import type { Queryable, SqlValue, Store } from '@gongkai/store'
import {
  computeAnnualReport,
  type DeclaredCounts,
  type ReportContentItem,
} from './annual-report.js'
import type { AnnualReport, AnnualReportText } from './annual-report-types.js'
import { badRequest, CasesError } from './cases-error.js'
import { type ClockEngine, createClockEngine } from './clock-engine.js'
import { type CasesConfig, type CasesConfigInput, resolveCasesConfig } from './config.js'
import { checkDate } from './day-number.js'
import { clockBasis, dueOrderOf, refreshDueOrder, SET_DUE_ORDER } from './due-order.js'
import { type Fee, feeOfEvents, perRequestFee, perVolumeFee } from './fee.js'
import { type ImportProblem, parseRequestsCsv } from './import-csv.js'
import { casesMigrations } from './migrations.js'
import { parseEvent } from './parse-event.js'
import { type NewRequest, parseNewRequest } from './parse-request.js'
import { clockOfHistory } from './request-clock.js'
import type { CaseRecord, RequestEvent } from './request-event.js'
import {
  type OfficerRequestDetail,
  type OfficerRequestSummary,
  type PublicRequestDetail,
  type PublicRequestSummary,
  type RequestViewKind,
  toPublicEvent,
} from './request-view.js'
import { orderHistory, validateHistory } from './validate-history.js'
import { type Channel, type FeeMode, type OutcomeCode, RECEIPT_FIELD } from './vocabulary.js'

/** Options of {@link openCases}. */
export interface OpenCasesOptions {
  /** `request.*` clock numbers (defaults: 20, 20, 2, 7). */
  config?: CasesConfigInput
  /** Calendar of working days (default: `@gongkai/calendar`'s default calendar). */
  calendar?: Calendar
  /** Organ ids of the workspace (`organs[].id`); when given, requests for any other organ are refused. */
  organs?: readonly string[]
  /** Today's date (default: today in Asia/Shanghai): the default as-of date; later events are refused. */
  today?: () => string
}

/** Options of {@link Cases.list}. */
export interface ListRequestsOptions {
  /** One organ or several (a government with its departments); all organs when absent. */
  organ?: string | readonly string[]
  /** Read clocks on this date (default today); requests received later are left out. */
  asOf?: string
  /** `open` (default): not replied or withdrawn by the as-of date; `closed`; or `all`. */
  status?: 'open' | 'closed' | 'all'
  view?: RequestViewKind
  /** Page size (default: everything). */
  limit?: number
  offset?: number
}

/** Options of {@link Cases.show}. */
export interface ShowRequestOptions {
  asOf?: string
  view?: RequestViewKind
}

/** Outcome of {@link Cases.importCsv}: all rows or none. */
export type ImportResult =
  | { ok: true; imported: number; ids: string[] }
  | { ok: false; imported: 0; errors: ImportProblem[] }

/** Input of {@link Cases.annualReport}. */
export interface StoredReportInput {
  year: number
  organ: { id: string; name?: string; kind?: 'department' | 'government' }
  /** Organs whose cases a government's report includes besides its own. */
  include?: readonly string[]
  contents?: Iterable<ReportContentItem>
  declared?: DeclaredCounts
  text?: AnnualReportText
}

/** The stored requests of a workspace: add, append events, read with clocks, fees, import, report. */
export interface Cases {
  readonly config: CasesConfig
  readonly engine: ClockEngine
  /** Adds a request (with its `received` event) and returns its id. Throws `bad_request`, `id_unavailable`. */
  add(input: unknown): Promise<{ id: string }>
  /**
   * Appends one event `{ type, date, …payload }` after validating the whole history with it; a
   * rejected event stores nothing. Returns the stored (normalised) event and its index in the dated
   * history. Throws `not_found`, `bad_request`, `impossible_history`.
   */
  appendEvent(
    id: string,
    event: unknown
  ): Promise<{ id: string; index: number; event: RequestEvent }>
  /** One request with its history, clock (as of `asOf`) and computed fee. Throws `not_found`. */
  show(
    id: string,
    options?: ShowRequestOptions & { view?: 'officer' }
  ): Promise<OfficerRequestDetail>
  show(id: string, options: ShowRequestOptions & { view: 'public' }): Promise<PublicRequestDetail>
  /** Requests with their clocks: open ones by due date (those without a due date last), then closed ones. */
  list(
    options?: ListRequestsOptions & { view?: 'officer' }
  ): Promise<{ items: OfficerRequestSummary[]; total: number }>
  list(
    options: ListRequestsOptions & { view: 'public' }
  ): Promise<{ items: PublicRequestSummary[]; total: number }>
  /**
   * What a request costs under `mode`: per request, its position among the applicant's requests to the
   * organ that month (by receipt date, then entry order); per volume, the pages' bands.
   */
  fee(id: string, options: { mode: FeeMode; pages?: number }): Promise<Fee>
  /** Imports carried-over requests from CSV (columns: `IMPORT_COLUMNS`); all rows or none. */
  importCsv(input: string | Uint8Array, options?: { source?: string }): Promise<ImportResult>
  /** The cases of `organs` received by `upTo`, with their events dated by then, in entry order. */
  loadCases(options: { organs?: readonly string[]; upTo: string }): Promise<CaseRecord[]>
  /** The annual report of an organ (plus `include`), from events dated by 31 December of `year`. */
  annualReport(input: StoredReportInput): Promise<AnnualReport>
}

// Pages up to this many requests are read by id; a longer list by its filter.
const PAGE_BY_ID = 1000

/** A filter of requests: AND-ed SQL clauses over `cases_requests r` and their parameters. */
interface Filter {
  where: string[]
  params: SqlValue[]
}

interface RequestRow {
  id: string
  organ: string
  channel: Channel
  applicant_id: string
  applicant_type: string
  applicant_name: string | null
  applicant_contact: string | null
  subject: string | null
  received_on: string
}

// One JSON.parse builds the whole event (type and date first, as entered).
const decodeEvent = (type: string, date: string, payload: string | null): RequestEvent =>
  (payload
    ? JSON.parse(`{"type":${JSON.stringify(type)},"date":"${date}",${payload.slice(1)}`)
    : { type, date }) as RequestEvent

const encodePayload = (e: RequestEvent): string | null => {
  const { type: _t, date: _d, ...rest } = e as unknown as Record<string, unknown>
  return Object.keys(rest).length ? JSON.stringify(rest) : null
}

const closedOn = (history: readonly RequestEvent[]): string | null =>
  history.find((e) => e.type === 'replied' || e.type === 'withdrawn')?.date ?? null

const outcomeOf = (history: readonly RequestEvent[]): OutcomeCode | undefined => {
  const e = history.find((x) => x.type === 'replied' || x.type === 'withdrawn')
  if (!e) return undefined
  return e.type === 'replied' ? e.outcome : 'other.other'
}

// What the annual report reads besides the receipt date (kept on the request row): a narrower read.
const REPORT_EVENT_TYPES = [
  'replied',
  'withdrawn',
  'fee_notified',
  'fee_paid',
  'review_filed',
  'review_decided',
  'litigation_filed',
  'litigation_decided',
] as const

// The received event as add() and the import store it: the Art. 31 field equals the date.
const receiptOf = (row: RequestRow): RequestEvent => ({
  type: 'received',
  date: row.received_on,
  channel: row.channel,
  [RECEIPT_FIELD[row.channel]]: row.received_on,
})

const toCaseRecord = ({
  row,
  events,
}: {
  row: RequestRow
  events: RequestEvent[]
}): CaseRecord => ({
  id: row.id,
  organ: row.organ,
  channel: row.channel,
  applicant: { id: row.applicant_id, type: row.applicant_type as CaseRecord['applicant']['type'] },
  received: row.received_on,
  events,
})

const monthRange = (date: string): [string, string] => {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  return [`${date.slice(0, 7)}-01`, `${next}-01`]
}

/**
 * Opens the cases of a store, applying the cases migrations first.
 * @example
 * const cases = await openCases(store)
 * const { id } = await cases.add({ organ: 'district-gov', channel: 'online', applicant: { id: 'a1', type: 'natural_person' }, received: '2021-09-24' })
 * await cases.appendEvent(id, { type: 'extended', date: '2021-10-20', approver: '王主任' })
 * (await cases.show(id, { asOf: '2021-10-25' })).clock.dueDate // '2021-11-24'
 */
export async function openCases(store: Store, options: OpenCasesOptions = {}): Promise<Cases> {
  await store.migrate(casesMigrations)
  const config = resolveCasesConfig(options.config)
  const calendar = options.calendar ?? defaultCalendar()
  const engine = createClockEngine({ calendar })
  // The rules the stored list order was computed under (see due-order.ts).
  const basis = clockBasis(calendar, config.request)
  const dueOptions = { engine, config: config.request, basis }
  const today = options.today ?? (() => todayInShanghai())
  const organs = options.organs ? new Set(options.organs) : undefined
  const historyOptions = { engine, config: config.request }

  const checkOrgan = (organ: string) => {
    if (organs && !organs.has(organ)) {
      throw badRequest('organ', `one of the workspace's organs (${[...organs].join(', ')})`, organ)
    }
  }

  const insertRequest = async (
    tx: Queryable,
    r: NewRequest,
    events: readonly RequestEvent[],
    source: string,
    now: string
  ): Promise<string> => {
    const seqRow = await tx.get<{ n: number }>(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM cases_requests'
    )
    const seq = Number(seqRow?.n ?? 1)
    let id = r.id
    if (id !== undefined) {
      const taken = await tx.get('SELECT 1 AS x FROM cases_requests WHERE id = ?', [id])
      if (taken) throw new CasesError('id_unavailable', `request id ${id} is taken`, { id })
    } else {
      const base = `ysq-${r.received.slice(0, 4)}-${String(seq).padStart(6, '0')}`
      id = base
      // A carried-over id may already look like a generated one.
      for (let k = 2; await tx.get('SELECT 1 AS x FROM cases_requests WHERE id = ?', [id]); k++) {
        id = `${base}-${k}`
      }
    }
    const history = orderHistory(events)
    const due = dueOrderOf(r.channel, history, dueOptions)
    await tx.run(
      `INSERT INTO cases_requests (id, seq, organ, channel, applicant_id, applicant_type, applicant_name,
       applicant_contact, subject, received_on, closed_on, source, created_at, order_key,
       last_event_on, clock_basis)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        seq,
        r.organ,
        r.channel,
        r.applicant.id,
        r.applicant.type,
        r.applicant.name ?? null,
        r.applicant.contact ?? null,
        r.subject ?? null,
        r.received,
        closedOn(history),
        source,
        now,
        due.orderKey,
        due.lastEventOn,
        due.basis,
      ]
    )
    let i = 0
    for (const e of events) {
      await tx.run(
        'INSERT INTO cases_events (request_id, seq, type, date, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
        [id, ++i, e.type, e.date, encodePayload(e), now]
      )
    }
    return id
  }

  const getRequest = async (q: Queryable, id: string): Promise<RequestRow> => {
    const row = await q.get<RequestRow>(
      `SELECT id, organ, channel, applicant_id, applicant_type, applicant_name, applicant_contact,
       subject, received_on FROM cases_requests WHERE id = ?`,
      [id]
    )
    if (!row) throw new CasesError('not_found', `no request ${id}`, { id })
    return row
  }

  const getEvents = async (q: Queryable, id: string): Promise<RequestEvent[]> => {
    const rows = await q.all<{ type: string; date: string; payload: string | null }>(
      'SELECT type, date, payload FROM cases_events WHERE request_id = ? ORDER BY seq',
      [id]
    )
    return rows.map((r) => decodeEvent(r.type, r.date, r.payload))
  }

  const positionOf = async (row: RequestRow): Promise<number> => {
    const [from, to] = monthRange(row.received_on)
    const ids = await store.all<{ id: string }>(
      `SELECT id FROM cases_requests WHERE organ = ? AND applicant_id = ? AND received_on >= ?
       AND received_on < ? ORDER BY received_on, seq`,
      [row.organ, row.applicant_id, from, to]
    )
    return ids.findIndex((r) => r.id === row.id) + 1
  }

  const asOfOf = (asOf: string | undefined) =>
    asOf === undefined ? today() : checkDate(asOf, 'asOf')

  const summary = (
    row: RequestRow,
    events: readonly RequestEvent[],
    asOf: string,
    view: RequestViewKind
  ): OfficerRequestSummary | PublicRequestSummary => {
    const seen = orderHistory(events).filter((e) => e.date <= asOf)
    const clock = clockOfHistory(row.channel, seen, { engine, config: config.request, asOf })
    const outcome = outcomeOf(seen)
    const base = { id: row.id, organ: row.organ, channel: row.channel }
    if (view === 'public') {
      const s: PublicRequestSummary = {
        ...base,
        applicantType: row.applicant_type as PublicRequestSummary['applicantType'],
        received: row.received_on,
        status: clock.status,
        clock,
      }
      if (outcome) s.outcome = outcome
      return s
    }
    const applicant: OfficerRequestSummary['applicant'] = {
      id: row.applicant_id,
      type: row.applicant_type as OfficerRequestSummary['applicant']['type'],
    }
    if (row.applicant_name !== null) applicant.name = row.applicant_name
    if (row.applicant_contact !== null) applicant.contact = row.applicant_contact
    const s: OfficerRequestSummary = {
      ...base,
      applicant,
      received: row.received_on,
      status: clock.status,
      clock,
    }
    if (row.subject !== null) s.subject = row.subject
    if (outcome) s.outcome = outcome
    return s
  }

  // Requests, then their events, each in one plain read: cheaper than a join sorted by request,
  // which SQLite answers with a temporary B-tree over every event row. When most requests are
  // wanted (a report, a big list) both tables are read straight through: a sequential scan beats an
  // index lookup per row. Requests come back in entry order (fees need it), events grouped by
  // request in entry order.
  const scan = async (
    parts: readonly Filter[],
    eventsUpTo: string,
    personal: boolean,
    events: 'all' | 'after_receipt' | readonly RequestEvent['type'][] = 'all'
  ): Promise<{ row: RequestRow; events: RequestEvent[] }[]> => {
    const cols = personal ? 'r.applicant_name, r.applicant_contact, r.subject' : 'NULL, NULL, NULL'
    let matched = 0
    for (const { where, params } of parts) {
      const n = await store.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM cases_requests r WHERE ${where.join(' AND ')}`,
        params
      )
      matched += Number(n?.n ?? 0)
    }
    const total = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases_requests')
    const broad = matched * 4 > Number(total?.n ?? 0)
    const straight = broad && store.dialect === 'sqlite' ? ' NOT INDEXED' : ''
    const read = (sql: string, p: SqlValue[]) =>
      store.iterate(sql, p, { raw: true, batches: true, batchSize: 5000 })

    type Entry = { row: RequestRow; events: RequestEvent[]; seq: number; lastEvent: number }
    const out: Entry[] = []
    const byId = new Map<string, Entry>()
    let requestsInOrder = true
    for (const { where, params } of parts) {
      for await (const batch of read(
        `SELECT r.id, r.organ, r.channel, r.applicant_id, r.applicant_type, ${cols}, r.received_on, r.seq
       FROM cases_requests r${straight} WHERE ${where.join(' AND ')}`,
        params
      )) {
        for (const v of batch) {
          const c: Entry = {
            row: {
              id: v[0] as string,
              organ: v[1] as string,
              channel: v[2] as Channel,
              applicant_id: v[3] as string,
              applicant_type: v[4] as string,
              applicant_name: v[5] as string | null,
              applicant_contact: v[6] as string | null,
              subject: v[7] as string | null,
              received_on: v[8] as string,
            },
            events: [],
            seq: Number(v[9]),
            lastEvent: 0,
          }
          if (out.length && (out[out.length - 1] as Entry).seq > c.seq) requestsInOrder = false
          out.push(c)
          byId.set(c.row.id, c)
        }
      }
    }
    if (!requestsInOrder) out.sort((x, y) => x.seq - y.seq)

    const ecols = 'e.request_id, e.seq, e.type, e.date, e.payload'
    const clauses = ['e.date <= ?']
    const eparams: SqlValue[] = [eventsUpTo]
    if (events === 'after_receipt') {
      // The receipt is rebuilt from the request row: one event row fewer to read per request.
      clauses.push("e.type <> 'received'")
      for (const c of out) c.events.push(receiptOf(c.row))
    } else if (events !== 'all') {
      clauses.push(`e.type IN (${events.map(() => '?').join(', ')})`)
      eparams.push(...events)
    }
    // Broad: every event by date (and type), matched to the requests read; narrow: those of the
    // requests of each part, through the index on request_id.
    const eventReads: [string, SqlValue[]][] = broad
      ? [[`SELECT ${ecols} FROM cases_events e${straight} WHERE ${clauses.join(' AND ')}`, eparams]]
      : parts.map(({ where, params }) => [
          `SELECT ${ecols} FROM cases_events e WHERE ${clauses.join(' AND ')}
           AND e.request_id IN (SELECT r.id FROM cases_requests r WHERE ${where.join(' AND ')})`,
          [...eparams, ...params],
        ])
    const collect = async (order: string): Promise<boolean> => {
      for (const [sql, p] of eventReads) {
        for await (const batch of read(`${sql}${order}`, p)) {
          for (const v of batch) {
            const c = byId.get(v[0] as string)
            if (!c) continue
            const seq = Number(v[1])
            if (seq < c.lastEvent) return false
            c.lastEvent = seq
            c.events.push(decodeEvent(v[2] as string, v[3] as string, v[4] as string | null))
          }
        }
      }
      return true
    }
    // SQLite returns a table's rows in insertion order, which is entry order; should a store not,
    // read again, sorted.
    if (!(await collect(''))) {
      for (const c of out) {
        c.events = events === 'after_receipt' ? [receiptOf(c.row)] : []
        c.lastEvent = 0
      }
      await collect(' ORDER BY e.request_id, e.seq')
    }
    return out
  }

  const organFilter = (
    organ: string | readonly string[] | undefined,
    where: string[],
    params: SqlValue[]
  ) => {
    if (organ === undefined) return
    const list = typeof organ === 'string' ? [organ] : [...organ]
    if (list.length === 0) {
      where.push('0 = 1')
      return
    }
    where.push(`r.organ IN (${list.map(() => '?').join(', ')})`)
    params.push(...list)
  }

  // How many requests a filter matches and, of them, how many the stored order cannot answer as of
  // `asOf` (keyed under other rules or never, or with a later event).
  const count = async (f: Filter, asOf: string): Promise<{ n: number; stale: number }> => {
    const r = await store.get<{ n: number; stale: number | null }>(
      `SELECT COUNT(*) AS n,
       SUM(CASE WHEN r.clock_basis = ? AND r.last_event_on <= ? THEN 0 ELSE 1 END) AS stale
       FROM cases_requests r WHERE ${f.where.join(' AND ')}`,
      [basis, asOf, ...f.params]
    )
    return { n: Number(r?.n ?? 0), stale: Number(r?.stale ?? 0) }
  }

  // The officers' list of open requests, one page of it: ordered in SQL by each row's stored order
  // key (see due-order.ts) through the cases_requests_due index, so only the page's rows and events
  // are read and only their clocks computed. Undefined when the stored keys cannot answer: a row
  // keyed under other rules, or with events after the as-of date (a list as of an earlier day, or
  // a request closed since), and the whole list is then computed as before.
  const openPage = async (
    [open, closedLater]: Filter[],
    asOf: string,
    view: RequestViewKind,
    offset: number,
    limit: number | undefined
  ) => {
    if (!open || !closedLater || (await count(closedLater, asOf)).n > 0) return undefined
    const { n: total, stale } = await count(open, asOf)
    if (stale > 0) return undefined
    const sql = `SELECT r.id FROM cases_requests r WHERE ${open.where.join(' AND ')}
       ORDER BY r.order_key, r.received_on, r.seq`
    const ids = (
      limit === undefined
        ? (await store.all<{ id: string }>(sql, open.params)).slice(offset)
        : await store.all<{ id: string }>(`${sql} LIMIT ? OFFSET ?`, [
            ...open.params,
            limit,
            offset,
          ])
    ).map((r) => r.id)
    if (ids.length === 0) return { items: [], total }
    // A page is read by id; a long list (no limit) by the list's own filter.
    const rows = await scan(
      ids.length <= PAGE_BY_ID
        ? [{ where: [`r.id IN (${ids.map(() => '?').join(', ')})`], params: ids }]
        : [open],
      asOf,
      view === 'officer',
      'after_receipt'
    )
    const byId = new Map(rows.map((r) => [r.row.id, r]))
    const items = ids.flatMap((id) => {
      const r = byId.get(id)
      return r ? [summary(r.row, r.events, asOf, view)] : []
    })
    return { items, total }
  }

  const cases: Cases = {
    config,
    engine,

    async add(input) {
      const r = parseNewRequest(input)
      checkOrgan(r.organ)
      const received = parseEvent(
        {
          type: 'received',
          date: r.received,
          channel: r.channel,
          [RECEIPT_FIELD[r.channel]]: r.received,
        },
        config.request
      )
      validateHistory(r.channel, [received], { ...historyOptions, today: today() })
      const now = new Date().toISOString()
      const id = await store.transaction((tx) => insertRequest(tx, r, [received], 'entered', now))
      return { id }
    },

    async appendEvent(id, raw) {
      return store.transaction(async (tx) => {
        const row = await getRequest(tx, id)
        const event = parseEvent(raw, config.request)
        const events = await getEvents(tx, id)
        const all = [...events, event]
        const history = validateHistory(row.channel, all, { ...historyOptions, today: today() })
        await tx.run(
          'INSERT INTO cases_events (request_id, seq, type, date, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
          [id, all.length, event.type, event.date, encodePayload(event), new Date().toISOString()]
        )
        await tx.run('UPDATE cases_requests SET closed_on = ? WHERE id = ?', [
          closedOn(history),
          id,
        ])
        const due = dueOrderOf(row.channel, history, dueOptions)
        await tx.run(SET_DUE_ORDER, [due.orderKey, due.lastEventOn, due.basis, id])
        return { id, index: history.indexOf(event), event }
      })
    },

    async show(id: string, options: ShowRequestOptions = {}) {
      const asOf = asOfOf(options.asOf)
      const view = options.view ?? 'officer'
      const row = await getRequest(store, id)
      const all = await getEvents(store, id)
      const s = summary(row, all, asOf, view)
      const seen = orderHistory(all).filter((e) => e.date <= asOf)
      if (view === 'public') {
        const pub: PublicRequestDetail = {
          ...(s as PublicRequestSummary),
          events: seen.map(toPublicEvent),
        }
        return pub as never
      }
      const detail: OfficerRequestDetail = { ...(s as OfficerRequestSummary), events: seen }
      if (seen.some((e) => e.type === 'fee_notified')) {
        const fee = feeOfEvents(seen, await positionOf(row))
        if (fee) detail.fee = fee
      }
      return detail as never
    },

    async list(options: ListRequestsOptions = {}) {
      const asOf = asOfOf(options.asOf)
      const view = options.view ?? 'officer'
      const status = options.status ?? 'open'
      const base = (): Filter => {
        const f: Filter = { where: ['r.received_on <= ?'], params: [asOf] }
        organFilter(options.organ, f.where, f.params)
        return f
      }
      const with_ = (clause: string, ...p: SqlValue[]): Filter => {
        const f = base()
        f.where.push(clause)
        f.params.push(...p)
        return f
      }
      let parts: Filter[]
      const offset = Math.max(0, Math.floor(options.offset ?? 0))
      const limit = options.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit))
      // Open = not closed, or closed after the as-of date: two disjoint reads, each answered by
      // the (organ, closed_on) index, where one OR would make SQLite scan the organ's requests.
      if (status === 'open') {
        parts = [with_('r.closed_on IS NULL'), with_('r.closed_on > ?', asOf)]
        const page = await openPage(parts, asOf, view, offset, limit)
        if (page) return page as never
      } else if (status === 'closed') parts = [with_('r.closed_on <= ?', asOf)]
      else if (status === 'all') parts = [base()]
      else throw badRequest('status', 'open, closed or all', status)
      const rows = await scan(parts, asOf, view === 'officer', 'after_receipt')
      // Open cases by due date, those without one after them, then closed ones; keys built once.
      const keyed = rows.map(({ row, events }) => {
        const item = summary(row, events, asOf, view)
        const c = item.clock
        const key = c.closedOn ? `2${c.closedOn}` : c.dueDate ? `0${c.dueDate}` : '1'
        return { key: `${key}|${item.received}`, item }
      })
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      const items = keyed.map((k) => k.item)
      const page = limit === undefined ? items.slice(offset) : items.slice(offset, offset + limit)
      return { items: page, total: items.length } as never
    },

    async fee(id, { mode, pages }) {
      if (mode === 'per_volume') {
        if (typeof pages !== 'number' || !Number.isInteger(pages) || pages < 1) {
          throw badRequest('pages', 'an integer ≥ 1 (per_volume)', pages)
        }
        await getRequest(store, id)
        return perVolumeFee(pages)
      }
      if (mode !== 'per_request') throw badRequest('mode', 'per_request or per_volume', mode)
      if (pages !== undefined) {
        throw badRequest('pages', 'no pages with per_request (按件 or 按量, never both)', pages)
      }
      return perRequestFee(await positionOf(await getRequest(store, id)))
    },

    async importCsv(input, { source = 'import' } = {}) {
      const { rows, errors } = parseRequestsCsv(input, { ...historyOptions, today: today() })
      const problems = [...errors]
      for (const { row, request } of rows) {
        try {
          checkOrgan(request.organ)
        } catch (err) {
          problems.push({ row, column: 'organ', message: (err as Error).message })
        }
        if (request.id !== undefined) {
          const taken = await store.get('SELECT 1 AS x FROM cases_requests WHERE id = ?', [
            request.id,
          ])
          if (taken)
            problems.push({ row, column: 'id', message: `request id ${request.id} is taken` })
        }
      }
      if (problems.length) {
        problems.sort((a, b) => a.row - b.row)
        return { ok: false, imported: 0, errors: problems }
      }
      const now = new Date().toISOString()
      const ids = await store.transaction(async (tx) => {
        const out: string[] = []
        for (const { request, events } of rows) {
          out.push(await insertRequest(tx, request, events, source, now))
        }
        return out
      })
      return { ok: true, imported: ids.length, ids }
    },

    async loadCases({ organs: only, upTo }) {
      checkDate(upTo, 'upTo')
      const where = ['r.received_on <= ?']
      const params: SqlValue[] = [upTo]
      organFilter(only, where, params)
      return (await scan([{ where, params }], upTo, false)).map(toCaseRecord)
    },

    async annualReport(input) {
      const { year } = input
      if (!Number.isInteger(year) || year < 1000 || year > 9999) {
        throw badRequest('year', 'a four-digit year', year)
      }
      const organsOfReport = [input.organ.id, ...(input.include ?? [])]
      const upTo = `${year}-12-31`
      const where = ['r.received_on <= ?']
      const params: SqlValue[] = [upTo]
      organFilter(organsOfReport, where, params)
      const loaded = await scan([{ where, params }], upTo, false, REPORT_EVENT_TYPES)
      return computeAnnualReport({
        year,
        organ: input.organ,
        include: input.include ?? [],
        cases: loaded.map(toCaseRecord),
        ...(input.contents ? { contents: input.contents } : {}),
        ...(input.declared ? { declared: input.declared } : {}),
        ...(input.text ? { text: input.text } : {}),
      })
    },
  }
  // Open requests stored before the list order existed, or under other rules, are keyed once.
  await refreshDueOrder(store, {
    ...dueOptions,
    load: async (ids) =>
      (
        await scan(
          [{ where: [`r.id IN (${ids.map(() => '?').join(', ')})`], params: ids }],
          '9999-12-31',
          false
        )
      ).map(({ row, events }) => ({ id: row.id, channel: row.channel, events })),
  })
  return cases
}
