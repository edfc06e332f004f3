import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { EVENT_TYPES, type OfficerRequestSummary, type RequestEvent } from '@gongkai/cases'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { required, str, withWorkspaceCases as withCases } from './command-flags.js'

const integer = (ctx: CommandContext, name: string): number | undefined => {
  const v = str(ctx, name)
  if (v === undefined) return undefined
  if (!/^\d{1,6}$/.test(v)) throw new UsageError(`--${name} expects a whole number, got "${v}"`)
  return Number(v)
}

const out = (ctx: CommandContext, value: unknown) =>
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`)

/** One line of a request with its clock, for the text outputs. */
function clockLine(s: OfficerRequestSummary): string {
  const c = s.clock
  const due = c.dueDate
    ? `due ${c.dueDate}${c.provisional ? ' (provisional)' : ''}, ${c.workingDaysLeft} working day(s) left${c.overdue ? ', OVERDUE' : ''}`
    : c.paused
      ? 'paused (no due date)'
      : s.outcome
        ? `closed: ${s.outcome}`
        : `${s.status} (no due date)`
  const reg = c.registrationDue ? `, register by ${c.registrationDue}` : ''
  return `${s.id.padEnd(20)} ${s.organ.padEnd(16)} ${s.received} ${s.status.padEnd(20)} ${due}${reg}`
}

/** `gongkai request add`: records a new 依申请公开 request and its Art. 31 receipt. */
export const requestAddCommand: Command = {
  name: 'request add',
  summary: 'Record a 依申请公开 request (its receipt date starts the 20-working-day clock)',
  usage:
    'gongkai request add --org <organ> --channel in_person|letter|registered_mail|online|fax --applicant-type natural_person|commercial|research|public_interest|legal_services|other --applicant-id <id> [--applicant-name <name>] [--contact <text>] [--subject <text>] --received <YYYY-MM-DD> [--json]',
  options: {
    org: { type: 'string' },
    channel: { type: 'string' },
    'applicant-type': { type: 'string' },
    'applicant-id': { type: 'string' },
    'applicant-name': { type: 'string' },
    contact: { type: 'string' },
    subject: { type: 'string' },
    received: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const applicant: Record<string, string> = {
      id: required(ctx, 'applicant-id', 'a-001'),
      type: required(ctx, 'applicant-type', 'natural_person'),
    }
    const name = str(ctx, 'applicant-name')
    const contact = str(ctx, 'contact')
    if (name !== undefined) applicant.name = name
    if (contact !== undefined) applicant.contact = contact
    const input: Record<string, unknown> = {
      organ: required(ctx, 'org', 'district-gov'),
      channel: required(ctx, 'channel', 'online'),
      applicant,
      received: required(ctx, 'received', '2021-09-24'),
    }
    const subject = str(ctx, 'subject')
    if (subject !== undefined) input.subject = subject
    return withCases(ctx, 'request add', async ({ cases }) => {
      const { id } = await cases.add(input)
      if (ctx.json) out(ctx, { id })
      else ctx.io.out(`added ${id}\n`)
      return ExitCode.ok
    })
  },
}

// Flags of `request event` and the payload field each fills.
const EVENT_FLAGS = {
  outcome: 'outcome',
  'working-days': 'workingDays',
  approver: 'approver',
  late: 'late',
  reason: 'reason',
  party: 'party',
  mode: 'mode',
  pages: 'pages',
  result: 'result',
  kind: 'kind',
  channel: 'channel',
} as const

/** `gongkai request event <id> <type>`: appends one event after checking the whole history. */
export const requestEventCommand: Command = {
  name: 'request event',
  summary:
    'Append an event to a request (registered, extended, replied …); impossible histories fail',
  usage: `gongkai request event <id> <type> --date <YYYY-MM-DD> [--outcome <code>] [--working-days N --approver <name>] [--late --reason <text>] [--party third_party|organ] [--mode per_request|per_volume --pages N] [--result upheld|corrected|other] [--kind direct|after_review] [--json]
types: ${EVENT_TYPES.join(', ')}`,
  options: {
    date: { type: 'string' },
    outcome: { type: 'string' },
    'working-days': { type: 'string' },
    approver: { type: 'string' },
    late: { type: 'boolean' },
    reason: { type: 'string' },
    party: { type: 'string' },
    mode: { type: 'string' },
    pages: { type: 'string' },
    result: { type: 'string' },
    kind: { type: 'string' },
    channel: { type: 'string' },
  },
  async run(ctx) {
    const [id, type, ...extra] = ctx.args
    if (!id || !type || extra.length)
      throw new UsageError(
        'give a request id and an event type, e.g. request event ysq-2021-000001 registered'
      )
    const event: Record<string, unknown> = { type, date: required(ctx, 'date', '2021-09-26') }
    for (const [flag, field] of Object.entries(EVENT_FLAGS)) {
      const v = ctx.flags[flag]
      if (v === undefined) continue
      event[field] = flag === 'working-days' || flag === 'pages' ? integer(ctx, flag) : v
    }
    return withCases(ctx, 'request event', async ({ cases }) => {
      const r = await cases.appendEvent(id, event)
      if (ctx.json) out(ctx, r)
      else ctx.io.out(`${id}: ${r.event.type} on ${r.event.date} recorded (#${r.index})\n`)
      return ExitCode.ok
    })
  },
}

