import { existsSync } from 'node:fs'
import {
  formatCatalogueError,
  loadCatalogueDir,
  loadCatalogueFile,
  resolveCatalogues,
} from '@gongkai/catalogue'
import { layers as bundled } from '@gongkai/catalogues'
import type { Catalogue } from '@gongkai/schema'
import type { CommandContext } from './command.js'
import { openCliWorkspace } from './workspace-store.js'

/**
 * The bundled catalogues plus the workspace's own (which win on equal ids), every layer resolved
 * (a workspace file may extend a bundled layer), with load and resolution problems.
 */
export async function workspaceCatalogues(
  ctx: CommandContext
): Promise<{ catalogues: Catalogue[]; problems: string[] }> {
  const byId = new Map<string, Catalogue>(bundled.map((c) => [c.id, c]))
  const problems: string[] = []
  if (ctx.workspace) {
    const ws = openCliWorkspace(ctx, ctx.workspace)
    const dir = ws.path(ws.config.paths.catalogues)
    if (existsSync(dir)) {
      const loaded = await loadCatalogueDir(dir)
      for (const c of loaded.catalogues) byId.set(c.id, c)
      for (const e of loaded.errors) problems.push(formatCatalogueError(e))
    }
  }
  const resolved = resolveCatalogues([...byId.values()].sort((a, b) => a.id.localeCompare(b.id)))
  for (const e of resolved.errors) problems.push(formatCatalogueError(e))
  return { catalogues: resolved.catalogues, problems }
}

/** The catalogues no other one extends: each field's top layer, standalone catalogues, templates. */
export function topLayers(all: readonly Catalogue[]): Catalogue[] {
  const extended = new Set(all.flatMap((c) => (c.extends ? [c.extends.id] : [])))
  return all.filter((c) => !extended.has(c.id))
}

/** A catalogue by id (bundled or workspace) or by file path; undefined with a message when neither. */
export async function resolveCatalogue(
  ctx: CommandContext,
  ref: string
): Promise<{ catalogue?: Catalogue; error?: string }> {
  if (ref.endsWith('.json') || ref.includes('/')) {
    const r = await loadCatalogueFile(ref)
    if (!r.ok) return { error: r.errors.map(formatCatalogueError).join('\n') }
    return { catalogue: r.value }
  }
  const { catalogues } = await workspaceCatalogues(ctx)
  const c = catalogues.find((x) => x.id === ref)
  return c ? { catalogue: c } : { error: `no catalogue "${ref}" (see "gongkai catalogue list")` }
}

/**
 * The catalogues a workspace binds and reports on: those its bindings.json names, else those its
 * config names, else every top layer (the layers below it would repeat its entries). `link` and
 * `report` share it so their coverage figures agree.
 */
export function catalogueSelection(
  all: readonly Catalogue[],
  config: { catalogues: readonly string[] },
  rules?: { catalogues?: readonly string[] }
): Catalogue[] {
  const names = rules?.catalogues?.length ? rules.catalogues : config.catalogues
  if (!names.length) return topLayers(all)
  const wanted = new Set(names)
  return all.filter((c) => wanted.has(c.id))
}
