import { Parser } from 'htmlparser2'
import type { RawItem } from './raw-item.js'

/** What one HTML page says about itself, and where it links to. */
export interface HtmlPage {
  /** Fields read from meta tags and the 信息公开 header table. */
  raw: RawItem
  /** True when the page carries document metadata (索引号, 发文字号, ArticleTitle, PubDate…), i.e. is a document rather than a list page. */
  isDocument: boolean
  /** Absolute http(s) links (fragments dropped), in page order, without duplicates. */
  links: string[]
  /** `<link rel="canonical">`, `og:url` or the `Url` meta, resolved. */
  canonical?: string
}

// Meta names of the 政府网站发展指引 (ArticleTitle, PubDate, ContentSource, ColumnName…) and
// common CMS variants, lower-cased.
const META: Record<string, keyof RawItem | 'canonical'> = {
  articletitle: 'title',
  'og:title': 'title',
  pubdate: 'publishedAt',
  publishdate: 'publishedAt',
  firstpublishedtime: 'publishedAt',
  'article:published_time': 'publishedAt',
  contentsource: 'issuer',
  publisher: 'issuer',
  columnname: 'column',
  lanmu: 'column',
  description: 'summary',
  url: 'canonical',
  'og:url': 'canonical',
  indexno: 'indexNo',
  索引号: 'indexNo',
  docno: 'docNo',
  文号: 'docNo',
  发文字号: 'docNo',
  成文日期: 'formedAt',
  主题分类: 'topic',
  公开属性: 'attribute',
}

// Labels of the header table (信息索引表) of a 政府信息公开 page.
const LABELS: [string, keyof RawItem][] = [
  ['索引号', 'indexNo'],
  ['发文字号', 'docNo'],
  ['文号', 'docNo'],
  ['发布机构', 'issuer'],
  ['发文机构', 'issuer'],
  ['发文机关', 'issuer'],
  ['发布机关', 'issuer'],
  ['发布单位', 'issuer'],
  ['发文单位', 'issuer'],
  ['信息来源', 'issuer'],
  ['来源', 'issuer'],
  ['成文日期', 'formedAt'],
  ['成文时间', 'formedAt'],
  // 发文日期 is the date the document bears (成文), not the web publication date.
  ['发文日期', 'formedAt'],
  ['生成日期', 'formedAt'],
  ['发布日期', 'publishedAt'],
  ['发布时间', 'publishedAt'],
  ['公开日期', 'publishedAt'],
  ['公开属性', 'attribute'],
  ['主题分类', 'topic'],
  ['有效性', 'validity'],
  ['名称', 'title'],
  ['标题', 'title'],
]
const labelByKey = new Map(LABELS)
// `索 引 号：…` — labels may be spaced out to align the table; colons full- or half-width.
const spaced = (label: string) => [...label].join('[\\s\\u3000]*')
// Not inside a longer word: 资金来源： or 单位名称： is body text, not the 来源 / 名称 label.
const INLINE = new RegExp(
  `(?<![\\u4e00-\\u9fff])(${LABELS.map(([l]) => spaced(l)).join('|')})[\\s\\u3000]*[:：]`,
  'g'
)
// Values a header table prints for "none": 无, —, /, 暂无.
const EMPTY_VALUE = /^(?:无|暂无|空|[-—–/／\\]+)$/
const DOC_FIELDS: (keyof RawItem)[] = ['indexNo', 'docNo', 'formedAt']

const CELLS = new Set([
  'td',
  'th',
  'li',
  'dt',
  'dd',
  'span',
  'p',
  'div',
  'em',
  'label',
  'strong',
  'b',
  'font',
])
const SKIP = new Set(['script', 'style', 'noscript', 'template'])

const squeeze = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim()
const keyOf = (s: string) => s.normalize('NFKC').replace(/[\s:]/g, '')

/** Reads the fields of labelled cells: `<td>索引号</td><td>…</td>` pairs and `索 引 号：…` runs. */
function fieldsFromCells(cells: string[], raw: Record<string, string>) {
  const set = (field: keyof RawItem, value: string) => {
    const v = squeeze(value)
    if (v && !EMPTY_VALUE.test(v) && raw[field] === undefined) raw[field] = v
  }
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string
    const label = labelByKey.get(keyOf(cell))
    if (label && cell.length <= 12) {
      const next = cells[i + 1]
      // `<td><span>索引号：</span>…</td>`: the next cell repeats the label and is read inline.
      if (
        next !== undefined &&
        !labelByKey.has(keyOf(next)) &&
        !keyOf(next).startsWith(keyOf(cell))
      )
        set(label, next)
      continue
    }
    INLINE.lastIndex = 0
    const hits = [...cell.matchAll(INLINE)]
    hits.forEach((m, k) => {
      const field = labelByKey.get(keyOf(m[1] as string))
      const start = (m.index ?? 0) + m[0].length
      const end = hits[k + 1]?.index ?? cell.length
      if (field) set(field, cell.slice(start, end))
    })
  }
}

