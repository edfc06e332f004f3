import type { ContentItem } from '@gongkai/schema'
import { readFeedItems } from './feed-items.js'
import { htmlToText } from './html-text.js'
import type { SourceReaderOptions } from './source-options.js'

const SUMMARY_MAX = 500

// Atom text constructs: `type="html"` holds escaped markup and `xhtml` a <div> (its text is
// collected already); plain `text` is taken literally, so "<2021年>" or "&amp;" in it survive.
const atomText = (text: string | undefined, type: string | undefined) =>
  type === 'html' || type === 'xhtml'
    ? htmlToText(text ?? '')
    : (text ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim()

/**
 * Streams the entries of an Atom feed: title, the `alternate` link (or a link without rel),
 * published (else updated), category terms (the first is the column; without any, the feed
 * title is), summary, author name as issuer.
 */
export function readAtom(
  source: string,
  options: SourceReaderOptions
): AsyncGenerator<ContentItem> {
  return readFeedItems(source, options, {
    record: 'entry',
    toRaw(rec, feedTitle) {
      const t = rec.text
      const links = rec.attributes.get('link') ?? []
      const link =
        links.find((l) => l.rel === 'alternate') ?? links.find((l) => !l.rel) ?? undefined
      const id = t.get('id')?.[0]
      const categories = (rec.attributes.get('category') ?? [])
        .map((c) => htmlToText(c.label ?? c.term ?? ''))
        .filter(Boolean)
      const summary = t.get('summary')?.[0] ?? t.get('content')?.[0]
      return {
        url: link?.href ?? (id && /^https?:/i.test(id) ? id : undefined),
        title: atomText(t.get('title')?.[0], rec.attributes.get('title')?.[0]?.type),
        publishedAt: t.get('published')?.[0] ?? t.get('updated')?.[0],
        issuer: t.get('author/name')?.[0],
        column: categories[0] ?? feedTitle,
        categories,
        summary: summary ? htmlToText(summary).slice(0, SUMMARY_MAX) : undefined,
      }
    },
  })
}
