import { todayInShanghai } from '@gongkai/calendar'
import { createMailSender } from '@gongkai/gateway'
import { type Command, type CommandContext, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { openNoticeLog } from '../reminders/notice-log.js'
import { type RemindResult, runReminders } from '../reminders/run-reminders.js'
import type { WorkspaceCases } from '../workspace-cases.js'
import { workspaceDueItems } from '../workspace-due.js'
import { withWorkspaceCases } from './message.js'

/** One reminders run on an open workspace (the command, and the timer of `gongkai serve`). */
export async function remindOnce(
  ctx: CommandContext,
  w: WorkspaceCases,
  options: { asOf?: string; dryRun?: boolean } = {}
): Promise<RemindResult> {
  const config = w.ws.config.reminders
  const asOf = options.asOf ?? todayInShanghai()
  const items = await workspaceDueItems(ctx, w, {
    asOf,
    dueSoonWorkingDays: Math.max(0, ...config.dueSoonWorkingDays),
  })
  const log = await openNoticeLog(w.store)
  const mail = config.smtp && !options.dryRun ? createMailSender(config.smtp) : undefined
  try {
    return await runReminders({
      items,
      asOf,
      config,
      organs: w.organs,
      log,
      ...(mail ? { mail } : {}),
      dryRun: options.dryRun === true,
    })
  } finally {
    mail?.close()
  }
}

/** `gongkai remind`: sends the due-soon and overdue notices (for cron). */
export const remindCommand: Command = {
  name: 'remind',
  summary:
    'Send due-soon and overdue notices (webhook, e-mail) once per item and threshold; failures are retried with backoff',
  usage: 'gongkai remind [--dry-run] [--as-of YYYY-MM-DD] [--json]',
  options: { 'dry-run': { type: 'boolean' } },
  dates: true,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    return withWorkspaceCases(ctx, 'remind', async (w) => {
      const config = w.ws.config.reminders
      if (!config.webhook && !config.smtp)
        ctx.io.err(
          'gongkai remind: no reminders.webhook or reminders.smtp in the config: nothing is sent\n'
        )
      const r = await remindOnce(ctx, w, {
        ...(ctx.asOf ? { asOf: ctx.asOf } : {}),
        dryRun: ctx.flags['dry-run'] === true,
      })
      if (ctx.json) ctx.io.out(`${JSON.stringify(r, null, 2)}\n`)
      else {
        for (const n of r.notices)
          ctx.io.out(
            `${n.status.padEnd(13)} ${n.channel.padEnd(7)} ${n.threshold.padEnd(11)} ${n.kind} ${n.id} (${n.organ})${n.error ? `: ${n.error}` : ''}${n.nextAttemptAt ? `, next attempt ${n.nextAttemptAt}` : ''}\n`
          )
        ctx.io.out(`${r.sent} sent, ${r.failed} failed${r.dryRun ? ' (dry run)' : ''}\n`)
      }
      return r.failed ? ExitCode.failed : ExitCode.ok
    })
  },
}
