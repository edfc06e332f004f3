import { todayInShanghai } from '@gongkai/calendar'
import { openAccessRequests } from '@gongkai/gateway'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { openWorkspaceStore } from '../workspace-store.js'

/**
 * `gongkai due-list`: what awaits an answer past its due date as of a day (`--as-of`, else today in
 * Shanghai). Today: applications for 有条件开放 data not decided within
 * `openData.conditionalAcceptDays` working days.
 */
export const dueListCommand: Command = {
  name: 'due-list',
  summary:
    'List what is past its due date: applications for 有条件开放 data undecided after openData.conditionalAcceptDays working days',
  usage: 'gongkai due-list [--as-of YYYY-MM-DD] [--json]',
  options: {},
  dates: true,
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const asOf = ctx.asOf ?? todayInShanghai()
    const { ws, store } = openWorkspaceStore(ctx)
    try {
      const requests = openAccessRequests(store, {
        now: () => new Date(),
        acceptDays: ws.config.openData.conditionalAcceptDays,
      })
      const overdue = await requests.overdue(asOf)
      const items = overdue.map((r) => ({
        kind: 'access_request',
        id: r.id,
        dataset: r.dataset,
        org: r.org,
        receivedAt: r.createdAt,
        dueDate: r.dueDate,
        provisional: r.dueProvisional,
      }))
      if (ctx.json) ctx.io.out(`${JSON.stringify({ asOf, items, total: items.length })}\n`)
      else if (items.length === 0) ctx.io.out(`nothing past its due date as of ${asOf}\n`)
      else
        for (const i of items)
          ctx.io.out(
            `${i.dueDate}\t有条件开放申请\t${i.id}\t${i.dataset}\t${i.org}${i.provisional ? '\t(provisional)' : ''}\n`
          )
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
