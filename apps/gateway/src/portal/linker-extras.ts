import {
  buildReport,
  type LinkCheckResult,
  type LinkStatus,
  openLinkCheckLog,
} from '@gongkai/linker'
import type { DepartmentFigures } from '@gongkai/portal'
import type { Binding, Catalogue, ContentItem } from '@gongkai/schema'
import type { Store } from '@gongkai/store'

/** The latest link check of a URL, as the pages show it. */
type PageLinkStatus = 'ok' | 'dead' | 'wrong'

/** What the pages take from @gongkai/linker beyond the gateway's content index. */
export interface LinkerExtras {
  /** Latest link status of each of `urls` (unreachable counts as not checked: it may be our network). */
  linkStatuses(urls: readonly string[]): Promise<Map<string, PageLinkStatus>>
  /** Coverage and timeliness per department from the linker's `buildReport`. */
  departments(input: {
    catalogues: readonly Catalogue[]
    items: ContentItem[]
    bindings: Binding[]
    today: string
  }): Promise<DepartmentFigures[]>
}

/** The linker's report and link-check log, for the pages. */
export async function loadLinkerExtras(store: Store): Promise<LinkerExtras> {
  const log = await openLinkCheckLog(store)
  const latest = async () => log.latest().catch(() => [] as LinkCheckResult[])
  return {
    async linkStatuses(urls) {
      const out = new Map<string, PageLinkStatus>()
      const found = await log.statuses(urls).catch(() => new Map<string, LinkStatus>())
      for (const [url, status] of found) {
        if (status === 'ok' || status === 'dead') out.set(url, status)
        else if (status === 'wrong_target') out.set(url, 'wrong')
      }
      return out
    },
    async departments(input) {
      const report = buildReport({ ...input, linkChecks: await latest() })
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
