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

/** Options of {@link loadLinkerExtras}. */
export interface LinkerExtrasOptions {
  /** Where a failed read is reported (default: one JSON line on stderr). */
  report?: (line: string) => void
}

/**
 * The linker's report and link-check log, for the pages. A failed read of the log (a locked or
 * failing store) leaves the page without link statuses rather than failing it, but is never
 * swallowed: it is reported once per failure streak as one JSON line, and the next request reads
 * again (nothing is remembered).
 */
export async function loadLinkerExtras(
  store: Store,
  options: LinkerExtrasOptions = {}
): Promise<LinkerExtras> {
  const log = await openLinkCheckLog(store)
  const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`))
  const failing = new Set<string>()
  const guarded = async <T>(event: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      const value = await read()
      failing.delete(event)
      return value
    } catch (err) {
      if (!failing.has(event)) {
        failing.add(event)
        report(
          JSON.stringify({
            time: new Date().toISOString(),
            level: 'error',
            event,
            message: (err as Error)?.message ?? String(err),
          })
        )
      }
      return fallback
    }
  }
  const latest = () => guarded('link_checks_failed', () => log.latest(), [] as LinkCheckResult[])
  return {
    async linkStatuses(urls) {
      const out = new Map<string, PageLinkStatus>()
      const found = await guarded(
        'link_statuses_failed',
        () => log.statuses(urls),
        new Map<string, LinkStatus>()
      )
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
