import { describe, expect, it } from 'vitest'
import type { TimeLimit } from './generated/types.js'
import { validateTimeLimit } from './validators.js'

// domain.md §8.3, one TimeLimit per printed row, `text` kept as printed.
const rows: TimeLimit[] = [
  {
    type: 'after_event',
    text: '信息形成或者变更之日起20个工作日内',
    trigger: 'formed_or_changed',
    amount: 20,
    unit: 'working_day',
  },
  {
    type: 'after_event',
    text: '信息形成之日起20个工作日内',
    trigger: 'formed',
    amount: 20,
    unit: 'working_day',
  },
  {
    type: 'after_event',
    text: '制定或获取信息之日起10个工作日内',
    trigger: 'formed_or_obtained',
    amount: 10,
    unit: 'working_day',
  },
  {
    type: 'qualitative',
    text: '公示7个工作日',
    kind: 'timely',
    publicityPeriod: { amount: 7, unit: 'working_day' },
  },
  {
    type: 'after_event',
    text: '自作出行政决定之日起7个工作日内',
    trigger: 'decision_made',
    amount: 7,
    unit: 'working_day',
  },
  {
    type: 'after_event',
    text: '本级人大或其常委会批准后20日内',
    trigger: 'budget_approved',
    amount: 20,
    unit: 'calendar_day',
  },
  {
    type: 'after_event',
    text: '本级政府财政部门批复后20日内',
    trigger: 'budget_replied',
    amount: 20,
    unit: 'calendar_day',
  },
  {
    type: 'after_event',
    text: '自收到申请之日起20个工作日内',
    trigger: 'request_received',
    amount: 20,
    unit: 'working_day',
  },
  {
    type: 'after_event',
    text: '信息形成(变更)3个工作日内',
    trigger: 'formed_or_changed',
    amount: 3,
    unit: 'working_day',
  },
  { type: 'fixed_date', text: '每年1月31日前', month: 1, day: 31 },
  { type: 'recurring', text: '每季度公布一次', recurrence: 'quarterly' },
  { type: 'qualitative', text: '实时公开', kind: 'realtime' },
  {
    type: 'composite',
    text: '信息形成20个工作日内公开；其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
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
  },
]

describe('TimeLimit: every §8.3 pattern validates', () => {
  for (const row of rows) {
    it(row.text, () => {
      expect(validateTimeLimit(row)).toEqual({ ok: true, value: row })
    })
  }
})

describe('TimeLimit: invalid ones', () => {
  it('after_event without trigger and unit: one error per missing field', () => {
    const result = validateTimeLimit({ type: 'after_event', text: '20个工作日内', amount: 20 })
    expect(result.ok ? [] : result.errors.map((e) => e.pointer)).toEqual(['/trigger', '/unit'])
  })

  it('fixed_date month 13 and a negative amount are range errors', () => {
    const month = validateTimeLimit({ type: 'fixed_date', text: 'x', month: 13, day: 31 })
    expect(month.ok ? [] : month.errors.map((e) => [e.pointer, e.keyword, e.expected])).toEqual([
      ['/month', 'maximum', '<= 12'],
    ])
    const amount = validateTimeLimit({
      type: 'before_event',
      text: 'x',
      trigger: 'procurement_start',
      amount: -1,
      unit: 'calendar_day',
    })
    expect(amount.ok ? [] : amount.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/amount', 'minimum'],
    ])
  })

  it('an empty text and an unknown trigger', () => {
    const result = validateTimeLimit({
      type: 'after_event',
      text: '',
      trigger: 'someday',
      amount: 1,
      unit: 'working_day',
    })
    expect(result.ok ? [] : result.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/text', 'minLength'],
      ['/trigger', 'enum'],
    ])
  })

  it('a field of another branch is an additional property', () => {
    const result = validateTimeLimit({
      type: 'recurring',
      text: '每月',
      recurrence: 'monthly',
      month: 1,
    })
    expect(result.ok ? [] : result.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/month', 'additionalProperties'],
    ])
  })

  const general = {
    type: 'after_event',
    text: '信息形成20个工作日内公开',
    trigger: 'formed',
    amount: 20,
    unit: 'working_day',
  } as const

  it('composite: one part is not a composite; two general parts are refused', () => {
    const one = validateTimeLimit({ type: 'composite', text: 'x', parts: [general] })
    expect(one.ok ? [] : one.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/parts', 'minItems'],
    ])
    const two = validateTimeLimit({ type: 'composite', text: 'x', parts: [general, general] })
    expect(two.ok ? [] : two.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/parts', 'contains'],
    ])
  })

  it('composite: appliesTo names content kinds, at least one', () => {
    const result = validateTimeLimit({
      type: 'composite',
      text: 'x',
      parts: [general, { ...general, appliesTo: [] }, { ...general, appliesTo: ['memo'] }],
    })
    expect(result.ok ? [] : result.errors.map((e) => [e.pointer, e.keyword])).toEqual([
      ['/parts/1/appliesTo', 'minItems'],
      ['/parts/2/appliesTo/0', 'enum'],
    ])
  })
})
