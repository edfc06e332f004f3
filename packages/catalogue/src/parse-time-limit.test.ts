import { validateTimeLimit } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { isQualitativeText, parseTimeLimit } from './parse-time-limit.js'

// One case per row of domain.md §8.3, plus wording variants.
const rows: [string, Record<string, unknown>][] = [
  [
    '信息形成或者变更之日起20个工作日内',
    { type: 'after_event', trigger: 'formed_or_changed', amount: 20, unit: 'working_day' },
  ],
  [
    '信息形成之日起20个工作日内',
    { type: 'after_event', trigger: 'formed', amount: 20, unit: 'working_day' },
  ],
  [
    '制定或获取信息之日起10个工作日内',
    { type: 'after_event', trigger: 'formed_or_obtained', amount: 10, unit: 'working_day' },
  ],
  [
    '公示7个工作日',
    { type: 'qualitative', kind: 'timely', publicityPeriod: { amount: 7, unit: 'working_day' } },
  ],
  [
    '公示时间不少于7个工作日',
    { type: 'qualitative', kind: 'timely', publicityPeriod: { amount: 7, unit: 'working_day' } },
  ],
  [
    '自作出行政决定之日起7个工作日内',
    { type: 'after_event', trigger: 'decision_made', amount: 7, unit: 'working_day' },
  ],
  [
    '本级人大或其常委会批准后20日内',
    { type: 'after_event', trigger: 'budget_approved', amount: 20, unit: 'calendar_day' },
  ],
  [
    '本级政府财政部门批复后20日内',
    { type: 'after_event', trigger: 'budget_replied', amount: 20, unit: 'calendar_day' },
  ],
  [
    '自收到申请之日起20个工作日内',
    { type: 'after_event', trigger: 'request_received', amount: 20, unit: 'working_day' },
  ],
  [
    '信息形成(变更)3个工作日内',
    { type: 'after_event', trigger: 'formed_or_changed', amount: 3, unit: 'working_day' },
  ],
  ['每年1月31日前', { type: 'fixed_date', month: 1, day: 31 }],
  ['每季度公布一次', { type: 'recurring', recurrence: 'quarterly' }],
  ['每月公布一次', { type: 'recurring', recurrence: 'monthly' }],
  ['半年一次', { type: 'recurring', recurrence: 'semiannual' }],
  ['实时公开', { type: 'qualitative', kind: 'realtime' }],
  ['及时公开', { type: 'qualitative', kind: 'timely' }],
  ['长期公开', { type: 'qualitative', kind: 'long_term' }],
]

describe('parseTimeLimit: domain.md §8.3 rows', () => {
  for (const [text, expected] of rows)
    it(text, () => {
      const t = parseTimeLimit(text)
      expect(t).toEqual({ text, ...expected })
      expect(validateTimeLimit(t).ok).toBe(true)
    })
})

