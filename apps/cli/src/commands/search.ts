import { buildApp } from '@gongkai/gateway'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { workspaceDeps } from '../workspace-search.js'
import { openWorkspaceStore } from '../workspace-store.js'

const filters = ['type', 'field', 'organ', 'year', 'limit', 'cursor'] as const

// The fragments are HTML for the portal; a terminal shows the match between 【】 instead.
const plain = (html: string) =>
  html
    .replace(/<mark>/g, '【')
    .replace(/<\/mark>/g, '】')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

/** `gongkai search <text>`: the portal's search from the command line (the API's answer with --json). */
export const searchCommand: Command = {
  name: 'search',
  summary: 'Search entries, documents, datasets and answers of the workspace (ranked)',
  usage:
    'gongkai search <text…> [--type entry|document|dataset|answer] [--field <code>] [--organ <id|name>] [--year YYYY] [--limit N] [--cursor <next>]',
  options: Object.fromEntries(filters.map((f) => [f, { type: 'string' as const }])),
  async run(ctx) {
    const q = ctx.args.join(' ').trim()
    if (!q) throw new UsageError('give the text to search for')
    const { ws, store } = openWorkspaceStore(ctx)
    try {
      const app = buildApp(await workspaceDeps(ctx, ws, store))
      const params = new URLSearchParams({ q })
      for (const f of filters) {
        const v = ctx.flags[f]
        if (typeof v === 'string') params.set(f, v)
      }
      // The same parameters, checks and answer as GET /api/v1/search.
      const res = await app.request(`/api/v1/search?${params}`)
      const body = (await res.json()) as {
        error?: { message: string }
        items: {
          type: string
          title: string
          url: string
          score: number
          highlights: { field: string; fragments: string[] }[]
        }[]
        total: number
        next: string | null
        didYouMean?: string
      }
      if (res.status === 400) throw new UsageError(body.error?.message ?? 'bad search parameters')
      if (res.status !== 200) {
        ctx.io.err(`search failed: HTTP ${res.status} ${body.error?.message ?? ''}\n`)
        return ExitCode.failed
      }
      if (ctx.json) {
        ctx.io.out(`${JSON.stringify(body, null, 2)}\n`)
        return ExitCode.ok
      }
      if (body.didYouMean) ctx.io.out(`did you mean: ${body.didYouMean}\n`)
      body.items.forEach((item, i) => {
        ctx.io.out(`${i + 1}. [${item.type}] ${item.title}\n   ${item.url}\n`)
        const other = item.highlights.find((h) => h.field !== 'title')
        if (other) ctx.io.out(`   ${other.field}: ${plain(other.fragments[0] ?? '')}\n`)
      })
      ctx.io.out(
        `${body.items.length} of ${body.total} result(s)${body.next ? ` (next page: --cursor ${body.next})` : ''}\n`
      )
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}

/** `gongkai search reindex`: rebuilds the search index in the store from the workspace. */
export const searchReindexCommand: Command = {
  name: 'search reindex',
  summary: 'Rebuild the search index from the catalogues, imported content and published datasets',
  usage: 'gongkai search reindex',
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError('search reindex takes no arguments')
    const { ws, store } = openWorkspaceStore(ctx)
    try {
      const deps = await workspaceDeps(ctx, ws, store)
      const started = performance.now()
      const result = await deps.search.refresh()
      const index = await deps.search.index()
      const ms = Math.round(performance.now() - started)
      if (ctx.json)
        ctx.io.out(`${JSON.stringify({ ok: true, size: index.size(), ms, ...result }, null, 2)}\n`)
      else {
        for (const [type, r] of Object.entries(result))
          ctx.io.out(
            `${type}: ${r.added} added, ${r.updated} updated, ${r.removed} removed, ${r.unchanged} unchanged\n`
          )
        ctx.io.out(`search index: ${index.size()} item(s)\n`)
      }
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
