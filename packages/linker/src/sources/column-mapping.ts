import { RAW_FIELDS, type RawItem } from './raw-item.js'

/** Content-item field -> source column (CSV header or JSON property; dotted paths allowed in JSON). */
export type ColumnMapping = Partial<Record<keyof RawItem, string>>

/** Headers recognised without configuration, in the spellings Chinese CMS exports use. */
export const DEFAULT_HEADERS: Record<keyof RawItem, readonly string[]> = {
  url: ['链接', '网址', '链接地址', '访问地址', '网页地址', '地址', 'url', 'link', 'href'],
  title: ['标题', '文件标题', '信息标题', '文件名称', '信息名称', '名称', 'title'],
  indexNo: ['索引号', 'indexno', 'index_no'],
  docNo: ['发文字号', '文号', '文件编号', 'docno', 'doc_no'],
  issuer: ['发布机构', '发文机构', '发布单位', '信息来源', '来源', 'issuer'],
  topic: ['主题分类', '主题', 'topic'],
  column: ['栏目', '所属栏目', '栏目名称', 'column', 'channel'],
  categories: ['分类', '类别', 'categories', 'category'],
  attribute: ['公开属性', 'attribute'],
  attributeGround: ['不予公开理由', '不公开理由', 'ground'],
  attributeReviewedAt: ['审查日期', 'reviewedat'],
  attributeReviewDue: ['复核日期', 'attributereviewdue'],
  validity: ['有效性', '效力状态', 'validity'],
  kind: ['类型', '信息类别', '信息类型', '文件类型', '文件种类', 'kind'],
  interpretationForm: ['解读形式', 'interpretationform'],
  interprets: ['解读对象', '关联文件', 'interprets'],
  formedAt: ['成文日期', '成文时间', 'formedat'],
  publishedAt: ['发布日期', '发布时间', '公开日期', '日期', 'publishedat'],
  summary: ['摘要', '内容概述', '内容摘要', 'summary', 'description'],
}

/** Header spelling key: width, case and spaces ignored (`索 引 号`, `ＵＲＬ`). */
const headerKey = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s:：*]+/g, '')
    .toLowerCase()

/** Problem found in a mapping: a key that is not a content-item field. */
export function mappingProblems(
  mapping: ColumnMapping | Record<string, string> | undefined
): string[] {
  if (!mapping) return []
  const known = new Set<string>(RAW_FIELDS)
  return Object.keys(mapping)
    .filter((k) => !known.has(k))
    .map(
      (k) =>
        `mapping key "${k}" is not a content-item field (expected one of ${RAW_FIELDS.join(', ')})`
    )
}

/**
 * Which source column feeds which field, given the source's column names: the explicit mapping
 * first, then the default Chinese/English headers. Returns field -> column name.
 */
export function resolveColumns(
  columns: readonly string[],
  mapping: ColumnMapping = {}
): Map<keyof RawItem, string> {
  const byKey = new Map<string, string>()
  for (const c of columns) if (!byKey.has(headerKey(c))) byKey.set(headerKey(c), c)
  const out = new Map<keyof RawItem, string>()
  const used = new Set<string>()
  for (const field of RAW_FIELDS) {
    const explicit = mapping[field]
    if (explicit !== undefined) {
      const col = byKey.get(headerKey(explicit)) ?? explicit
      out.set(field, col)
      used.add(col)
    }
  }
  for (const field of RAW_FIELDS) {
    if (out.has(field)) continue
    for (const alias of DEFAULT_HEADERS[field]) {
      const col = byKey.get(headerKey(alias))
      if (col !== undefined && !used.has(col)) {
        out.set(field, col)
        used.add(col)
        break
      }
    }
  }
  return out
}
