import type { ContentItem } from '@gongkai/schema'
import { validateContentItem } from '@gongkai/schema'
import { normaliseUrl } from '../content/normalise-url.js'
import { normaliseDate } from './dates.js'
import type { ProblemHandler, SourceProblem } from './source-problem.js'
import { codeOf } from './vocabulary-codes.js'

/** Field values a source read for one item, as text, before conversion and validation. */
export interface RawItem {
  url?: string
  title?: string
  indexNo?: string
  docNo?: string
  issuer?: string
  topic?: string
  column?: string
  categories?: string[] | string
  /** 公开属性 as label or code (主动公开, proactive…). */
  attribute?: string
  /** Statutory ground of 不予公开, as label or code. */
  attributeGround?: string
  attributeReviewedAt?: string
  attributeReviewDue?: string
  validity?: string
  kind?: string
  interpretationForm?: string
  interprets?: string[] | string
  formedAt?: string
  publishedAt?: string
  summary?: string
}

/** The raw field names, which are also the keys of a column mapping. */
export const RAW_FIELDS = [
  'url',
  'title',
  'indexNo',
  'docNo',
  'issuer',
  'topic',
  'column',
  'categories',
  'attribute',
  'attributeGround',
  'attributeReviewedAt',
  'attributeReviewDue',
  'validity',
  'kind',
  'interpretationForm',
  'interprets',
  'formedAt',
  'publishedAt',
  'summary',
] as const satisfies readonly (keyof RawItem)[]

/** Where a raw item came from, for problem reports. */
export type Origin = Omit<SourceProblem, 'message'>

const clean = (s: string | undefined) => {
  const t = s?.replace(/[\s\u00a0\u3000]+/g, ' ').trim()
  return t ? t : undefined
}

const splitList = (v: string[] | string | undefined): string[] | undefined => {
  if (v === undefined) return undefined
  const parts = (Array.isArray(v) ? v : v.split(/[,，;；|、]/))
    .map((s) => clean(s))
    .filter((s): s is string => !!s)
  return parts.length ? parts : undefined
}

const DATE_FIELDS = {
  formedAt: '成文日期',
  publishedAt: '发布日期',
  attributeReviewDue: '公开属性复核日期',
  attributeReviewedAt: '公开属性审查日期',
} as const

/**
 * Converts a raw item to a validated {@link ContentItem}, or reports why it cannot and returns
 * undefined. A value that cannot be read (a bad date, an unknown 公开属性) is reported and left
 * out, so the document itself is still imported and its link still checked.
 */
export function toContentItem(
  raw: RawItem,
  origin: Origin,
  onProblem: ProblemHandler
): ContentItem | undefined {
  const report = (message: string) => onProblem({ ...origin, message })
  const rawUrl = clean(raw.url)
  if (!rawUrl) {
    report('missing URL (链接)')
    return undefined
  }
  const url = normaliseUrl(rawUrl)
  if (!url || !/^(https?|file):/.test(url)) {
    report(`"${rawUrl}" is not an absolute http(s) URL`)
    return undefined
  }
  const item: Record<string, unknown> = { url, title: clean(raw.title) }
  if (!item.title) {
    report(`missing title (标题) for ${url}`)
    return undefined
  }
  for (const f of ['indexNo', 'docNo', 'issuer', 'topic', 'column', 'summary'] as const) {
    const v = clean(raw[f])
    if (v) item[f] = v
  }
  const dates: Record<string, string> = {}
  for (const [f, label] of Object.entries(DATE_FIELDS)) {
    const text = clean(raw[f as keyof typeof DATE_FIELDS])
    if (!text) continue
    const d = normaliseDate(text)
    if (d) dates[f] = d
    else report(`${label} "${text}" is not a date (expected YYYY-MM-DD or 2021年4月14日)`)
  }
  if (dates.formedAt) item.formedAt = dates.formedAt
  if (dates.publishedAt) item.publishedAt = dates.publishedAt
  if (dates.attributeReviewDue) item.attributeReviewDue = dates.attributeReviewDue
  const categories = splitList(raw.categories)
  if (categories) item.categories = categories
  const interprets = splitList(raw.interprets)
  if (interprets) item.interprets = interprets
  const attrText = clean(raw.attribute)
  if (attrText) {
    const code = codeOf('disclosure-attributes', attrText)
    if (!code) report(`公开属性 "${attrText}" is not 主动公开, 依申请公开 or 不予公开`)
    else {
      const attribute: Record<string, string> = { code }
      const groundText = clean(raw.attributeGround)
      const ground = groundText && codeOf('disclosure-attributes', groundText, true)
      if (groundText && !ground) report(`不予公开 ground "${groundText}" is not a statutory ground`)
      if (ground) attribute.ground = ground
      if (dates.attributeReviewedAt) attribute.reviewedAt = dates.attributeReviewedAt
      item.attribute = attribute
    }
  }
  const coded = [
    ['validity', 'validity', '有效性'],
    ['kind', 'content-kinds', '信息类别'],
    ['interpretationForm', 'interpretation-forms', '解读形式'],
  ] as const
  for (const [field, vocabulary, label] of coded) {
    const text = clean(raw[field])
    if (!text) continue
    const code = codeOf(vocabulary, text)
    if (code) item[field] = code
    else report(`${label} "${text}" is not a known value`)
  }
  const result = validateContentItem(item)
  if (!result.ok) {
    for (const e of result.errors) {
      onProblem({
        ...origin,
        element: origin.element ?? e.pointer,
        message: `${e.pointer || '/'}: ${e.message}`,
      })
    }
    return undefined
  }
  return result.value
}
