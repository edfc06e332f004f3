import type { ContentItem } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { attributeReview } from './attribute-review.js'

const doc = (n: number, extra: Partial<ContentItem>): ContentItem => ({
  url: `https://a.gov.cn/${n}.html`,
  title: `文件${n}`,
  ...extra,
})

describe('attributeReview', () => {
  const items = [
    doc(1, { formedAt: '2009-12-31' }),
    doc(2, { formedAt: '2010-01-01' }),
    doc(3, { publishedAt: '2015-03-02' }),
    doc(4, { formedAt: '2012-01-01', attribute: { code: 'proactive' } }),
    doc(5, {
      formedAt: '2020-01-01',
      attribute: { code: 'on_request' },
      attributeReviewDue: '2021-04-01',
    }),
    doc(6, {
      formedAt: '2020-01-01',
      attribute: { code: 'on_request' },
      attributeReviewDue: '2021-12-01',
    }),
    doc(7, {
      formedAt: '2018-01-01',
      attribute: { code: 'withheld', ground: 'personal_privacy', reviewedAt: '2021-01-10' },
    }),
    doc(8, { formedAt: '2019-06-01', attribute: { code: 'withheld', ground: 'process_info' } }),
    doc(9, { attribute: { code: 'on_request' } }),
  ]

  it('lists documents since 2010 with no attribute and those due for re-review', () => {
    const r = attributeReview(items, { today: '2021-05-01' })
    expect(r.missingAttribute.map((f) => f.url)).toEqual([
      'https://a.gov.cn/2.html',
      'https://a.gov.cn/3.html',
    ])
    expect(r.reviewDue.map((f) => [f.url, f.reason])).toEqual([
      ['https://a.gov.cn/5.html', 're-review due since 2021-04-01'],
      ['https://a.gov.cn/8.html', 'formed 2019-06-01, more than 365 days ago'],
      ['https://a.gov.cn/9.html', 'never reviewed and undated'],
    ])
    expect(r.problems).toEqual([])
  })

  it('takes the year and interval as parameters', () => {
    const r = attributeReview(items, {
      today: '2021-05-01',
      sinceYear: 2000,
      reviewIntervalDays: 90,
    })
    expect(r.missingAttribute).toHaveLength(3)
    expect(r.reviewDue.map((f) => f.url)).toContain('https://a.gov.cn/7.html')
  })

  it('reports bad input instead of throwing', () => {
    expect(attributeReview(items, { today: '5/1/2021' }).problems[0]).toContain('today: expected')
    const r = attributeReview([doc(1, { formedAt: '2021-02-30' })], { today: '2021-05-01' })
    expect(r.problems).toEqual(['https://a.gov.cn/1.html: formedAt "2021-02-30" is not a date'])
  })
})
