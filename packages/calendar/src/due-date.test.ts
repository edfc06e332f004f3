import { describe, expect, it } from 'vitest'
import { createCalendar } from './calendar.js'
import { addWorkingDays, isWorkingDay } from './default-calendar.js'
import { dueDate, nextDue } from './due-date.js'
import type {
  AfterEventTimeLimit,
  BeforeEventTimeLimit,
  CompositeTimeLimit,
  FixedDateTimeLimit,
  QualitativeTimeLimit,
  RecurringTimeLimit,
  TimeLimit,
} from './time-limit.js'

const formedOrChanged: AfterEventTimeLimit = {
  type: 'after_event',
  text: '信息形成或者变更之日起20个工作日内',
  trigger: 'formed_or_changed',
  amount: 20,
  unit: 'working_day',
}
const budgetApproved: AfterEventTimeLimit = {
  type: 'after_event',
  text: '本级人大或其常委会批准后20日内',
  trigger: 'budget_approved',
  amount: 20,
  unit: 'calendar_day',
}
const doublePublicity: AfterEventTimeLimit = {
  type: 'after_event',
  text: '自作出行政决定之日起7个工作日内, 公示7个工作日',
  trigger: 'decision_made',
  amount: 7,
  unit: 'working_day',
  publicityPeriod: { amount: 7, unit: 'working_day' },
}
const quarterly: RecurringTimeLimit = {
  type: 'recurring',
  text: '每季度公布一次',
  recurrence: 'quarterly',
}
const monthly: RecurringTimeLimit = {
  type: 'recurring',
  text: '每月公布一次',
  recurrence: 'monthly',
}
const annualReport: FixedDateTimeLimit = {
  type: 'fixed_date',
  text: '每年1月31日前',
  month: 1,
  day: 31,
}
const procurementIntention: BeforeEventTimeLimit = {
  type: 'before_event',
  text: '采购活动开始前30日',
  trigger: 'procurement_start',
  amount: 30,
  unit: 'calendar_day',
}

// The 重大建设项目 wording: a general clause and a stricter one for 许可 / 处罚 decisions.
const doublePublicityComposite: CompositeTimeLimit = {
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
}

describe('dueDate: composite', () => {
  it('gives one date per part, in printed order, with the kinds each governs', () => {
    expect(dueDate(doublePublicityComposite, { date: '2021-04-14' })).toEqual({
      kind: 'parts',
      parts: [
        {
          result: { kind: 'date', date: addWorkingDays('2021-04-14', 20).date, provisional: false },
        },
        {
          appliesTo: ['administrative_licence', 'administrative_penalty'],
          result: { kind: 'date', date: '2021-04-23', provisional: false },
        },
      ],
    })
  })

  it('names the part of an error and has no next date of its own', () => {
    const broken = structuredClone(doublePublicityComposite)
    ;(broken.parts[1] as { amount: number }).amount = -1
    const r = dueDate(broken, { date: '2021-04-14' })
    expect(r.kind === 'parts' && r.parts[1]?.result).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^\/parts\/1\/amount/),
    })
    expect(r.kind === 'parts' && r.parts[0]?.result.kind).toBe('date')
    const none = dueDate(doublePublicityComposite, {})
    expect(none.kind === 'parts' && none.parts.map((p) => p.result.kind)).toEqual([
      'error',
      'error',
    ])
    expect(nextDue(doublePublicityComposite, '2021-04-14').kind).toBe('none')
  })
})

describe('dueDate: after_event', () => {
  it('formed_or_changed: 20 working days (§8.4 worked example)', () => {
    expect(dueDate(formedOrChanged, { date: '2021-04-14' })).toEqual({
      kind: 'date',
      date: '2021-05-13',
      provisional: false,
    })
  })

  it('budget_approved: 20 calendar days rolls out of 春节', () => {
    expect(dueDate(budgetApproved, { date: '2021-01-22' })).toMatchObject({
      kind: 'date',
      date: '2021-02-18',
    })
  })

  it('publicity period counts from postedAt, else from the due date', () => {
    const fromDue = dueDate(doublePublicity, { date: '2021-04-14' })
    expect(fromDue).toMatchObject({ kind: 'date', date: '2021-04-23', publicityEnds: '2021-05-06' })
    const posted = dueDate(doublePublicity, { date: '2021-04-14', postedAt: '2021-04-16' })
    expect(posted).toMatchObject({ date: '2021-04-23', publicityEnds: '2021-04-26' })
  })

  it('is provisional past the data', () => {
    const r = dueDate(formedOrChanged, { date: '2026-12-20' })
    expect(r).toMatchObject({ kind: 'date', provisional: true })
    if (r.kind === 'date') expect(r.reason).toContain('2027')
  })
})

