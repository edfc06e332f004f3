import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { todayInShanghai } from '@gongkai/calendar'
import {
  buildReport,
  loadBindingRules,
  openContentIndex,
  openLinkCheckLog,
  reportToCsv,
  reportToHtml,
  reportToJson,
} from '@gongkai/linker'
import type { ContentItem } from '@gongkai/schema'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { shownPath } from '../shown-path.js'
import { catalogueSelection, workspaceCatalogues } from '../workspace-catalogues.js'
import { openWorkspaceStore } from '../workspace-store.js'

/** `gongkai report`: coverage, timeliness, freshness, links and due-soon, for the openness assessment. */
export const reportCommand: Command = {
  name: 'report',
  summary:
    'Coverage, on-time rate, freshness, broken links and due-soon per catalogue, entry and department',
  usage:
    'gongkai report [--format json|csv|html] [--out <file>] [--as-of YYYY-MM-DD] [--due-soon-days 10]',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    'due-soon-days': { type: 'string' },
  },
  dates: true,
  async run(ctx) {
    const format = (ctx.flags.format as string | undefined) ?? 'json'
    if (!['json', 'csv', 'html'].includes(format))
      throw new UsageError('--format expects json, csv or html')
    // The reporting day: what is overdue, fresh or due soon is counted up to it.
    const today = ctx.asOf ?? todayInShanghai()
    const dueSoon =
      ctx.flags['due-soon-days'] === undefined ? undefined : Number(ctx.flags['due-soon-days'])
    if (dueSoon !== undefined && !(Number.isInteger(dueSoon) && dueSoon >= 0)) {
      throw new UsageError('--due-soon-days expects a whole number')
    }
    const { ws, store } = openWorkspaceStore(ctx)
    try {
      const { catalogues: all } = await workspaceCatalogues({ ...ctx, workspace: ws.root })
      const rulesFile = ws.path(ws.config.paths.bindings)
      const loaded = existsSync(rulesFile) ? await loadBindingRules(rulesFile) : undefined
      const { catalogues } = catalogueSelection(
        all,
        ws.config,
        loaded?.ok ? loaded.rules : undefined
      )
      const index = await openContentIndex(store)
      const log = await openLinkCheckLog(store)
      const items: ContentItem[] = []
      for await (const item of index.all()) items.push(item)
      const report = buildReport({
        catalogues,
        items,
        bindings: await index.bindings(),
        linkChecks: await log.latest(),
        today,
        ...(dueSoon !== undefined ? { params: { dueSoonWorkingDays: dueSoon } } : {}),
      })
      const text =
        format === 'csv'
          ? reportToCsv(report)
          : format === 'html'
            ? reportToHtml(report)
            : reportToJson(report)
      const out = ctx.flags.out as string | undefined
      if (out) {
        const file = resolve(ctx.io.cwd, out)
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, text)
        ctx.io.err(`wrote ${shownPath(ctx.io.cwd, file)}\n`)
      } else ctx.io.out(text)
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
