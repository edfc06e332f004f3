import { existsSync } from 'node:fs'
import { bind, loadBindingRules, openContentIndex } from '@gongkai/linker'
import type { BindingRules, ContentItem } from '@gongkai/schema'
import type { Command } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { catalogueSelection, workspaceCatalogues } from '../workspace-catalogues.js'
import { refreshSearch } from '../workspace-search.js'
import { openWorkspaceStore } from '../workspace-store.js'

/** `gongkai link`: binds the imported content to catalogue entries and stores the bindings. */
export const linkCommand: Command = {
  name: 'link',
  summary: 'Bind imported content to catalogue entries (rules in bindings.json, then defaults)',
  usage: 'gongkai link [--rules <bindings.json>] [--min-confidence 0.5]',
  options: { rules: { type: 'string' }, 'min-confidence': { type: 'string' } },
  async run(ctx) {
    const { ws, store } = openWorkspaceStore(ctx)
    try {
      const rulesFile = (ctx.flags.rules as string | undefined) ?? ws.path(ws.config.paths.bindings)
      let rules: BindingRules | undefined
      if (existsSync(rulesFile)) {
        const loaded = await loadBindingRules(rulesFile)
        if (!loaded.ok) {
          for (const p of loaded.problems) ctx.io.err(`${p.file}#${p.pointer}: ${p.message}\n`)
          return ExitCode.failed
        }
        rules = loaded.rules
      }
      const minConfidence =
        ctx.flags['min-confidence'] === undefined ? undefined : Number(ctx.flags['min-confidence'])
      const { catalogues: all, problems: catalogueProblems } = await workspaceCatalogues({
        ...ctx,
        workspace: ws.root,
      })
      for (const p of catalogueProblems) ctx.io.err(`${p}\n`)
      // National ids in the rules stand for each field's top layer (the config's `layer`).
      const selected = catalogueSelection(all, ws.config, rules)
      const catalogues = selected.catalogues
      const index = await openContentIndex(store)
      const items: ContentItem[] = []
      for await (const item of index.all()) items.push(item)
      const result = await bind({
        catalogues,
        items,
        ...(selected.rules ? { rules: selected.rules } : {}),
        ...(minConfidence !== undefined && Number.isFinite(minConfidence) ? { minConfidence } : {}),
      })
      for (const p of result.problems) ctx.io.err(`${rulesFile}#${p.pointer}: ${p.message}\n`)
      await index.saveBindings(result)
      const byMethod: Record<string, number> = {}
      for (const b of result.bindings) byMethod[b.method] = (byMethod[b.method] ?? 0) + 1
      const summary = {
        items: items.length,
        bindings: result.bindings.length,
        byMethod,
        unbound: result.unbound.length,
        entriesWithoutContent: result.entriesWithoutContent.length,
        entries: catalogues.reduce((n, c) => n + c.entries.length, 0),
      }
      if (ctx.json) {
        ctx.io.out(
          `${JSON.stringify({ ok: result.problems.length === 0, ...summary, unboundUrls: result.unbound, entriesWithoutContent: result.entriesWithoutContent }, null, 2)}\n`
        )
      } else {
        ctx.io.out(
          `${summary.bindings} binding(s) for ${summary.items} item(s) (${Object.entries(byMethod)
            .map(([k, v]) => `${k} ${v}`)
            .join(
              ', '
            )})\n${summary.unbound} item(s) unbound; ${summary.entriesWithoutContent} catalogue entries have no content yet\n`
        )
      }
      // Bindings give documents their fields (the field= filter).
      await refreshSearch(ctx, ws, store, ['document'])
      return result.problems.length ? ExitCode.failed : ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
