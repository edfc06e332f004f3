import { todayInShanghai } from '@gongkai/calendar'
import { openAccessRequests } from '@gongkai/gateway'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { workspaceDueItems } from '../workspace-due.js'
import { withWorkspaceCases } from './message.js'

const KIND_LABELS: Record<string, string> = {
  request_reply: '依申请公开答复',
  request_registration: '依申请公开登记',
  message: '政民互动留言',
  consultation_feedback: '意见征集反馈',
  catalogue_entry: '目录事项',
  access_request: '有条件开放申请',
}

/**
 * `gongkai due-list`: everything due soon or overdue as of a day (`--as-of`, else today in
 * Shanghai), per organ: request replies and registrations, messages, consultation feedback and
 * catalogue entries within `--due-soon-days` working days (default: the largest of
 * `reminders.dueSoonWorkingDays`) or past due, and applications for 有条件开放 data undecided after
 * `openData.conditionalAcceptDays` working days.
 */
export const dueListCommand: Command = {
  name: 'due-list',
  summary:
    'List what is due soon or overdue: request replies and registrations, messages, consultation feedback, catalogue entries, 有条件开放 applications',
  usage:
    'gongkai due-list [--org <organ>] [--due-soon-days N] [--as-of YYYY-MM-DD] [--json]\n(N defaults to the largest of reminders.dueSoonWorkingDays)',
  options: { org: { type: 'string' }, 'due-soon-days': { type: 'string' } },
  dates: true,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const raw = ctx.flags['due-soon-days']
    if (raw !== undefined && !/^\d{1,3}$/.test(String(raw)))
      throw new UsageError(`--due-soon-days expects a whole number, got "${raw}"`)
    const asOf = ctx.asOf ?? todayInShanghai()
    return withWorkspaceCases(ctx, 'due-list', async (w) => {
      const org = typeof ctx.flags.org === 'string' ? ctx.flags.org : undefined
      if (org !== undefined && !w.organs.some((o) => o.id === org))
        throw new UsageError(
          `--org ${org}: not an organ of the config's organs[] (gongkai.config.json)`
        )
      const soon =
        raw !== undefined ? Number(raw) : Math.max(0, ...w.ws.config.reminders.dueSoonWorkingDays)
      const due = await workspaceDueItems(ctx, w, {
        asOf,
        dueSoonWorkingDays: soon,
        ...(org ? { organ: org } : {}),
      })
      // Copies as plain records: access requests add their own fields (dataset, org, receivedAt).
      const items: Record<string, unknown>[] &
        { kind: string; id: string; organ: string; dueDate: string }[] = due.map((i) => ({ ...i }))
      // Applications for 有条件开放 data belong to an organisation, not an organ: listed without --org.
      if (org === undefined) {
        const access = openAccessRequests(w.store, {
          now: () => new Date(),
          acceptDays: w.ws.config.openData.conditionalAcceptDays,
        })
        for (const r of await access.overdue(asOf)) {
          items.push({
            kind: 'access_request',
            id: r.id,
            organ: r.org,
            dueDate: r.dueDate,
            workingDaysLeft: w.cases.engine.workingDaysBetween(asOf, r.dueDate),
            overdue: true,
            dataset: r.dataset,
            org: r.org,
            receivedAt: r.createdAt,
            provisional: r.dueProvisional,
          })
        }
      }
      if (ctx.json) ctx.io.out(`${JSON.stringify({ asOf, items, total: items.length }, null, 2)}\n`)
      else if (items.length === 0)
        ctx.io.out(`nothing due soon or past its due date as of ${asOf}\n`)
      else {
        for (const i of items)
          ctx.io.out(
            `${i.dueDate}\t${KIND_LABELS[i.kind] ?? i.kind}\t${i.id}\t${i.kind === 'access_request' ? `${i.dataset}\t${i.org}` : i.organ}\t${i.overdue ? `overdue by ${-(i.workingDaysLeft as number)} working day(s)` : `${i.workingDaysLeft} working day(s) left`}\n`
          )
        ctx.io.out(`${items.length} item(s) due soon or overdue as of ${asOf}\n`)
      }
      return ExitCode.ok
    })
  },
}
