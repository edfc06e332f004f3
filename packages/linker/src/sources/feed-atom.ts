import type { ContentItem } from '@gongkai/schema'
import { htmlToText } from './html-text.js'
import { toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import { preludeTitle, type SourceReaderOptions } from './source-options.js'
import { xmlRecords } from './xml-records.js'

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
export async function* readAtom(
  source: string,
  options: SourceReaderOptions
): AsyncGenerator<ContentItem> {
  let feedTitle: string | undefined
  try {
    for await (const rec of xmlRecords(readText(source, options), {
      file: source,
      records: ['entry'],
      onProblem: options.onProblem,
      onPrelude: (text) => {
        const t = preludeTitle(text)
        feedTitle = t ? htmlToText(t) : undefined
      },
    })) {
      const t = rec.text
      const links = rec.attributes.get('link') ?? []
      const link =
        links.find((l) => l.rel === 'alternate') ?? links.find((l) => !l.rel) ?? undefined
      const id = t.get('id')?.[0]
      const categories = (rec.attributes.get('category') ?? [])
        .map((c) => htmlToText(c.label ?? c.term ?? ''))
        .filter(Boolean)
      const summary = t.get('summary')?.[0] ?? t.get('content')?.[0]
      const item = toContentItem(
        {
          url: link?.href ?? (id && /^https?:/i.test(id) ? id : undefined),
          title: atomText(t.get('title')?.[0], rec.attributes.get('title')?.[0]?.type),
          publishedAt: t.get('published')?.[0] ?? t.get('updated')?.[0],
          issuer: t.get('author/name')?.[0],
          column: categories[0] ?? feedTitle,
          categories,
          summary: summary ? htmlToText(summary).slice(0, SUMMARY_MAX) : undefined,
        },
        { file: source, line: rec.line, element: `entry[${rec.index}]` },
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