/** `gongkai request show <id>`: the request, its events, its clock and fee. */
export const requestShowCommand: Command = {
  name: 'request show',
  summary: 'Show a request with its events, clock (due date, working days left) and fee',
  usage: 'gongkai request show <id> [--as-of YYYY-MM-DD] [--json]',
  dates: true,
  async run(ctx) {
    const [id, ...extra] = ctx.args
    if (!id || extra.length) throw new UsageError('give one request id')
    return withCases(ctx, 'request show', async ({ cases }) => {
      const r = await cases.show(id, ctx.asOf ? { asOf: ctx.asOf } : {})
      if (ctx.json) {
        out(ctx, r)
        return ExitCode.ok
      }
      ctx.io.out(`${clockLine(r)}\n`)
      if (r.subject) ctx.io.out(`subject: ${r.subject}\n`)
      ctx.io.out(`applicant: ${r.applicant.type} ${r.applicant.id}\n`)
      for (const e of r.events) {
        const { type, date, ...rest } = e as RequestEvent & Record<string, unknown>
        const more = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : ''
        ctx.io.out(`  ${date} ${type}${more}\n`)
      }
      if (r.fee) ctx.io.out(`fee: ${r.fee.totalYuan} yuan (${r.fee.mode})\n`)
      return ExitCode.ok
    })
  },
}

/** `gongkai request list`: open requests by due date (or closed, or all). */
export const requestListCommand: Command = {
  name: 'request list',
  summary: 'List requests with their clocks: open ones by due date first',
  usage:
    'gongkai request list [--org <organ>] [--status open|closed|all] [--as-of YYYY-MM-DD] [--json]',
  options: { org: { type: 'string' }, status: { type: 'string' } },
  dates: true,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const status = str(ctx, 'status') ?? 'open'
    if (status !== 'open' && status !== 'closed' && status !== 'all')
      throw new UsageError(`--status expects open, closed or all, got "${status}"`)
    return withCases(ctx, 'request list', async ({ cases, organs }) => {
      const org = str(ctx, 'org')
      if (org !== undefined && !organs.some((o) => o.id === org))
        throw new UsageError(
          `--org ${org}: not an organ of the config's organs[] (gongkai.config.json)`
        )
      const r = await cases.list({
        status,
        ...(org ? { organ: org } : {}),
        ...(ctx.asOf ? { asOf: ctx.asOf } : {}),
      })
      if (ctx.json) out(ctx, r)
      else {
        for (const s of r.items) ctx.io.out(`${clockLine(s)}\n`)
        ctx.io.out(`${r.total} request(s)\n`)
      }
      return ExitCode.ok
    })
  },
}

/** `gongkai request fee <id>`: what the request costs under 国办函〔2020〕109号. */
export const requestFeeCommand: Command = {
  name: 'request fee',
  summary:
    'Compute a request’s 信息处理费 (国办函〔2020〕109号): per request (by the month) or per volume',
  usage: 'gongkai request fee <id> --mode per_request|per_volume [--pages N] [--json]',
  options: { mode: { type: 'string' }, pages: { type: 'string' } },
  async run(ctx) {
    const [id, ...extra] = ctx.args
    if (!id || extra.length) throw new UsageError('give one request id')
    const mode = required(ctx, 'mode', 'per_request')
    if (mode !== 'per_request' && mode !== 'per_volume')
      throw new UsageError(`--mode expects per_request or per_volume, got "${mode}"`)
    const pages = integer(ctx, 'pages')
    return withCases(ctx, 'request fee', async ({ cases }) => {
      const fee = await cases.fee(id, pages === undefined ? { mode } : { mode, pages })
      if (ctx.json) out(ctx, fee)
      else {
        for (const l of fee.lines)
          ctx.io.out(`${l.from}–${l.to}: ${l.count} × ${l.unitYuan} = ${l.amountYuan} yuan\n`)
        ctx.io.out(`total ${fee.totalYuan} yuan\n`)
      }
      return ExitCode.ok
    })
  },
}

/** `gongkai request import <csv>`: carried-over requests from a previous system, all rows or none. */
export const requestImportCommand: Command = {
  name: 'request import',
  summary: 'Import carried-over requests from CSV (all rows or none; columns in the cases README)',
  usage: 'gongkai request import <file.csv> [--json]',
  async run(ctx) {
    const [file, ...extra] = ctx.args
    if (!file || extra.length) throw new UsageError('give one CSV file')
    let bytes: Uint8Array
    try {
      bytes = readFileSync(resolve(ctx.io.cwd, file))
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`)
    }
    return withCases(ctx, 'request import', async ({ cases }) => {
      const r = await cases.importCsv(bytes, { source: `import:${file}` })
      if (ctx.json) out(ctx, r)
      if (!r.ok) {
        for (const e of r.errors) ctx.io.err(`${file}:${e.row}: ${e.column}: ${e.message}\n`)
        ctx.io.err(`nothing imported: ${r.errors.length} problem(s)\n`)
        return ExitCode.failed
      }
      if (!ctx.json) ctx.io.out(`imported ${r.imported} request(s)\n`)
      return ExitCode.ok
    })
  },
}