describe('parseTimeLimit: variants', () => {
  it('reads Chinese numerals and 天', () => {
    expect(parseTimeLimit('信息形成之日起二十个工作日内')).toMatchObject({
      amount: 20,
      unit: 'working_day',
    })
    expect(parseTimeLimit('批准后十五天内')).toMatchObject({ amount: 15, unit: 'calendar_day' })
  })
  it('combines a deadline with a publicity period', () => {
    expect(parseTimeLimit('制定或获取信息之日起10个工作日内，公示7个工作日')).toEqual({
      type: 'after_event',
      text: '制定或获取信息之日起10个工作日内，公示7个工作日',
      trigger: 'formed_or_obtained',
      amount: 10,
      unit: 'working_day',
      publicityPeriod: { amount: 7, unit: 'working_day' },
    })
  })
  it('reads before-event limits, hours rounded up to days', () => {
    expect(parseTimeLimit('采购活动开始前30日')).toMatchObject({
      type: 'before_event',
      trigger: 'procurement_start',
      amount: 30,
    })
    expect(parseTimeLimit('计划停热提前48小时通知用户')).toMatchObject({
      type: 'before_event',
      amount: 2,
      unit: 'calendar_day',
    })
  })
  it('takes the trigger from the clause of the number (each part of a composite its own)', () => {
    expect(
      parseTimeLimit('信息形成之日起20个工作日内；行政处罚决定作出后7个工作日内')
    ).toMatchObject({
      type: 'composite',
      parts: [
        { trigger: 'formed', amount: 20 },
        { trigger: 'decision_made', amount: 7 },
      ],
    })
  })
  it('reads a fixed date without 每年 and a range end', () => {
    expect(parseTimeLimit('3月31日前')).toMatchObject({ type: 'fixed_date', month: 3, day: 31 })
    expect(parseTimeLimit('每年1月1日至6月30日报送')).toMatchObject({
      type: 'fixed_date',
      month: 6,
      day: 30,
    })
  })
  it('reads recurring with a due offset', () => {
    expect(parseTimeLimit('每季度结束后10个工作日内')).toMatchObject({
      type: 'recurring',
      recurrence: 'quarterly',
      dueOffset: { amount: 10, unit: 'working_day' },
    })
  })
  it('marks long-term updates on change', () => {
    expect(parseTimeLimit('长期公开，发生变更及时更新')).toMatchObject({
      kind: 'long_term',
      onChange: true,
    })
  })
  it('keeps unreadable text as qualitative timely', () => {
    expect(parseTimeLimit('按上级要求办理')).toEqual({
      type: 'qualitative',
      text: '按上级要求办理',
      kind: 'timely',
    })
  })
  it('tells qualitative wording apart', () => {
    expect(isQualitativeText('根据实际情况及时公开')).toBe(true)
    expect(isQualitativeText('按上级要求办理')).toBe(false)
    // Printed in the national 征地 and 公共资源交易 tables: tied to another step, no number.
    expect(isQualitativeText('在实地启动拟征收土地工作时，在村公示栏公开。')).toBe(true)
    expect(isQualitativeText('随采购公告、采购文件公开')).toBe(true)
  })
})

describe('daily and weekly rhythms', () => {
  it('reads 每周 and 每日 as recurring limits', () => {
    expect(parseTimeLimit('每周公布带量食谱')).toEqual({
      type: 'recurring',
      text: '每周公布带量食谱',
      recurrence: 'weekly',
    })
    expect(parseTimeLimit('住院期间每日提供')).toMatchObject({
      type: 'recurring',
      recurrence: 'daily',
    })
    expect(isQualitativeText('每周公布带量食谱')).toBe(false)
  })
})

describe('composite limits', () => {
  it('splits a general clause and a clause for named kinds into parts', () => {
    const text =
      '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示'
    const limit = parseTimeLimit(text)
    expect(limit).toEqual({
      type: 'composite',
      text,
      parts: [
        {
          type: 'after_event',
          text: '信息形成20个工作日内公开',
          trigger: 'formed',
          amount: 20,
          unit: 'working_day',
        },
        {
          appliesTo: ['administrative_licence', 'administrative_penalty'],
          type: 'after_event',
          text: '其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
          trigger: 'decision_made',
          amount: 7,
          unit: 'working_day',
        },
      ],
    })
    expect(validateTimeLimit(limit).ok).toBe(true)
  })

  it('reads printed variants: spaces, full-width digits, ASCII semicolons, another wording', () => {
    const spaced = parseTimeLimit(
      '信息形成 20 个工作日内公开;其中行政处罚事项自作出行政决定之日起 ７ 个工作日内公示'
    )
    expect(spaced.type === 'composite' && spaced.parts.map((p) => [p.appliesTo, p.amount])).toEqual(
      [
        [undefined, 20],
        [['administrative_penalty'], 7],
      ]
    )
    const trading = parseTimeLimit(
      '信息形成之日起20个工作日内；行政许可和行政处罚决定作出后7个工作日内'
    )
    expect(trading.type === 'composite' && trading.parts[1]).toMatchObject({
      appliesTo: ['administrative_licence', 'administrative_penalty'],
      trigger: 'decision_made',
    })
  })

  it('keeps a publicity or consultation period a single limit, and clauses naming no kind too', () => {
    for (const text of [
      '信息形成或者变更之日起20个工作日内；公示7个工作日',
      '信息形成之日起20个工作日内；征求公众意见期限不得少于30日',
      '信息形成(变更)3个工作日内；公示不少于7个工作日',
      '信息形成之日起20个工作日内；变更之日起10个工作日内',
    ])
      expect(parseTimeLimit(text).type, text).toBe('after_event')
  })
})
