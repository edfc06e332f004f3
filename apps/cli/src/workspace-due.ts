import { existsSync } from 'node:fs'
import { type DueItem, dueItems, sortDueItems } from '@gongkai/cases'
import { buildReport, loadBindingRules, openContentIndex, openLinkCheckLog } from '@gongkai/linker'
import type { ContentItem } from '@gongkai/schema'
import type { CommandContext } from './command.js'
import type { WorkspaceCases } from './workspace-cases.js'
import { catalogueSelection, workspaceCatalogues } from './workspace-catalogues.js'

/** Options of {@link workspaceDueItems}. */
export interface WorkspaceDueOptions {
  asOf: string
  /** Working days left at which an item counts as due soon. */
  dueSoonWorkingDays: number
  /** Only this organ's items. */
  organ?: string
}

/**
 * Everything due soon or overdue in the workspace: requests, messages and consultations from the
 * store, and catalogue entries from the linker's report (its `dueSoon`, computed the way `gongkai
 * report` does). A catalogue entry's organ is the organ whose id or name is one of its
 * 责任主体; an entry no organ answers for keeps the first 责任主体's name as its organ.
 */
export async function workspaceDueItems(
  ctx: CommandContext,
  w: WorkspaceCases,
  options: WorkspaceDueOptions
): Promise<DueItem[]> {
  const items = await dueItems(w, {
    asOf: options.asOf,
    dueSoonWorkingDays: options.dueSoonWorkingDays,
    ...(options.organ ? { organ: options.organ } : {}),
  })
  for (const e of await catalogueDue(ctx, w, options)) {
    if (options.organ === undefined || e.organ === options.organ) items.push(e)
  }
  return sortDueItems(items)
}

async function catalogueDue(
  ctx: CommandContext,
  w: WorkspaceCases,
  options: WorkspaceDueOptions
): Promise<DueItem[]> {
  const { catalogues: all } = await workspaceCatalogues({ ...ctx, workspace: w.ws.root })
  if (all.length === 0) return []
  const rulesFile = w.ws.path(w.ws.config.paths.bindings)
  const loaded = existsSync(rulesFile) ? await loadBindingRules(rulesFile) : undefined
  const { catalogues } = catalogueSelection(all, w.ws.config, loaded?.ok ? loaded.rules : undefined)
  const index = await openContentIndex(w.store)
  const log = await openLinkCheckLog(w.store)
  const contents: ContentItem[] = []
  for await (const item of index.all()) contents.push(item)
  const report = buildReport({
    catalogues,
    items: contents,
    bindings: await index.bindings(),
    linkChecks: await log.latest(),
    today: options.asOf,
    params: { dueSoonWorkingDays: options.dueSoonWorkingDays },
  })
  const organOf = (bodies: readonly string[]): string => {
    for (const b of bodies) {
      const o = w.organs.find((x) => x.id === b || x.name === b)
      if (o) return o.id
    }
    return bodies[0] ?? ''
  }
  return report.dueSoon.map((e) => ({
    kind: 'catalogue_entry' as const,
    id: `${e.catalogue}/${e.entry}`,
    organ: organOf(e.responsibleBodies),
    dueDate: e.due,
    workingDaysLeft: e.workingDaysLeft,
    overdue: e.workingDaysLeft < 0,
  }))
}
