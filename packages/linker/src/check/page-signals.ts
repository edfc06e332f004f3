import { decodeEntities } from '@gongkai/text'

/** What the checker reads from a page to classify it. */
export interface PageSignals {
  title?: string
  h1?: string
  /** Visible text length, tags, scripts and styles removed. */
  textLength: number
  /** Why the page looks like a soft 404, when it does. */
  softNotFound?: string
}

const stripTags = (html: string): string =>
  decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()

const firstElement = (html: string, tag: string): string | undefined => {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}\\s*>`, 'i').exec(html)
  const text = m?.[1] === undefined ? undefined : stripTags(m[1])
  return text ? text : undefined
}

// Words Chinese government CMSs and common servers put on "not found" pages. Bare 已删除 is not
// enough (a real notice may be titled 关于清理已删除信息…), so it needs a page/content noun before
// it; a bare 404 is often a document number (第404号), so it counts only first or beside an error word.
const PHRASES = [
  String.raw`^[\s\p{P}]*404(?!\d)`,
  String.raw`404\s*(not\s*found|error|错误|页面)`,
  String.raw`(error|错误)\s*(代码)?[:：]?\s*404(?!\d)`,
  String.raw`not\s*found`,
  String.raw`page\s+(does\s+not|doesn't)\s+exist`,
  '(页面|网页|信息|内容|文章|文件|稿件|栏目|资源)(已?不存在|已被?删除|已下线|已撤销|未找到|找不到|无法访问)',
  '找不到(该|此|您要的|您访问的|相关)?(页面|网页|内容|信息)',
]
const NOT_FOUND_BODY = new RegExp(PHRASES.join('|'), 'iu')
const NOT_FOUND_TITLE = new RegExp([...PHRASES, '页面出错', '出错了'].join('|'), 'iu')

// A real document page has far more text than an error page; below this an error phrase in the
// body is taken as the page's message rather than a passing mention.
const SMALL_PAGE_CHARS = 600

/** Reads title, first h1, visible text length and soft-404 evidence from HTML. */
export function pageSignals(html: string): PageSignals {
  const title = firstElement(html, 'title')
  const h1 = firstElement(html, 'h1')
  const text = stripTags(
    html
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
  )
  const signals: PageSignals = { textLength: text.length }
  if (title) signals.title = title
  if (h1) signals.h1 = h1
  if (title && NOT_FOUND_TITLE.test(title)) signals.softNotFound = `title "${title}"`
  else if (h1 && NOT_FOUND_TITLE.test(h1)) signals.softNotFound = `heading "${h1}"`
  else if (text.length <= SMALL_PAGE_CHARS) {
    const m = NOT_FOUND_BODY.exec(text)
    if (m) signals.softNotFound = `short page says "${m[0].trim()}"`
  }
  return signals
}

const HOME_PATHS = new Set([
  '/',
  '/index.html',
  '/index.htm',
  '/index.shtml',
  '/index.jsp',
  '/index.php',
  '/index.aspx',
  '/default.html',
  '/default.htm',
  '/default.aspx',
])

/** True when the path is a site's home page (`/`, `/index.html` …). */
export function isHomePath(pathname: string): boolean {
  return HOME_PATHS.has(pathname.toLowerCase())
}

/** Charset named in a Content-Type header or in the first bytes of an HTML page; default utf-8. */
export function sniffCharset(contentType: string | null, head: Uint8Array): string {
  const fromHeader = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1]
  if (fromHeader) return fromHeader.toLowerCase()
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, 2048))
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(ascii)?.[1]
  return fromMeta ? fromMeta.toLowerCase() : 'utf-8'
}

/** Decodes page bytes, falling back to UTF-8 for a charset the runtime does not know. */
export function decodePage(bytes: Uint8Array, charset: string): string {
  // gb2312 pages routinely contain GBK characters; gb18030 is a superset of both.
  const label = /^(gb2312|gbk|x-gbk)$/i.test(charset) ? 'gb18030' : charset
  try {
    return new TextDecoder(label).decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}
