import { readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ContentItem } from '@gongkai/schema'
import { parseHtmlPage } from './html-page.js'
import { toContentItem } from './raw-item.js'
import { readText } from './read-source.js'
import type { SourceReaderOptions } from './source-options.js'

/** Options of {@link readHtmlFolder}. */
export interface HtmlFolderOptions extends SourceReaderOptions {
  /** Site URL the folder mirrors: `<folder>/a/b.html` becomes `<baseUrl>a/b.html`. */
  baseUrl?: string
  /** Import list pages too, not only pages with document metadata (default false). */
  allPages?: boolean
}

const HTML_FILE = /\.(?:s?html?|htm)$/i

/** Every HTML file below `dir`, depth first, in name order so imports are reproducible. */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  )
  for (const e of entries) {
    const path = join(dir, e.name)
    if (e.isDirectory()) yield* walk(path)
    else if (e.isFile() && HTML_FILE.test(e.name)) yield path
  }
}

/**
 * Streams the document pages of a folder of HTML files (recursive). A page's URL is the mirrored
 * site URL when `baseUrl` is given, else its canonical link, else its `file:` URL.
 */
export async function* readHtmlFolder(
  folder: string,
  options: HtmlFolderOptions
): AsyncGenerator<ContentItem> {
  let files: AsyncGenerator<string>
  try {
    files = walk(folder)
    for await (const file of files) {
      const fileUrl = pathToFileURL(file).href
      const rel = relative(folder, file).split(sep).join('/')
      const url = options.baseUrl
        ? new URL(rel, options.baseUrl.replace(/\/?$/, '/')).href
        : undefined
      let page: Awaited<ReturnType<typeof parseHtmlPage>>
      try {
        page = await parseHtmlPage(readText(file, options), url ?? fileUrl)
      } catch (e) {
        options.onProblem({ file, message: `cannot read: ${(e as Error).message}` })
        continue
      }
      if (!page.isDocument && !options.allPages) continue
      const item = toContentItem(
        { ...page.raw, url: url ?? page.canonical ?? fileUrl },
        { file },
        options.onProblem
      )
      if (item) {
        options.onItem?.(file)
        yield item
      }
    }
  } catch (e) {
    options.onProblem({ file: folder, message: `cannot read folder: ${(e as Error).message}` })
  }
}
