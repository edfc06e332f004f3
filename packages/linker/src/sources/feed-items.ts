import type { ContentItem } from '@gongkai/schema'
import { htmlToText } from './html-text.js'
import { type RawItem, toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import { preludeTitle, type SourceReaderOptions } from './source-options.js'
import { type XmlRecord, xmlRecords } from './xml-records.js'

/** What a feed format contributes to {@link readFeedItems}: its record element and field mapping. */
export interface FeedFormat {
  /** The record element: `item` (RSS) or `entry` (Atom). */
  record: string
  /** The fields of one record; `feedTitle` is the channel's or feed's own title, as text. */
  toRaw(rec: XmlRecord, feedTitle: string | undefined): RawItem
}

/**
 * The item loop RSS and Atom share: streams the records of a feed, reads the feed's title from
 * the text before the first record, and turns each record into a content item, reporting a bad
 * record (with its line) and going on with the next.
 */
export async function* readFeedItems(
  source: string,
  options: SourceReaderOptions,
  format: FeedFormat
): AsyncGenerator<ContentItem> {
  let feedTitle: string | undefined
  try {
    for await (const rec of xmlRecords(readText(source, options), {
      file: source,
      records: [format.record],
      onProblem: options.onProblem,
      onPrelude: (text) => {
        const t = preludeTitle(text)
        feedTitle = t ? htmlToText(t) : undefined
      },
    })) {
      const item = toContentItem(
        format.toRaw(rec, feedTitle),
        { file: source, line: rec.line, element: `${format.record}[${rec.index}]` },
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
