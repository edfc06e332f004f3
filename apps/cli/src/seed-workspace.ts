import { cpSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogues } from '@gongkai/catalogues'
import { bind, importContent, loadBindingRules, openContentIndex } from '@gongkai/linker'
import type { ContentItem } from '@gongkai/schema'
import type { Workspace } from '@gongkai/store'

/** The sample data shipped with the CLI (fictional 示例区 content, bindings and datasets). */
export const samplesDir = fileURLToPath(new URL('../samples/', import.meta.url))

/** What seeding put into a workspace. */
export interface SeedReport {
  contentItems: number
  bindings: number
  problems: string[]
}

/** Copies the sample files into a new workspace (never over the officer's own files). */
export function copySamples(ws: Workspace): string[] {
  const copied: string[] = []
  const copy = (from: string, to: string) => {
    if (existsSync(to)) return
    cpSync(from, to, { recursive: true })
    copied.push(to)
  }
  for (const f of readdirSync(join(samplesDir, 'content'))) {
    copy(join(samplesDir, 'content', f), join(ws.path(ws.config.paths.content), f))
  }
  for (const d of readdirSync(join(samplesDir, 'datasets'))) {
    copy(join(samplesDir, 'datasets', d), join(ws.path(ws.config.paths.datasets), d))
  }
  return copied
}

/** Imports the workspace's content files and binds them, so a new portal shows real links at once. */
export async function seedContent(ws: Workspace): Promise<SeedReport> {
  const store = ws.openStore()
  const problems: string[] = []
  try {
    const index = await openContentIndex(store)
    const dir = ws.path(ws.config.paths.content)
    for (const f of existsSync(dir) ? readdirSync(dir).sort() : []) {
      const items = importContent(join(dir, f))
      await index.upsert(items, { source: f })
      for (const p of items.problems) problems.push(`${p.file}:${p.line ?? ''} ${p.message}`)
    }
    const rulesFile = ws.path(ws.config.paths.bindings)
    const loaded = existsSync(rulesFile) ? await loadBindingRules(rulesFile) : undefined
    if (loaded && !loaded.ok)
      for (const p of loaded.problems) problems.push(`${p.file}#${p.pointer}: ${p.message}`)
    const all: ContentItem[] = []
    for await (const item of index.all()) all.push(item)
    const result = await bind({
      catalogues: [...catalogues],
      items: all,
      ...(loaded?.ok ? { rules: loaded.rules } : {}),
    })
    await index.saveBindings(result)
    return { contentItems: all.length, bindings: result.bindings.length, problems }
  } finally {
    await store.close()
  }
}