/**
 * Parses one HTML page (streamed chunk by chunk) for the usual Chinese government page metadata:
 * `<meta name="ArticleTitle|PubDate|ContentSource|ColumnName…">`, the header table
 * (索引号, 发文字号, 发布机构, 成文日期, 发布日期, 公开属性, 主题分类), `<h1>` and `<title>`.
 */
export async function parseHtmlPage(
  html: string | AsyncIterable<string>,
  pageUrl: string
): Promise<HtmlPage> {
  const meta: Record<string, string> = {}
  const cells: string[] = []
  const links: string[] = []
  const seenLinks = new Set<string>()
  let base = pageUrl
  let canonical: string | undefined
  let title = ''
  let h1: string | undefined
  let inTitle = false
  let inH1 = false
  let h1Text = ''
  let skipDepth = 0
  // Per open cell element: its text so far and whether a nested cell was seen.
  const stack: { name: string; text: string; nested: boolean }[] = []

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (SKIP.has(name)) skipDepth++
        if (name === 'meta') {
          const key = (attrs.name ?? attrs.property ?? '').trim().toLowerCase()
          const field = META[key] ?? META[key.normalize('NFKC')]
          const content = attrs.content?.trim()
          if (field && content) {
            if (field === 'canonical') canonical ??= content
            else meta[field] ??= content
          }
        } else if (name === 'base' && attrs.href) {
          try {
            base = new URL(attrs.href, pageUrl).href
          } catch {}
        } else if (name === 'link' && attrs.rel?.toLowerCase() === 'canonical' && attrs.href) {
          canonical = attrs.href
        } else if (name === 'a' && attrs.href) {
          try {
            const u = new URL(attrs.href, base)
            u.hash = ''
            if ((u.protocol === 'http:' || u.protocol === 'https:') && !seenLinks.has(u.href)) {
              seenLinks.add(u.href)
              links.push(u.href)
            }
          } catch {}
        } else if (name === 'title') inTitle = true
        else if (name === 'h1' && h1 === undefined) {
          inH1 = true
          h1Text = ''
        }
        if (CELLS.has(name)) {
          const parent = stack[stack.length - 1]
          if (parent) parent.nested = true
          stack.push({ name, text: '', nested: false })
        }
      },
      ontext(text) {
        if (skipDepth > 0) return
        if (inTitle) title += text
        if (inH1) h1Text += text
        for (const s of stack) s.text += text
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1)
        if (name === 'title') inTitle = false
        if (name === 'h1' && inH1) {
          inH1 = false
          h1 = squeeze(h1Text) || undefined
        }
        if (CELLS.has(name)) {
          // Close back to the matching cell: browsers forgive unclosed <td>/<li>, and so do we.
          let idx = stack.length - 1
          while (idx >= 0 && stack[idx]?.name !== name) idx--
          if (idx >= 0) {
            const [top, ...inner] = stack.splice(idx)
            for (const c of [top, ...inner]) {
              const t = c && squeeze(c.text)
              // Leaf cells hold label or value; a cell with children is read only for `label：value` runs.
              if (t && c && (!c.nested || t.length <= 200)) cells.push(t)
            }
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
  )
  if (typeof html === 'string') parser.write(html)
  else for await (const chunk of html) parser.write(chunk)
  parser.end()

  const raw: Record<string, string> = {}
  fieldsFromCells(cells, raw)
  // Meta tags are the more reliable source where present.
  for (const [k, v] of Object.entries(meta)) raw[k] = v
  const pageTitle = squeeze(title)
    .replace(/\s*[-_|—–]\s*[^-_|—–]*(?:政府|网|门户|网站)[^-_|—–]*$/, '')
    .trim()
  raw.title = raw.title ?? h1 ?? (pageTitle || undefined) ?? ''
  let canonicalUrl: string | undefined
  if (canonical) {
    try {
      canonicalUrl = new URL(canonical, base).href
    } catch {}
  }
  const isDocument =
    DOC_FIELDS.some((f) => raw[f] !== undefined) ||
    meta.title !== undefined ||
    meta.publishedAt !== undefined
  return { raw: raw as RawItem, isDocument, links, canonical: canonicalUrl }
}
