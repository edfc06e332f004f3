import {
  checkLinks,
  type LinkCheckResult,
  openContentIndex,
  openLinkCheckLog,
} from '@gongkai/linker'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { openWorkspaceStore } from '../workspace-store.js'

const positive = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} expects a positive whole number`)
  return n
}

/** `gongkai check-links`: checks every imported URL (断链 / 错链) and stores the results. */
export const checkLinksCommand: Command = {
  name: 'check-links',
  summary: 'Check every imported content URL for dead links (断链) and wrong targets (错链)',
  usage: 'gongkai check-links [--concurrency 16] [--per-host 4] [--timeout-ms 10000] [--retries 2]',
  options: {
    concurrency: { type: 'string' },
    'per-host': { type: 'string' },
    'timeout-ms': { type: 'string' },
    retries: { type: 'string' },
  },
  async run(ctx) {
    const concurrency = positive(ctx.flags.concurrency, 'concurrency')
    const perHost = positive(ctx.flags['per-host'], 'per-host')
    const timeoutMs = positive(ctx.flags['timeout-ms'], 'timeout-ms')
    const retries =
      ctx.flags.retries === undefined
        ? undefined
        : Number(ctx.flags.retries) >= 0
          ? Number(ctx.flags.retries)
          : NaN
    if (Number.isNaN(retries)) throw new UsageError('--retries expects a whole number ≥ 0')
    const { store } = openWorkspaceStore(ctx)
    try {
      const index = await openContentIndex(store)
      const log = await openLinkCheckLog(store)
      const titles = new Map<string, string>()
      const urls: string[] = []
      for await (const item of index.all()) {
        urls.push(item.url)
        if (item.title && item.title !== item.url) titles.set(item.url, item.title)
      }
      const progress = ctx.progress('checking links')
      progress.total(urls.length)
      const counts: Record<string, number> = { ok: 0, dead: 0, wrong_target: 0, unreachable: 0 }
      const bad: LinkCheckResult[] = []
      const results = checkLinks(urls, {
        expectedTitles: titles,
        ...(concurrency ? { concurrency } : {}),
        ...(perHost ? { perHost } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
        ...(retries !== undefined ? { retries } : {}),
        onResult: (r) => {
          counts[r.status] = (counts[r.status] ?? 0) + 1
          if (r.status !== 'ok') bad.push(r)
          progress.tick()
        },
      })
      const run = await log.save(results)
      progress.done()
      const changes = await log.changesSince()
      if (ctx.json) {
        ctx.io.out(
          `${JSON.stringify({ ok: bad.length === 0, run, counts, problems: bad, changes }, null, 2)}\n`
        )
      } else {
        for (const r of bad)
          ctx.io.out(`${r.status}\t${r.httpStatus ?? '-'}\t${r.url}\t${r.reason}\n`)
        ctx.io.out(
          `${urls.length} URL(s): ${counts.ok} ok, ${counts.dead} 断链, ${counts.wrong_target} 错链, ${counts.unreachable} unreachable for now\n`
        )
      }
      return counts.dead || counts.wrong_target ? ExitCode.failed : ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
