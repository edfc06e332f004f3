import type { ContentItem } from '@gongkai/schema'
import { readFeedItems } from './feed-items.js'
import { htmlToText } from './html-text.js'
import type { SourceReaderOptions } from './source-options.js'

const SUMMARY_MAX = 500

/**
 * Streams the items of an RSS 2.0 feed: title, link (or a permalink guid), pubDate (or dc:date),
 * categories (the first is the website column; without any, the channel title is), description.
 */
export function readRss(source: string, options: SourceReaderOptions): AsyncGenerator<ContentItem> {
  return readFeedItems(source, options, {
    record: 'item',
    toRaw(rec, channelTitle) {
      const t = rec.text
      const guid = t.get('guid')?.[0]
      const permalink =
        rec.attributes.get('guid')?.[0]?.isPermaLink !== 'false' && guid && /^https?:/i.test(guid)
      const categories = (t.get('category') ?? []).map(htmlToText).filter(Boolean)
      const description = t.get('description')?.[0]
      return {
        url: t.get('link')?.[0] || (permalink ? guid : undefined),
        title: htmlToText(t.get('title')?.[0] ?? ''),
        publishedAt: t.get('pubDate')?.[0] ?? t.get('dc:date')?.[0],
        issuer: t.get('dc:publisher')?.[0] ?? t.get('dc:creator')?.[0] ?? t.get('author')?.[0],
        column: categories[0] ?? channelTitle,
        categories,
        summary: description ? htmlToText(description).slice(0, SUMMARY_MAX) : undefined,
      }
    },
  })
}
