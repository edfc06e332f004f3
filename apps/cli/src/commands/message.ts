import { MESSAGE_EVENT_TYPES, type OfficerMessage } from '@gongkai/cases'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { refreshSearch } from '../workspace-search.js'
import { required, str, withWorkspaceCases } from './command-flags.js'

export { withWorkspaceCases }

const out = (ctx: CommandContext, value: unknown) =>
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`)

/** One line of a message with its clock. */
function messageLine(m: OfficerMessage): string {
  const c = m.clock
  const state =
    c.status === 'open'
      ? `due ${c.dueDate}${c.provisional ? ' (provisional)' : ''}, ${c.workingDaysLeft} working day(s) left${c.overdue ? ', OVERDUE' : ''}`
      : `${c.status} ${c.answeredOn ?? c.closedOn}${c.overdue ? ' (late)' : ''}${m.published ? ', published' : ''}`
  return `${m.id.padEnd(20)} ${m.organ.padEnd(16)} ${m.received} ${m.channel.padEnd(13)} ${m.simple ? 'simple ' : ''}${state}`
}

/** `gongkai message add`: records a 政民互动 message and starts its 5 (simple: 1) working-day clock. */
export const messageAddCommand: Command = {
  name: 'message add',
  summary:
    'Record a 政民互动 message (website, 12345, 信箱): 5 working days to answer, 1 if simple',
  usage:
    'gongkai message add --org <organ> --channel website|hotline_12345|mailbox|other --received <YYYY-MM-DD> [--simple] [--question <text>] [--sender <text>] [--id <id>] [--json]',
  options: {
    org: { type: 'string' },
    channel: { type: 'string' },
    received: { type: 'string' },
    simple: { type: 'boolean' },
    question: { type: 'string' },
    sender: { type: 'string' },
    id: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const input: Record<string, unknown> = {
      organ: required(ctx, 'org', 'district-gov'),
      channel: required(ctx, 'channel', 'website'),
      received: required(ctx, 'received', '2021-09-29'),
    }
    if (ctx.flags.simple === true) input.simple = true
    for (const k of ['question', 'sender', 'id']) {
      const v = str(ctx, k)
      if (v !== undefined) input[k] = v
    }
    return withWorkspaceCases(ctx, 'message add', async ({ messages }) => {
      const { id } = await messages.add(input)
      if (ctx.json) out(ctx, { id })
      else ctx.io.out(`added ${id}\n`)
      return ExitCode.ok
    })
  },
}

/** `gongkai message event <id> <type>`: transferred, answered or closed. */
export const messageEventCommand: Command = {
  name: 'message event',
  summary:
    'Append an event to a message: transferred (--organ), answered (--text, --publish), closed',
  usage: `gongkai message event <id> <type> --date <YYYY-MM-DD> [--organ <organ>] [--text <answer> [--publish]] [--reason <text>] [--json]
types: ${MESSAGE_EVENT_TYPES.filter((t) => t !== 'received').join(', ')}`,
  options: {
    date: { type: 'string' },
    organ: { type: 'string' },
    text: { type: 'string' },
    publish: { type: 'boolean' },
    reason: { type: 'string' },
  },
  async run(ctx) {
    const [id, type, ...extra] = ctx.args
    if (!id || !type || extra.length)
      throw new UsageError(
        'give a message id and an event type, e.g. message event ly-2021-000001 answered'
      )
    const event: Record<string, unknown> = { type, date: required(ctx, 'date', '2021-10-08') }
    for (const k of ['organ', 'text', 'reason']) {
      const v = str(ctx, k)
      if (v !== undefined) event[k] = v
    }
    // An answer is published only when asked: --publish; never by default.
    if (type === 'answered') event.publish = ctx.flags.publish === true
    else if (ctx.flags.publish !== undefined)
      throw new UsageError('--publish goes with answered only')
    return withWorkspaceCases(ctx, 'message event', async ({ messages, ws, store }) => {
      const r = await messages.appendEvent(id, event)
      // The search index follows the published answers (the portal's /zmhd), as after a REST write.
      await refreshSearch(ctx, ws, store, ['answer'])
      if (ctx.json) out(ctx, r)
      else ctx.io.out(`${id}: ${r.event.type} on ${r.event.date} recorded (#${r.index})\n`)
      return ExitCode.ok
    })
  },
}

/** `gongkai message show <id>`: the message, its events and its clock. */
export const messageShowCommand: Command = {
  name: 'message show',
  summary: 'Show a message with its events and clock (due date, working days left, overdue)',
  usage: 'gongkai message show <id> [--as-of YYYY-MM-DD] [--json]',
  dates: true,
  async run(ctx) {
    const [id, ...extra] = ctx.args
    if (!id || extra.length) throw new UsageError('give one message id')
    return withWorkspaceCases(ctx, 'message show', async ({ messages }) => {
      const m = await messages.show(id, ctx.asOf ? { asOf: ctx.asOf } : {})
      if (ctx.json) {
        out(ctx, m)
        return ExitCode.ok
      }
      ctx.io.out(`${messageLine(m)}\n`)
      if (m.question) ctx.io.out(`question: ${m.question}\n`)
      for (const e of m.events) {
        const { type, date, ...rest } = e as Record<string, unknown>
        const more = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : ''
        ctx.io.out(`  ${date} ${type}${more}\n`)
      }
      return ExitCode.ok
    })
  },
}

/** `gongkai message list`: open messages by due date (or ended, or all). */
export const messageListCommand: Command = {
  name: 'message list',
  summary: 'List messages with their clocks: open ones by due date first',
  usage:
    'gongkai message list [--org <organ>] [--status open|ended|all] [--as-of YYYY-MM-DD] [--json]',
  options: { org: { type: 'string' }, status: { type: 'string' } },
  dates: true,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const status = str(ctx, 'status') ?? 'open'
    if (status !== 'open' && status !== 'ended' && status !== 'all')
      throw new UsageError(`--status expects open, ended or all, got "${status}"`)
    return withWorkspaceCases(ctx, 'message list', async ({ messages, organs }) => {
      const org = str(ctx, 'org')
      if (org !== undefined && !organs.some((o) => o.id === org))
        throw new UsageError(
          `--org ${org}: not an organ of the config's organs[] (gongkai.config.json)`
        )
      const r = await messages.list({
        status,
        ...(org ? { organ: org } : {}),
        ...(ctx.asOf ? { asOf: ctx.asOf } : {}),
      })
      if (ctx.json) out(ctx, r)
      else {
        for (const m of r.items) ctx.io.out(`${messageLine(m)}\n`)
        ctx.io.out(`${r.total} message(s)\n`)
      }
      return ExitCode.ok
    })
  },
}
