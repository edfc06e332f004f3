import { parse } from 'csv-parse/sync'
import { type BadRequestDetails, CasesError, type ImpossibleHistoryDetails } from './cases-error.js'
import { parseEvent } from './parse-event.js'
import { type NewRequest, parseNewRequest } from './parse-request.js'
import type { RequestEvent } from './request-event.js'
import { type ValidateHistoryOptions, validateHistory } from './validate-history.js'
import { RECEIPT_FIELD } from './vocabulary.js'

/**
 * Columns of `request import` (carried-over requests from a previous system), UTF-8 CSV with a
 * header line, in any order; empty cells count as absent. Dates are `YYYY-MM-DD`.
 *
 * | column | required | meaning |
 * |---|---|---|
 * | `id` | no | the previous system's id (letters, digits, `_ . -`); generated when empty |
 * | `organ` | yes | organ id (`organs[].id`) |
 * | `channel` | yes | `in_person`, `letter`, `registered_mail`, `online` or `fax` |
 * | `applicant_type` | yes | `natural_person`, `commercial`, `research`, `public_interest`, `legal_services` or `other` |
 * | `applicant_id` | yes | the applicant's stable id (fees count per id and month) |
 * | `applicant_name` | no | personal data: officers only |
 * | `applicant_contact` | no | personal data: officers only |
 * | `subject` | no | the information asked for |
 * | `received` | yes | Art. 31 receipt date |
 * | `registered` | no | date registered |
 * | `correction_requested` | no | date of the correction notice |
 * | `correction_late_reason` | no | reason for a notice later than 7 working days (marks it `late`) |
 * | `correction_received` | no | date the corrected request arrived |
 * | `extended` | no | date of the extension |
 * | `extension_days` | no | working days of the extension (default `request.extensionDays`) |
 * | `extension_approver` | with `extended` | who approved it |
 * | `replied` | no | date of the reply |
 * | `outcome` | with `replied` | §3.9 reply code, e.g. `granted`, `refused.state_secret` |
 * | `withdrawn` | no | date of the withdrawal |
 *
 * Later steps (consultations, fees, reviews) are appended as events after the import.
 */
export const IMPORT_COLUMNS = [
  'id',
  'organ',
  'channel',
  'applicant_type',
  'applicant_id',
  'applicant_name',
  'applicant_contact',
  'subject',
  'received',
  'registered',
  'correction_requested',
  'correction_late_reason',
  'correction_received',
  'extended',
  'extension_days',
  'extension_approver',
  'replied',
  'outcome',
  'withdrawn',
] as const

const REQUIRED = ['organ', 'channel', 'applicant_type', 'applicant_id', 'received'] as const

/** A problem of an import, located by CSV line (`row`, the header is 1) and column name. */
export interface ImportProblem {
  row: number
  column: string
  message: string
}

/** One parsed and validated row. */
export interface ImportedRow {
  row: number
  request: NewRequest
  events: RequestEvent[]
}

// Cells that only mean something next to another one.
const DEPENDENT = [
  ['outcome', 'replied'],
  ['extension_days', 'extended'],
  ['extension_approver', 'extended'],
  ['correction_late_reason', 'correction_requested'],
] as const

const REQUEST_COLUMN: Readonly<Record<string, string>> = {
  id: 'id',
  organ: 'organ',
  channel: 'channel',
  'applicant.id': 'applicant_id',
  'applicant.type': 'applicant_type',
  'applicant.name': 'applicant_name',
  'applicant.contact': 'applicant_contact',
  subject: 'subject',
  received: 'received',
}

const EVENT_COLUMN: Readonly<Record<string, string>> = {
  received: 'received',
  registered: 'registered',
  correction_requested: 'correction_requested',
  correction_received: 'correction_received',
  extended: 'extended',
  replied: 'replied',
  withdrawn: 'withdrawn',
}

const PAYLOAD_COLUMN: Readonly<Record<string, string>> = {
  workingDays: 'extension_days',
  approver: 'extension_approver',
  outcome: 'outcome',
  reason: 'correction_late_reason',
}

/**
 * Parses and validates an import file without touching the store: every row's request and its
 * events (checked as a whole history), and every problem found, each with its line and column.
 */