describe('dueDate: before_event', () => {
  it('30 calendar days before procurement, rolled back off a holiday', () => {
    // 2021-10-31 minus 30 days is 2021-10-01 (国庆): the latest working day before it is 09-30.
    expect(dueDate(procurementIntention, { date: '2021-10-31' })).toMatchObject({
      date: '2021-09-30',
    })
    expect(dueDate(procurementIntention, { date: '2021-06-30' })).toMatchObject({
      date: '2021-05-31',
    })
  })

  it('working-day variant counts back over 补班 days', () => {
    const wd: BeforeEventTimeLimit = { ...procurementIntention, amount: 20, unit: 'working_day' }
    expect(dueDate(wd, { date: '2021-05-13' })).toMatchObject({ date: '2021-04-14' })
  })
})

describe('dueDate: recurring', () => {
  it('quarterly 2021 schedule', () => {
    const r = dueDate(quarterly, { from: '2021-01-01', to: '2021-12-31' })
    expect(r.kind).toBe('schedule')
    if (r.kind !== 'schedule') return
    expect(r.dates.map((d) => [d.periodStart, d.periodEnd])).toEqual([
      ['2021-01-01', '2021-03-31'],
      ['2021-04-01', '2021-06-30'],
      ['2021-07-01', '2021-09-30'],
      ['2021-10-01', '2021-12-31'],
    ])
    for (const d of r.dates) {
      expect(d.due).toBe(addWorkingDays(d.periodEnd, 0).date)
      expect(d.provisional).toBe(false)
    }
  })

  it('rolls a period end on an off day to the next working day', () => {
    const r = dueDate(monthly, { from: '2021-10-15', to: '2021-11-01' })
    expect(r.kind === 'schedule' && r.dates.map((d) => [d.periodEnd, d.due])).toEqual([
      ['2021-10-31', '2021-11-01'], // Sunday
      ['2021-11-30', '2021-11-30'],
    ])
  })

  it('applies dueOffset and publicityPeriod', () => {
    const r = dueDate(
      {
        ...quarterly,
        dueOffset: { amount: 20, unit: 'working_day' },
        publicityPeriod: { amount: 7, unit: 'working_day' },
      },
      { from: '2021-03-31', to: '2021-03-31' }
    )
    expect(r).toMatchObject({
      kind: 'schedule',
      dates: [
        {
          periodStart: '2021-01-01',
          due: addWorkingDays('2021-03-31', 20).date,
          publicityEnds: addWorkingDays(addWorkingDays('2021-03-31', 20).date, 7).date,
        },
      ],
    })
  })

  it('half years and years, provisional in 2027', () => {
    const half = dueDate(
      { ...quarterly, recurrence: 'semiannual' },
      { from: '2026-01-01', to: '2027-12-31' }
    )
    expect(half.kind === 'schedule' && half.dates.map((d) => [d.periodEnd, d.provisional])).toEqual(
      [
        ['2026-06-30', false],
        ['2026-12-31', false],
        ['2027-06-30', true],
        ['2027-12-31', true],
      ]
    )
    const year = dueDate(
      { ...quarterly, recurrence: 'annual' },
      { from: '2021-06-01', to: '2021-06-01' }
    )
    expect(year).toMatchObject({ dates: [{ periodStart: '2021-01-01', periodEnd: '2021-12-31' }] })
  })
})

describe('dueDate: fixed_date', () => {
  it('每年1月31日前 is not rolled, only flagged', () => {
    const r = dueDate(annualReport, { year: 2022 })
    // 2022-01-31 was 除夕, a rest day
    expect(r).toEqual({
      kind: 'fixed',
      dates: [{ year: 2022, date: '2022-01-31', offDay: true, provisional: false }],
    })
  })

  it('lists every year in a range', () => {
    const r = dueDate({ ...annualReport, month: 3 }, { from: '2021-01-01', to: '2023-03-30' })
    expect(r.kind === 'fixed' && r.dates.map((d) => [d.date, d.offDay])).toEqual([
      ['2021-03-31', !isWorkingDay('2021-03-31')],
      ['2022-03-31', !isWorkingDay('2022-03-31')],
    ])
  })

  it('29 February falls back to the 28th in common years', () => {
    const r = dueDate({ ...annualReport, month: 2, day: 29 }, { year: 2023 })
    expect(r).toMatchObject({ dates: [{ date: '2023-02-28' }] })
  })
})

