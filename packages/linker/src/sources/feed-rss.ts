import type { ContentItem } from '@gongkai/schema'
import { htmlToText } from './html-text.js'
import { toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import { preludeTitle, type SourceReaderOptions } from './source-options.js'
import { xmlRecords } from './xml-records.js'

const SUMMARY_MAX = 500

/**
 * Streams the items of an RSS 2.0 feed: title, link (or a permalink guid), pubDate (or dc:date),
 * categories (the first is the website column; without any, the channel title is), description.
 */
export async function* readRss(
  source: string,
  options: SourceReaderOptions
): AsyncGenerator<ContentItem> {
  let channelTitle: string | undefined
  try {
    for await (const rec of xmlRecords(readText(source, options), {
      file: source,
      records: ['item'],
      onProblem: options.onProblem,
      onPrelude: (text) => {
        const t = preludeTitle(text)
        channelTitle = t ? htmlToText(t) : undefined
      },
    })) {
      const t = rec.text
      const guid = t.get('guid')?.[0]
      const permalink =
        rec.attributes.get('guid')?.[0]?.isPermaLink !== 'false' && guid && /^https?:/i.test(guid)
      const categories = (t.get('category') ?? []).map(htmlToText).filter(Boolean)
      const description = t.get('description')?.[0]
      const item = toContentItem(
        {
          url: t.get('link')?.[0] || (permalink ? guid : undefined),
          title: htmlToText(t.get('title')?.[0] ?? ''),
          publishedAt: t.get('pubDate')?.[0] ?? t.get('dc:date')?.[0],
          issuer: t.get('dc:publisher')?.[0] ?? t.get('dc:creator')?.[0] ?? t.get('author')?.[0],
          column: categories[0] ?? channelTitle,
          categories,
          summary: description ? htmlToText(description).slice(0, SUMMARY_MAX) : undefined,
        },
        { file: source, line: rec.line, element: `item[${rec.index}]` },
        options.onProblem
      )
      if (item) {
        options.onItem?.(source)
        yield item
      }
    }
  } catch (e) {
    options.onProblem({ file: source, message: `cannot read: ${(e as Error).message}` })
  }
}