export function parseRequestsCsv(
  input: string | Uint8Array,
  options: ValidateHistoryOptions
): { rows: ImportedRow[]; errors: ImportProblem[] } {
  const errors: ImportProblem[] = []
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input)
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
    }) as unknown as typeof records
  } catch (err) {
    const e = err as Error & { lines?: number }
    return { rows: [], errors: [{ row: e.lines ?? 1, column: '', message: e.message }] }
  }
  const header = records[0]?.record.map((h) => h.trim()) ?? []
  if (header.length === 0)
    return {
      rows: [],
      errors: [{ row: 1, column: '', message: 'empty file: expected a header line' }],
    }
  header.forEach((h) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(h)) {
      errors.push({
        row: 1,
        column: h,
        message: `unknown column; expected some of ${IMPORT_COLUMNS.join(', ')}`,
      })
    }
  })
  for (const c of REQUIRED) {
    if (!header.includes(c)) errors.push({ row: 1, column: c, message: 'required column missing' })
  }
  if (errors.length) return { rows: [], errors }

  const rows: ImportedRow[] = []
  const ids = new Map<string, number>()
  for (const { record, info } of records.slice(1)) {
    const row = info.lines
    const cell = (c: string): string | undefined => {
      const i = header.indexOf(c)
      const v = i < 0 ? undefined : record[i]?.trim()
      return v === '' ? undefined : v
    }
    let current = 'request'
    let eventColumns: string[] = []
    try {
      const request = parseNewRequest({
        id: cell('id'),
        organ: cell('organ'),
        channel: cell('channel'),
        applicant: {
          id: cell('applicant_id'),
          type: cell('applicant_type'),
          name: cell('applicant_name'),
          contact: cell('applicant_contact'),
        },
        subject: cell('subject'),
        received: cell('received'),
      })
      if (request.id !== undefined) {
        const seen = ids.get(request.id)
        if (seen !== undefined) {
          errors.push({
            row,
            column: 'id',
            message: `id ${request.id} already used on line ${seen}`,
          })
          continue
        }
        ids.set(request.id, row)
      }
      current = 'events'
      for (const [dependent, on] of DEPENDENT) {
        if (cell(dependent) !== undefined && cell(on) === undefined) {
          throw new CasesError('bad_request', `${dependent} is given without ${on}`, {
            parameter: dependent,
            expected: `empty unless ${on} is given`,
            actual: cell(dependent),
          })
        }
      }
      const raw: [string, Record<string, unknown>][] = [
        [
          'received',
          {
            type: 'received',
            date: request.received,
            channel: request.channel,
            [RECEIPT_FIELD[request.channel]]: request.received,
          },
        ],
      ]
      const at = (column: string, extra: Record<string, unknown> = {}) => {
        const date = cell(column)
        if (date !== undefined) raw.push([column, { type: column, date, ...extra }])
      }
      at('registered')
      const reason = cell('correction_late_reason')
      at('correction_requested', reason ? { late: true, reason } : {})
      at('correction_received')
      const days = cell('extension_days')
      at('extended', {
        approver: cell('extension_approver'),
        workingDays: days === undefined ? undefined : Number(days),
      })
      at('replied', { outcome: cell('outcome') })
      at('withdrawn')
      eventColumns = raw.map(([c]) => c)
      const events = raw.map(([column, e]) => {
        current = column
        return parseEvent(e, options.config)
      })
      current = 'history'
      validateHistory(request.channel, events, options)
      rows.push({ row, request, events })
    } catch (err) {
      if (!(err instanceof CasesError)) throw err
      errors.push({ row, column: columnOf(err, current, eventColumns), message: err.message })
    }
  }
  return { rows, errors }
}

function columnOf(err: CasesError, stage: string, eventColumns: string[]): string {
  if (err.code === 'bad_request') {
    const p = (err.details as BadRequestDetails).parameter
    if (stage === 'request') return REQUEST_COLUMN[p] ?? p
    if (stage === 'events') return p
    return PAYLOAD_COLUMN[p] ?? (p === 'date' ? stage : p)
  }
  if (err.code === 'impossible_history') {
    const d = err.details as ImpossibleHistoryDetails
    if (d.rule === 'unknown_outcome' || d.rule.startsWith('outcome_')) return 'outcome'
    return EVENT_COLUMN[d.event.type] ?? eventColumns[0] ?? ''
  }
  return ''
}
