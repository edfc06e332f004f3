import type { AttributeCode, ContentItem } from '@gongkai/schema'
import { dateOnly, daysBetween } from '../report/date-only.js'

/** A document the attribute review lists. */
export interface AttributeFinding {
  url: string
  title: string
  formedAt?: string
  attribute?: AttributeCode
  /** Why it is listed, in words a data officer reads. */
  reason: string
}

/** Result of `attributeReview`. */
export interface AttributeReview {
  /** Documents formed since `sinceYear` with no 公开属性. */
  missingAttribute: AttributeFinding[]
  /** 依申请公开 / 不予公开 documents whose periodic re-review is due (candidates for 主动公开). */
  reviewDue: AttributeFinding[]
  /** Input that could not be read (bad `today`, unreadable dates), naming URL and field. */
  problems: string[]
}

/** Options of `attributeReview`. */
export interface AttributeReviewOptions {
  /** First year reviewed (default 2010, as the 2021 长宁 plan asks). */
  sinceYear?: number
  /** The review date, `YYYY-MM-DD`. */
  today: string
  /** Days after the last review (or formation) when a document without `attributeReviewDue` is due again (default 365). */
  reviewIntervalDays?: number
}

/**
 * The 公开属性 review of the plan: documents since `sinceYear` with no attribute, and 依申请公开 /
 * 不予公开 documents due for re-review (`attributeReviewDue` ≤ today; or, without it, last review or
 * formation more than `reviewIntervalDays` ago; or never dated at all). Never throws.
 */
export function attributeReview(
  items: readonly ContentItem[],
  options: AttributeReviewOptions
): AttributeReview {
  const sinceYear = options.sinceYear ?? 2010
  const interval = options.reviewIntervalDays ?? 365
  const today = dateOnly(options.today)
  const out: AttributeReview = { missingAttribute: [], reviewDue: [], problems: [] }
  if (!today) {
    out.problems.push(`today: expected a YYYY-MM-DD date, got ${JSON.stringify(options.today)}`)
    return out
  }
  const finding = (i: ContentItem, reason: string): AttributeFinding => {
    const f: AttributeFinding = { url: i.url, title: i.title, reason }
    if (i.formedAt) f.formedAt = i.formedAt
    if (i.attribute) f.attribute = i.attribute.code
    return f
  }
  const read = (
    i: ContentItem,
    field: 'formedAt' | 'publishedAt' | 'attributeReviewDue'
  ): string | undefined => {
    const v = i[field]
    const d = dateOnly(v)
    if (v !== undefined && !d) out.problems.push(`${i.url}: ${field} "${v}" is not a date`)
    return d
  }
  for (const i of items) {
    const formed = read(i, 'formedAt') ?? read(i, 'publishedAt')
    if (!i.attribute) {
      if (formed && Number(formed.slice(0, 4)) >= sinceYear) {
        out.missingAttribute.push(finding(i, `no 公开属性 (formed ${formed})`))
      }
      continue
    }
    if (i.attribute.code === 'proactive') continue
    const due = read(i, 'attributeReviewDue')
    if (due) {
      if (due <= today) out.reviewDue.push(finding(i, `re-review due since ${due}`))
      continue
    }
    const reviewed = dateOnly(i.attribute.reviewedAt)
    if (i.attribute.reviewedAt && !reviewed) {
      out.problems.push(`${i.url}: attribute.reviewedAt "${i.attribute.reviewedAt}" is not a date`)
    }
    const last = reviewed ?? formed
    if (!last) out.reviewDue.push(finding(i, 'never reviewed and undated'))
    else if (daysBetween(last, today) >= interval) {
      out.reviewDue.push(
        finding(
          i,
          `${reviewed ? 'last reviewed' : 'formed'} ${last}, more than ${interval} days ago`
        )
      )
    }
  }
  return out
}
