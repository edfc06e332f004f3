import { open, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ContentItem } from '@gongkai/schema'
import { readCmsCsv } from './cms-csv.js'
import { readCmsJson } from './cms-json.js'
import type { ColumnMapping } from './column-mapping.js'
import { mappingProblems } from './column-mapping.js'
import { readAtom } from './feed-atom.js'
import { readRss } from './feed-rss.js'
import { crawlSite } from './html-crawl.js'
import { readHtmlFolder } from './html-folder.js'
import { parseHtmlPage } from './html-page.js'
import { toContentItem } from './raw-item.js'
import { isHttpUrl, readText, sniffEncoding } from './read-source.js'
import { readSitemap } from './sitemap.js'
import type { ImportProgress, SourceReaderOptions } from './source-options.js'
import type { SourceProblem } from './source-problem.js'

/** Formats {@link importContent} reads. */
export type ContentFormat = 'sitemap' | 'rss' | 'atom' | 'csv' | 'json' | 'html'

/** Options of {@link importContent}. */
export interface ImportContentOptions {
  /** Format of the source; detected from the extension and the first bytes when absent. */
  format?: ContentFormat
  /** CSV/JSON: content-item field -> column or property, e.g. `{ title: '文件名称' }`. */
  mapping?: ColumnMapping | Record<string, string>
  /** Called after every item and every problem (at most every 200 items for large sources). */
  onProgress?: (progress: ImportProgress) => void
  /** Called with each problem as it is found (they are also collected in `problems`). */
  onError?: (problem: SourceProblem) => void
  /** HTML folder: the site URL the folder mirrors. */
  baseUrl?: string
  /** HTML: import list pages too, not only document pages (default false). */
  allPages?: boolean
  /** Live site crawl: link depth (default 3), page budget (default 1000), concurrency (default 4). */
  maxDepth?: number
  maxPages?: number
  concurrency?: number
  /** Milliseconds to wait for each http(s) response (default 30000). */
  timeoutMs?: number
  /** Problems kept in `problems` (default 10000); later ones are only counted. */
  maxProblems?: number
}

/** A running import: iterate it for the items; problems collect as it goes. */
export interface ContentImport extends AsyncIterable<ContentItem> {
  /** Problems found so far (file, line/element, message), up to `maxProblems`. */
  readonly problems: SourceProblem[]
  /** Problems found so far, including those not kept. */
  readonly problemCount: number
  /** Items yielded so far. */
  readonly itemCount: number
  /** The format read (known once iteration has started). */
  readonly format: ContentFormat | undefined
}

