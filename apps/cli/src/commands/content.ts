import { resolve } from 'node:path'
import { type ContentFormat, importContent, openContentIndex } from '@gongkai/linker'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { refreshSearch } from '../workspace-search.js'
import { openWorkspaceStore } from '../workspace-store.js'

const formats = ['sitemap', 'rss', 'atom', 'csv', 'json', 'html'] as const

/** `gongkai content import <file|folder|url>…`: published content items into the workspace store. */
export const contentImportCommand: Command = {
  name: 'content import',
  summary: 'Import published content (sitemap, RSS/Atom, CMS CSV/JSON export, HTML folder or site)',
  usage:
    'gongkai content import <file|folder|url>… [--format sitemap|rss|atom|csv|json|html] [--map field=列名 …] [--max-pages N]',
  options: {
    format: { type: 'string' },
    map: { type: 'string', multiple: true },
    'max-pages': { type: 'string' },
  },
  async run(ctx) {
    if (ctx.args.length === 0) throw new UsageError('give at least one file, folder or URL')
    const format = ctx.flags.format as ContentFormat | undefined
    if (format && !formats.includes(format as (typeof formats)[number])) {
      throw new UsageError(`--format expects one of ${formats.join(', ')}`)
    }
    const mapping: Record<string, string> = {}
    for (const m of (ctx.flags.map as string[] | undefined) ?? []) {
      const i = m.indexOf('=')
      if (i <= 0) throw new UsageError(`--map expects field=列名, got "${m}"`)
      mapping[m.slice(0, i)] = m.slice(i + 1)
    }
    const maxPages =
      ctx.flags['max-pages'] === undefined ? undefined : Number(ctx.flags['max-pages'])
    if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
      throw new UsageError('--max-pages expects a positive whole number')
    }
    const { ws, store } = openWorkspaceStore(ctx)
    try {
      const index = await openContentIndex(store)
      const report = []
      let problems = 0
      for (const arg of ctx.args) {
        const source = /^https?:\/\//.test(arg) ? arg : resolve(ctx.io.cwd, arg)
        const progress = ctx.progress(`importing ${arg}`)
        const items = importContent(source, {
          ...(format ? { format } : {}),
          ...(Object.keys(mapping).length ? { mapping } : {}),
          ...(maxPages ? { maxPages } : {}),
        })
        // The progress bar counts items as they stream into the store.
        let seen = 0
        const counted = (async function* () {
          for await (const item of items) {
            seen++
            progress.tick()
            yield item
          }
        })()
        const r = await index.upsert(counted, { source: arg })
        progress.done()
        problems += items.problemCount
        for (const p of items.problems) {
          const where = [p.file, p.line, p.element].filter((x) => x !== undefined).join(':')
          ctx.io.err(`${where}: ${p.message}\n`)
        }
        report.push({
          source: arg,
          format: items.format,
          items: seen,
          ...r,
          problems: items.problemCount,
        })
      }
      await refreshSearch(ctx, ws, store, ['document'])
      if (ctx.json)
        ctx.io.out(`${JSON.stringify({ ok: problems === 0, sources: report }, null, 2)}\n`)
      else {
        for (const r of report) {
          ctx.io.out(
            `${r.source} (${r.format}): ${r.items} item(s), ${r.inserted} new, ${r.updated} updated${r.problems ? `, ${r.problems} problem(s)` : ''}\n`
          )
        }
        ctx.io.out(`${await index.count()} item(s) in the workspace\n`)
      }
      return problems ? ExitCode.failed : ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
