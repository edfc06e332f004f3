import type { ContentItem } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { docNumbersIn, normaliseDocNo } from './doc-number.js'
import { pairInterpretations } from './pair-interpretations.js'

const P1: ContentItem = {
  url: 'https://zwgk.shcn.gov.cn/p1.html',
  title: '关于印发《2021年长宁区政务公开工作要点》的通知',
  docNo: '长府办〔2021〕8号',
  issuer: '区政府办公室',
  kind: 'normative_document',
  publishedAt: '2021-04-16',
}
const P2: ContentItem = {
  url: 'https://zwgk.shcn.gov.cn/p2.html',
  title: '长宁区促进就业若干措施',
  docNo: '长府规〔2021〕3号',
  issuer: '区人社局',
  kind: 'policy',
  publishedAt: '2021-06-01T09:00:00+08:00',
}
const P3: ContentItem = {
  url: 'https://zwgk.shcn.gov.cn/p3.html',
  title: '长宁区老旧小区改造实施办法',
  issuer: '区政府办公室',
  kind: 'policy',
  publishedAt: '2021-07-01',
}
const interp = (url: string, title: string, extra: Partial<ContentItem> = {}): ContentItem => ({
  url: `https://zwgk.shcn.gov.cn/${url}`,
  title,
  kind: 'interpretation',
  ...extra,
})
const I1 = interp('i1.html', '政策解读', { interprets: [P1.url], publishedAt: '2021-04-16' })
const I2 = interp('i2.html', '《2021年长宁区政务公开工作要点》（长府办〔2021〕8号）图解', {
  interpretationForm: 'graphic',
  publishedAt: '2021-04-19',
})
const I3 = interp('i3.html', '长宁区促进就业若干措施的解读', {
  interpretationForm: 'video',
  publishedAt: '2021-06-01',
})
const I4 = interp('i4.html', '解读长府规[2021]3号文件', { interpretationForm: 'video' })
const I5 = interp('i5.html', '关于某某事项的解读')
const notice: ContentItem = {
  url: 'https://zwgk.shcn.gov.cn/n.html',
  title: '通知',
  kind: 'notice',
}

describe('pairInterpretations', () => {
  const r = pairInterpretations([P1, P2, P3, I1, I2, I3, I4, I5, notice])

  it('pairs by explicit link, document number and title', () => {
    expect(r.pairs).toEqual([
      { policy: P1.url, interpretation: I1.url, method: 'link', form: 'text' },
      { policy: P1.url, interpretation: I2.url, method: 'doc_no', form: 'graphic' },
      { policy: P2.url, interpretation: I3.url, method: 'title', form: 'video' },
      { policy: P2.url, interpretation: I4.url, method: 'doc_no', form: 'video' },
    ])
    expect(r.unmatchedInterpretations).toEqual([I5.url])
  })

  it('lists policies without interpretation and late interpretations in working days', () => {
    expect(r.policiesWithoutInterpretation.map((p) => p.url)).toEqual([P3.url])
    // Published Friday 2021-04-16, interpreted Monday 04-19: 3 days, 1 working day late.
    expect(r.lateInterpretations).toEqual([
      {
        policy: P1.url,
        interpretation: I2.url,
        policyPublishedAt: '2021-04-16',
        interpretationPublishedAt: '2021-04-19',
        daysLate: 3,
        workingDaysLate: 1,
      },
    ])
  })

  it('measures the multi-form share against the target', () => {
    // P1 in text + graphic, P2 in video only.
    expect(r.multiFormShare).toEqual({
      interpreted: 2,
      multiForm: 1,
      share: 0.5,
      target: 0.6,
      meetsTarget: false,
    })
    const lower = pairInterpretations([P1, P2, I1, I2, I3], { multiFormTarget: 0.5 })
    expect(lower.multiFormShare.meetsTarget).toBe(true)
  })

  it('limits the policies that need interpretation by issuer', () => {
    const only = pairInterpretations([P1, P2, P3], {
      needsInterpretation: { issuers: ['区人社局'] },
    })
    expect(only.policiesWithoutInterpretation.map((p) => p.url)).toEqual([P2.url])
  })

  it('reports unreadable dates instead of throwing', () => {
    const bad = pairInterpretations([{ ...P1, publishedAt: 'yesterday' }, I1])
    expect(bad.lateInterpretations).toEqual([])
    expect(bad.problems).toEqual([`${P1.url}: publishedAt "yesterday" is not a date`])
  })
})

describe('document numbers', () => {
  it('finds and normalises 发文字号 in titles', () => {
    expect(normaliseDocNo('长府办[2021] 8号')).toBe('长府办〔2021〕8号')
    expect(docNumbersIn('《要点》（长府办（2021）8号）、沪府办〔2021〕21号')).toEqual([
      '长府办〔2021〕8号',
      '沪府办〔2021〕21号',
    ])
    expect(docNumbersIn('没有文号')).toEqual([])
  })
})
