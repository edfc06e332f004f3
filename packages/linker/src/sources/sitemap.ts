import type { ContentItem } from '@gongkai/schema'
import { toContentItem } from './raw-item.js'
import { readText, resolveRef } from './read-source.js'
import type { SourceReaderOptions } from './source-options.js'
import { xmlRecords } from './xml-records.js'

/** Options of {@link readSitemap}. */
export interface SitemapOptions extends SourceReaderOptions {
  /** How deep sitemap indexes may nest (default 3). */
  maxDepth?: number
}

const first = (m: Map<string, string[]>, ...keys: string[]) => {
  for (const k of keys) {
    const v = m.get(k)?.[0]
    if (v) return v
  }
  return undefined
}

/**
 * Streams the pages of a sitemap (urlset) or sitemap index (children followed, local or http).
 * `lastmod` becomes `publishedAt`. A sitemap names no titles, so the title is the Google News
 * or image title when present, else the URL itself: an HTML import of the same URL later
 * replaces it (see `ContentIndex.upsert`).
 */
export async function* readSitemap(
  source: string,
  options: SitemapOptions,
  depth = 0,
  seen: Set<string> = new Set()
): AsyncGenerator<ContentItem> {
  if (seen.has(source)) {
    options.onProblem({ file: source, message: 'sitemap index refers to itself (loop), skipped' })
    return
  }
  seen.add(source)
  const children: { loc: string; line: number }[] = []
  let root = ''
  try {
    for await (const rec of xmlRecords(readText(source, options), {
      file: source,
      records: ['url', 'sitemap'],
      onProblem: options.onProblem,
      onRoot: (name) => {
        root = name.replace(/^.*:/, '')
        if (root !== 'urlset' && root !== 'sitemapindex') {
          options.onProblem({
            file: source,
            line: 1,
            message: `root element <${name}> is not <urlset> or <sitemapindex>`,
          })
        }
      },
    })) {
      const loc = first(rec.text, 'loc')
      const where = { file: source, line: rec.line, element: `${rec.name}[${rec.index}]` }
      if (rec.name === 'sitemap') {
        // Children are read after this file so that one open stream at a time is kept.
        if (loc) children.push({ loc, line: rec.line })
        else options.onProblem({ ...where, message: '<sitemap> has no <loc>' })
        continue
      }
      if (root !== 'urlset') continue
      const title = first(rec.text, 'news:news/news:title', 'image:image/image:title') ?? loc
      const item = toContentItem(
        {
          url: loc,
          title,
          publishedAt: first(rec.text, 'lastmod', 'news:news/news:publication_date'),
        },
        where,
        options.onProblem
      )
      if (item) {
        options.onItem?.(source)
        yield item
      }
    }
  } catch (e) {
    options.onProblem({ file: source, message: `cannot read: ${(e as Error).message}` })
    return
  }
  for (const child of children) {
    if (depth + 1 > (options.maxDepth ?? 3)) {
      options.onProblem({
        file: source,
        line: child.line,
        message: `sitemap index nested deeper than ${options.maxDepth ?? 3}: ${child.loc} skipped`,
      })
      continue
    }
    yield* readSitemap(resolveRef(source, child.loc), options, depth + 1, seen)
  }
}
