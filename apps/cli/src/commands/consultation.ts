import { CONSULTATION_EVENT_TYPES, type OfficerConsultation } from '@gongkai/cases'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { required, str, withWorkspaceCases } from './command-flags.js'

const count = (ctx: CommandContext, name: string): number | undefined => {
  const v = str(ctx, name)
  if (v === undefined) return undefined
  if (!/^\d{1,8}$/.test(v)) throw new UsageError(`--${name} expects a whole number, got "${v}"`)
  return Number(v)
}

// Repeated text flags (--text, --reason) arrive as a string or a list.
const list = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)]

const out = (ctx: CommandContext, value: unknown) =>
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`)

function consultationLine(c: OfficerConsultation): string {
  const k = c.clock
  const state = k.dueDate
    ? k.feedbackPublishedOn
      ? `feedback published ${k.feedbackPublishedOn}${k.overdue ? ' (late)' : ''}`
      : `feedback due ${k.dueDate}, ${k.workingDaysLeft} working day(s) left${k.overdue ? ', OVERDUE' : ''}`
    : `${k.status} ${c.opened}–${c.closes}`
  return `${c.id.padEnd(20)} ${c.organ.padEnd(16)} ${String(c.opinions.total).padStart(5)} opinion(s)  ${state}  ${c.title}`
}

/** `gongkai consultation add`: a 意见征集 on a draft document. */
export const consultationAddCommand: Command = {
  name: 'consultation add',
  summary: 'Record a 意见征集 on a draft document (opened, closes)',
  usage:
    'gongkai consultation add --org <organ> --title <text> --opened <YYYY-MM-DD> --closes <YYYY-MM-DD> [--id <id>] [--json]',
  options: {
    org: { type: 'string' },
    title: { type: 'string' },
    opened: { type: 'string' },
    closes: { type: 'string' },
    id: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const input: Record<string, unknown> = {
      organ: required(ctx, 'org', 'district-gov'),
      title: required(ctx, 'title', '《…（征求意见稿）》'),
      opened: required(ctx, 'opened', '2021-03-01'),
      closes: required(ctx, 'closes', '2021-03-31'),
    }
    const id = str(ctx, 'id')
    if (id !== undefined) input.id = id
    return withWorkspaceCases(ctx, 'consultation add', async ({ consultations }) => {
      const r = await consultations.add(input)
      if (ctx.json) out(ctx, r)
      else ctx.io.out(`added ${r.id}\n`)
      return ExitCode.ok
    })
  },
}

/** `gongkai consultation event <id> <type>`: opinions, the issued document, the feedback. */
export const consultationEventCommand: Command = {
  name: 'consultation event',
  summary:
    'Append to a consultation: opinions_received (--channel --count [--text …]), document_issued (--content-id), feedback_published (--collected --adopted --reason …)',
  usage: `gongkai consultation event <id> <type> --date <YYYY-MM-DD> [--channel <c> --count N [--text <opinion>]…] [--content-id <id>] [--collected N --adopted N [--reason <text>]…] [--json]
types: ${CONSULTATION_EVENT_TYPES.filter((t) => t !== 'opened').join(', ')}`,
  options: {
    date: { type: 'string' },
    channel: { type: 'string' },
    count: { type: 'string' },
    text: { type: 'string', multiple: true },
    'content-id': { type: 'string' },
    collected: { type: 'string' },
    adopted: { type: 'string' },
    reason: { type: 'string', multiple: true },
  },
  async run(ctx) {
    const [id, type, ...extra] = ctx.args
    if (!id || !type || extra.length)
      throw new UsageError(
        'give a consultation id and an event type, e.g. consultation event zj-2021-000001 document_issued'
      )
    const event: Record<string, unknown> = { type, date: required(ctx, 'date', '2021-04-28') }
    const channel = str(ctx, 'channel')
    if (channel !== undefined) event.channel = channel
    const n = count(ctx, 'count')
    if (n !== undefined) event.count = n
    const texts = list(ctx.flags.text)
    if (texts) event.texts = texts
    const contentId = str(ctx, 'content-id')
    if (contentId !== undefined) event.contentId = contentId
    const collected = count(ctx, 'collected')
    if (collected !== undefined) event.collected = collected
    const adopted = count(ctx, 'adopted')
    if (adopted !== undefined) event.adopted = adopted
    const reasons = list(ctx.flags.reason)
    if (reasons) event.notAdoptedReasons = reasons
    return withWorkspaceCases(ctx, 'consultation event', async ({ consultations }) => {
      const r = await consultations.appendEvent(id, event)
      if (ctx.json) out(ctx, r)
      else ctx.io.out(`${id}: ${r.event.type} on ${r.event.date} recorded (#${r.index})\n`)
      return ExitCode.ok
    })
  },
}

/** `gongkai consultation show <id>`. */
export const consultationShowCommand: Command = {
  name: 'consultation show',
  summary: 'Show a consultation: opinions by channel, issued document, feedback and its clock',
  usage: 'gongkai consultation show <id> [--as-of YYYY-MM-DD] [--json]',
  dates: true,
  async run(ctx) {
    const [id, ...extra] = ctx.args
    if (!id || extra.length) throw new UsageError('give one consultation id')
    return withWorkspaceCases(ctx, 'consultation show', async ({ consultations }) => {
      const c = await consultations.show(id, ctx.asOf ? { asOf: ctx.asOf } : {})
      if (ctx.json) out(ctx, c)
      else {
        ctx.io.out(`${consultationLine(c)}\n`)
        for (const [ch, n] of Object.entries(c.opinions.byChannel)) ctx.io.out(`  ${ch}: ${n}\n`)
        if (c.document) ctx.io.out(`issued ${c.document.issued}: ${c.document.contentId}\n`)
        if (c.feedback)
          ctx.io.out(`feedback: collected ${c.feedback.collected}, adopted ${c.feedback.adopted}\n`)
      }
      return ExitCode.ok
    })
  },
}

/** `gongkai consultation list`. */
export const consultationListCommand: Command = {
  name: 'consultation list',
  summary: 'List consultations: open (collecting), pending (feedback not yet published) or all',
  usage:
    'gongkai consultation list [--org <organ>] [--status open|pending|all] [--as-of YYYY-MM-DD] [--json]',
  options: { org: { type: 'string' }, status: { type: 'string' } },
  dates: true,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const status = str(ctx, 'status') ?? 'all'
    if (status !== 'open' && status !== 'pending' && status !== 'all')
      throw new UsageError(`--status expects open, pending or all, got "${status}"`)
    return withWorkspaceCases(ctx, 'consultation list', async ({ consultations, organs }) => {
      const org = str(ctx, 'org')
      if (org !== undefined && !organs.some((o) => o.id === org))
        throw new UsageError(
          `--org ${org}: not an organ of the config's organs[] (gongkai.config.json)`
        )
      const r = await consultations.list({
        status,
        ...(org ? { organ: org } : {}),
        ...(ctx.asOf ? { asOf: ctx.asOf } : {}),
      })
      if (ctx.json) out(ctx, r)
      else {
        for (const c of r.items) ctx.io.out(`${consultationLine(c)}\n`)
        ctx.io.out(`${r.total} consultation(s)\n`)
      }
      return ExitCode.ok
    })
  },
}