/** Format by the first bytes of an XML/HTML/JSON/CSV text. */
export function sniffFormat(head: string): ContentFormat | undefined {
  const s = head
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '')
    .trimStart()
  if (/^<(?:\w+:)?(?:urlset|sitemapindex)\b/.test(s)) return 'sitemap'
  if (/^<rss\b|^<rdf:RDF\b/i.test(s)) return 'rss'
  if (/^<feed\b/.test(s)) return 'atom'
  if (/^<!doctype html|^<html\b|^<head\b|^<meta\b/i.test(s)) return 'html'
  if (/^[[{]/.test(s)) return 'json'
  if (s && !s.startsWith('<')) return 'csv'
  return undefined
}

const EXT: [RegExp, ContentFormat][] = [
  [/\.(csv|tsv)$/i, 'csv'],
  [/\.(json|jsonl|ndjson)$/i, 'json'],
  [/\.(s?html?|htm)$/i, 'html'],
  [/\.rss$/i, 'rss'],
  [/\.atom$/i, 'atom'],
]

async function headOf(source: string, timeoutMs?: number): Promise<string> {
  if (isHttpUrl(source)) {
    let text = ''
    for await (const chunk of readText(source, { timeoutMs })) {
      text += chunk
      if (text.length >= 4096) break
    }
    return text
  }
  const fh = await open(source, 'r')
  try {
    const buf = Buffer.alloc(4096)
    const { bytesRead } = await fh.read(buf, 0, 4096, 0)
    const head = buf.subarray(0, bytesRead)
    return new TextDecoder(sniffEncoding(head)).decode(head)
  } finally {
    await fh.close()
  }
}

/**
 * Imports published content items from a local file, a folder of HTML pages or an http(s) URL:
 * sitemap.xml (indexes followed), RSS 2.0, Atom, CMS CSV/JSON exports, HTML pages (a folder, or
 * a live site crawled from the URL). Streams: items are read as they are iterated. Malformed
 * input never throws: it lands in `problems` with file and line/element, and good items go on.
 * @example
 * const run = importContent('sitemap.xml')
 * for await (const item of run) console.log(item.url)
 * console.log(run.problems)
 */
export function importContent(source: string, options: ImportContentOptions = {}): ContentImport {
  const problems: SourceProblem[] = []
  const maxProblems = options.maxProblems ?? 10_000
  let problemCount = 0
  let itemCount = 0
  let format: ContentFormat | undefined = options.format
  let lastFile = source
  const progress = () =>
    options.onProgress?.({ items: itemCount, problems: problemCount, file: lastFile })
  const onProblem = (p: SourceProblem) => {
    problemCount++
    if (problems.length < maxProblems) problems.push(p)
    options.onError?.(p)
    progress()
  }
  const reader: SourceReaderOptions = {
    onProblem,
    timeoutMs: options.timeoutMs,
    onItem: (file) => {
      lastFile = file
    },
  }
  for (const message of mappingProblems(options.mapping))
    onProblem({ file: source, element: 'mapping', message })

  async function* items(): AsyncGenerator<ContentItem> {
    let isDir = false
    if (!isHttpUrl(source)) {
      try {
        isDir = (await stat(source)).isDirectory()
      } catch (e) {
        onProblem({ file: source, message: `cannot read: ${(e as Error).message}` })
        return
      }
    }
    if (isDir) format ??= 'html'
    const path = isHttpUrl(source) ? new URL(source).pathname : source
    format ??= EXT.find(([re]) => re.test(path))?.[1]
    if (!format) {
      try {
        format = sniffFormat(await headOf(source, options.timeoutMs))
      } catch (e) {
        onProblem({ file: source, message: `cannot read: ${(e as Error).message}` })
        return
      }
    }
    const mapping = options.mapping as ColumnMapping | undefined
    switch (format) {
      case 'sitemap':
        yield* readSitemap(source, reader)
        return
      case 'rss':
        yield* readRss(source, reader)
        return
      case 'atom':
        yield* readAtom(source, reader)
        return
      case 'csv':
        yield* readCmsCsv(source, { ...reader, mapping })
        return
      case 'json':
        yield* readCmsJson(source, { ...reader, mapping })
        return
      case 'html':
        if (isDir)
          yield* readHtmlFolder(source, {
            ...reader,
            baseUrl: options.baseUrl,
            allPages: options.allPages,
          })
        else if (isHttpUrl(source))
          yield* crawlSite(source, {
            ...reader,
            maxDepth: options.maxDepth,
            maxPages: options.maxPages,
            concurrency: options.concurrency,
            allPages: options.allPages,
          })
        else {
          // One local page: imported whatever it holds, since it was named explicitly.
          const fileUrl = pathToFileURL(resolve(source)).href
          const page = await parseHtmlPage(readText(source, reader), options.baseUrl ?? fileUrl)
          const item = toContentItem(
            { ...page.raw, url: options.baseUrl ?? page.canonical ?? fileUrl },
            { file: source },
            onProblem
          )
          if (item) yield item
        }
        return
      default:
        onProblem({
          file: source,
          message: 'unknown format (expected sitemap, RSS, Atom, CSV, JSON or HTML); pass format',
        })
    }
  }

  return {
    problems,
    get problemCount() {
      return problemCount
    },
    get itemCount() {
      return itemCount
    },
    get format() {
      return format
    },
    async *[Symbol.asyncIterator]() {
      for await (const item of items()) {
        itemCount++
        if (itemCount % 200 === 0 || itemCount < 200) progress()
        yield item
      }
      progress()
    },
  }
}
