import type { ContentItem } from '@gongkai/schema'
import { parseHtmlPage } from './html-page.js'
import { toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import type { SourceReaderOptions } from './source-options.js'

/** Options of {@link crawlSite}. */
export interface CrawlOptions extends SourceReaderOptions {
  /** Link depth from the start page (default 3). */
  maxDepth?: number
  /** Pages fetched at most (default 1000). */
  maxPages?: number
  /** Pages fetched at once (default 4). */
  concurrency?: number
  /** Import list pages too, not only pages with document metadata (default false). */
  allPages?: boolean
}

// Attachments and media are not pages: they are neither parsed nor followed.
const NOT_PAGE =
  /\.(?:pdf|docx?|xlsx?|pptx?|wps|zip|rar|7z|jpe?g|png|gif|bmp|svg|mp4|mp3|avi|flv|css|js|json|xml|txt|ofd)$/i

/**
 * Crawls a live site breadth-first from `start`, same host only, bounded in depth, pages and
 * concurrency, and streams its document pages as content items.
 */
export async function* crawlSite(
  start: string,
  options: CrawlOptions
): AsyncGenerator<ContentItem> {
  const maxDepth = options.maxDepth ?? 3
  const maxPages = options.maxPages ?? 1000
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const host = new URL(start).host
  const seen = new Set<string>([start])
  const queue: { url: string; depth: number }[] = [{ url: start, depth: 0 }]
  let fetched = 0
  let active = 0
  const ready: ContentItem[] = []
  let wake: (() => void) | undefined
  const signal = () => {
    wake?.()
    wake = undefined
  }

  const visit = async (url: string, depth: number) => {
    try {
      const page = await parseHtmlPage(readText(url, options), url)
      if (depth < maxDepth) {
        for (const link of page.links) {
          const u = new URL(link)
          if (u.host !== host || NOT_PAGE.test(u.pathname) || seen.has(u.href)) continue
          seen.add(u.href)
          queue.push({ url: u.href, depth: depth + 1 })
        }
      }
      if (page.isDocument || options.allPages) {
        const item = toContentItem({ ...page.raw, url }, { file: url }, options.onProblem)
        if (item) ready.push(item)
      }
    } catch (e) {
      options.onProblem({ file: url, message: `cannot fetch: ${(e as Error).message}` })
    }
  }

  const pump = () => {
    while (active < concurrency && queue.length > 0 && fetched < maxPages) {
      const next = queue.shift() as { url: string; depth: number }
      fetched++
      active++
      void visit(next.url, next.depth).finally(() => {
        active--
        pump()
        signal()
      })
    }
  }

  pump()
  for (;;) {
    while (ready.length > 0) {
      const item = ready.shift() as ContentItem
      options.onItem?.(item.url)
      yield item
    }
    if (active === 0 && (queue.length === 0 || fetched >= maxPages)) return
    await new Promise<void>((resolve) => {
      wake = resolve
    })
  }
}
