import type { Binding, Catalogue, ContentItem } from '@gongkai/schema'
import type { Store } from '@gongkai/store'
import { loadModule } from '../integrations/load-module.js'
import type { DepartmentFigures } from './portal-source'

/** The latest link check of a URL, as the pages show it. */
export type PageLinkStatus = 'ok' | 'dead' | 'wrong'

interface LinkResult {
  url: string
  status: 'ok' | 'dead' | 'wrong_target' | 'unreachable'
}

interface GroupSummary {
  entries: number
  covered: number
  counted: number
  onTime: number
  dead: number
  wrongTarget: number
}

interface LinkerModule {
  buildReport(input: {
    catalogues: readonly Catalogue[]
    items: Iterable<ContentItem>
    bindings: Iterable<Binding>
    linkChecks?: Iterable<LinkResult>
    today: string
  }): { departments: { name: string; summary: GroupSummary }[] }
  openLinkCheckLog(store: Store): Promise<{ latest(): Promise<LinkResult[]> }>
}

/** What the pages take from @gongkai/linker beyond the gateway's content index. */
export interface LinkerExtras {
  /** Latest link status by URL (unreachable counts as not checked: it may be our network). */
  linkStatuses(): Promise<Map<string, PageLinkStatus>>
  /** Coverage and timeliness per department from the linker's `buildReport`. */
  departments(input: {
    catalogues: readonly Catalogue[]
    items: ContentItem[]
    bindings: Binding[]
    today: string
  }): Promise<DepartmentFigures[]>
}

/** Loads the linker's report and link-check log when the package is built; undefined otherwise. */
export async function loadLinkerExtras(store: Store): Promise<LinkerExtras | undefined> {
  const mod = await loadModule<LinkerModule>('@gongkai/linker', ['buildReport', 'openLinkCheckLog'])
  if (!mod) return undefined
  const log = await mod.openLinkCheckLog(store)
  const latest = async () => log.latest().catch(() => [] as LinkResult[])
  return {
    async linkStatuses() {
      const out = new Map<string, PageLinkStatus>()
      for (const r of await latest()) {
        if (r.status === 'ok' || r.status === 'dead') out.set(r.url, r.status)
        else if (r.status === 'wrong_target') out.set(r.url, 'wrong')
      }
      return out
    },
    async departments(input) {
      const report = mod.buildReport({ ...input, linkChecks: await latest() })
      return report.departments.map((d) => ({
        department: d.name,
        entries: d.summary.entries,
        covered: d.summary.covered,
        onTime: d.summary.onTime,
        due: d.summary.counted,
        brokenLinks: d.summary.dead + d.summary.wrongTarget,
      }))
    },
  }
}