describe('dueDate: qualitative and errors', () => {
  it.each([
    ['realtime', '实时公开'],
    ['timely', '及时公开'],
    ['long_term', '长期公开'],
  ] as const)('%s has no date', (kind, label) => {
    const q: QualitativeTimeLimit = { type: 'qualitative', text: label, kind }
    expect(dueDate(q, {})).toEqual({ kind: 'none', reason: `${label}: no fixed date` })
  })

  it('returns errors instead of throwing', () => {
    const cases: [TimeLimit, object, RegExp][] = [
      [quarterly, { date: '2021-01-01' }, /recurring needs a range/],
      [formedOrChanged, { from: '2021-01-01', to: '2021-02-01' }, /after_event needs/],
      [formedOrChanged, { date: '2021-02-30' }, /event\/date.*"2021-02-30"/],
      [quarterly, { from: '2021-12-01', to: '2021-01-01' }, /after/],
      [{ ...annualReport, month: 2, day: 30 }, { year: 2021 }, /\/day/],
      [annualReport, {}, /fixed_date needs/],
      [{ ...formedOrChanged, amount: -1 }, { date: '2021-01-01' }, /\/amount/],
      [{ type: 'weekly' } as unknown as TimeLimit, {}, /\/type/],
    ]
    for (const [limit, event, message] of cases) {
      const r = dueDate(limit, event)
      expect(r.kind).toBe('error')
      if (r.kind === 'error') expect(r.message).toMatch(message)
    }
    expect(dueDate(null as unknown as TimeLimit, {}).kind).toBe('error')
  })

  it('uses the calendar given', () => {
    const cal = createCalendar({
      extraYears: [
        { year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] },
      ],
    })
    expect(dueDate(formedOrChanged, { date: '2026-12-20' }, { calendar: cal })).toEqual({
      kind: 'date',
      date: '2027-01-18',
      provisional: false,
    })
  })
})

describe('nextDue', () => {
  it('fixed dates: this year if not passed, else next year', () => {
    expect(nextDue(annualReport, '2021-01-31')).toMatchObject({ kind: 'date', date: '2021-01-31' })
    expect(nextDue(annualReport, '2021-02-01')).toMatchObject({ date: '2022-01-31', offDay: true })
  })

  it('recurring: the first due on or after today', () => {
    expect(nextDue(quarterly, '2021-04-01')).toMatchObject({
      date: '2021-06-30',
      periodStart: '2021-04-01',
    })
    const offset: RecurringTimeLimit = {
      ...monthly,
      dueOffset: { amount: 10, unit: 'working_day' },
    }
    // April's statement is due 10 working days after 04-30, past 劳动节: still ahead on 05-03.
    expect(nextDue(offset, '2021-05-03')).toMatchObject({
      date: addWorkingDays('2021-04-30', 10).date,
      periodEnd: '2021-04-30',
    })
  })

  it('event-driven and qualitative limits have no next date; bad today is an error', () => {
    expect(nextDue(formedOrChanged, '2021-05-03').kind).toBe('none')
    expect(
      nextDue({ type: 'qualitative', text: '长期公开', kind: 'long_term' }, '2021-05-03').kind
    ).toBe('none')
    expect(nextDue(quarterly, '2021-5-3')).toMatchObject({ kind: 'error' })
  })
})

describe('day-based recurrences', () => {
  it('weekly periods run Monday to Sunday and fall due on the last working day rolled forward', () => {
    const r = dueDate(
      { type: 'recurring', text: '每周公布', recurrence: 'weekly' },
      { from: '2021-09-29', to: '2021-10-10' }
    )
    expect(r.kind).toBe('schedule')
    if (r.kind !== 'schedule') return
    expect(r.dates.map((d) => [d.periodStart, d.periodEnd])).toEqual([
      ['2021-09-27', '2021-10-03'],
      ['2021-10-04', '2021-10-10'],
    ])
    // 10-03 is inside the 国庆 holiday, so the first week is due on the next working day, 10-08.
    expect(r.dates[0]?.due).toBe('2021-10-08')
    // 10-09 (Sat) is a 补班 working day, so the week ending Sunday 10-10 rolls to Monday 10-11.
    expect(r.dates[1]?.due).toBe('2021-10-11')
  })

  it('daily periods are single days', () => {
    const r = dueDate(
      { type: 'recurring', text: '每日公布', recurrence: 'daily' },
      { from: '2021-04-30', to: '2021-05-02' }
    )
    expect(r.kind === 'schedule' && r.dates.map((d) => d.periodStart)).toEqual([
      '2021-04-30',
      '2021-05-01',
      '2021-05-02',
    ])
  })
})
