import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  formatCatalogueError,
  isLayer,
  loadCatalogueDir,
  loadCatalogueFile,
  resolveCatalogues,
  resolveCatalogue as resolveLayer,
} from '@gongkai/catalogue'
import {
  bottomToTop,
  layers as bundled,
  defaultLayerLevel,
  type LayerLevel,
  topLayersAt,
} from '@gongkai/catalogues'
import type { BindingRules, Catalogue, EntryRef } from '@gongkai/schema'
import type { CommandContext } from './command.js'
import { openCliWorkspace } from './workspace-store.js'

/** The catalogues a command sees: bundled and the workspace's own, as written and resolved. */
export interface WorkspaceCatalogues {
  /** Every catalogue resolved (a layer with its inherited entries), sorted by id. */
  catalogues: Catalogue[]
  /** The same catalogues as written (layers keep their operations), sorted by id. */
  layers: Catalogue[]
  /** The workspace's layer level (`layer` in its config; the default outside a workspace). */
  level: LayerLevel
  problems: string[]
}

/**
 * The bundled catalogues plus the workspace's own (which win on equal ids), every layer resolved
 * (a workspace file may extend a bundled layer), with load and resolution problems.
 */
export async function workspaceCatalogues(ctx: CommandContext): Promise<WorkspaceCatalogues> {
  const byId = new Map<string, Catalogue>(bundled.map((c) => [c.id, c]))
  const problems: string[] = []
  let level = defaultLayerLevel
  if (ctx.workspace) {
    const ws = openCliWorkspace(ctx, ctx.workspace)
    level = ws.config.layer
    const dir = ws.path(ws.config.paths.catalogues)
    if (existsSync(dir)) {
      const loaded = await loadCatalogueDir(dir)
      for (const c of loaded.catalogues) byId.set(c.id, c)
      for (const e of loaded.errors) problems.push(formatCatalogueError(e))
    }
  }
  const layers = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))
  const resolved = resolveCatalogues(layers)
  for (const e of resolved.errors) problems.push(formatCatalogueError(e))
  return { catalogues: resolved.catalogues, layers, level, problems }
}

const isPath = (ref: string) => ref.endsWith('.json') || ref.includes('/')

/**
 * A catalogue as written, by id (bundled or workspace) or by file path, with the catalogues it
 * may extend (`all`, loaded when not given); undefined with a message when neither.
 */
export async function rawCatalogue(
  ctx: CommandContext,
  ref: string,
  loaded?: WorkspaceCatalogues
): Promise<{ catalogue?: Catalogue; error?: string; all: WorkspaceCatalogues }> {
  const all = loaded ?? (await workspaceCatalogues(ctx))
  if (isPath(ref)) {
    const r = await loadCatalogueFile(resolve(ctx.io.cwd, ref))
    if (!r.ok) return { error: r.errors.map(formatCatalogueError).join('\n'), all }
    return { catalogue: r.value, all }
  }
  const c = all.layers.find((x) => x.id === ref)
  return c
    ? { catalogue: c, all }
    : { error: `no catalogue "${ref}" (see "gongkai catalogue list")`, all }
}

/**
 * A catalogue resolved, by id (bundled or workspace) or by file path: a layer file is resolved on
 * the bundled and workspace catalogues it extends (`loaded`, read when not given). Undefined with
 * a message when it cannot be.
 */
export async function resolveCatalogue(
  ctx: CommandContext,
  ref: string,
  loaded?: WorkspaceCatalogues
): Promise<{ catalogue?: Catalogue; error?: string }> {
  const { catalogue, error, all } = await rawCatalogue(ctx, ref, loaded)
  if (!catalogue) return { error }
  if (!isPath(ref)) {
    const c = all.catalogues.find((x) => x.id === ref)
    if (c) return { catalogue: c }
  }
  if (!isLayer(catalogue)) return { catalogue }
  const byId = new Map(all.layers.map((c) => [c.id, c]))
  const r = resolveLayer(catalogue.id, (id) => (id === catalogue.id ? catalogue : byId.get(id)))
  if (!r.ok) return { error: r.errors.map(formatCatalogueError).join('\n') }
  return { catalogue: r.value }
}

/** What `link`, `report` and seeding work on. */
export interface CatalogueSelection {
  catalogues: Catalogue[]
  /** The binding rules with every national id replaced by its field's top layer. */
  rules?: BindingRules
}

/**
 * The catalogues a workspace binds and reports on: those its bindings.json names, else those its
 * config names, else each field's layer at the config's `layer` (the layers below would repeat
 * its entries) with every standalone catalogue and the workspace's own. A national id in either
 * list or in a rule's entry stands for its field's top layer, so bindings written against the
 * national tables bind to the layer the workspace uses (entries keep their ids across layers).
 * `link`, `report` and seeding share it so their figures agree.
 */
export function catalogueSelection(
  all: readonly Catalogue[],
  config: { catalogues: readonly string[]; layer?: LayerLevel },
  rules?: BindingRules
): CatalogueSelection {
  const level = config.layer ?? defaultLayerLevel
  const top = bottomToTop(all, level)
  const to = (id: string) => top.get(id) ?? id
  const ref = (r: EntryRef): EntryRef => ({ ...r, catalogue: to(r.catalogue) })
  const retargeted: BindingRules | undefined = rules && {
    ...rules,
    ...(rules.catalogues ? { catalogues: [...new Set(rules.catalogues.map(to))] } : {}),
    ...(rules.rules ? { rules: rules.rules.map((r) => ({ ...r, entry: ref(r.entry) })) } : {}),
    ...(rules.manual ? { manual: rules.manual.map((m) => ({ ...m, entry: ref(m.entry) })) } : {}),
    ...(rules.exclusions
      ? {
          exclusions: rules.exclusions.map((x) => (x.entry ? { ...x, entry: ref(x.entry) } : x)),
        }
      : {}),
  }
  const names = retargeted?.catalogues?.length ? retargeted.catalogues : config.catalogues.map(to)
  const catalogues = names.length
    ? all.filter((c) => new Set(names).has(c.id))
    : topLayersAt(all, level)
  return { catalogues, ...(retargeted ? { rules: retargeted } : {}) }
}
