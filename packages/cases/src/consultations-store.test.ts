import { openSqliteStore, type Store } from '@gongkai/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CasesError } from './cases-error.js'
import { type Consultations, openConsultations } from './consultations-store.js'

let store: Store
let consultations: Consultations
const contents = new Set(['policy-2021-12', 'policy-2021-13'])

const errorOf = async (p: Promise<unknown>): Promise<CasesError> => {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(CasesError)
    return e as CasesError
  }
  throw new Error('expected a CasesError')
}

beforeEach(async () => {
  store = openSqliteStore(':memory:')
  consultations = await openConsultations(store, {
    today: () => '2022-12-31',
    organs: ['district-gov', 'housing-bureau'],
    contentExists: (id) => contents.has(id),
  })
})
afterEach(async () => {
  await store.close()
})

const add = (over: Record<string, unknown> = {}) =>
  consultations.add({
    organ: 'housing-bureau',
    title: '《长宁区老旧小区综合改造实施办法（征求意见稿）》',
    opened: '2021-03-01',
    closes: '2021-03-31',
    ...over,
  })

describe('consultation feedback clocks across holidays (2021 data, counted by hand)', () => {
  it.each([
    // 劳动节 05-01 … 05-05 off, 04-25 (Sun) and 05-08 (Sat) 补班:
    // 04-29, 04-30, 05-06, 05-07, 05-08, 05-10, 05-11, 05-12, 05-13, 05-14
    ['2021-04-28', '2021-05-14'],
    // 国庆: 09-29, 09-30, 10-08, 10-09 (补班), 10-11 … 10-15, 10-18
    ['2021-09-28', '2021-10-18'],
    // 春节 02-11 … 02-17 off, 02-07 (Sun) and 02-20 (Sat) 补班; issued on Saturday 02-06:
    // 02-07, 02-08, 02-09, 02-10, 02-18, 02-19, 02-20, 02-22, 02-23, 02-24
    ['2021-02-06', '2021-02-24'],
  ])('issued %s → feedback due %s', async (issued, due) => {
    const { id } = await add({ opened: '2021-01-04', closes: '2021-01-29' })
    await consultations.appendEvent(id, {
      type: 'document_issued',
      date: issued,
      contentId: 'policy-2021-12',
    })
    const c = await consultations.show(id, { asOf: issued })
    expect(c.clock).toMatchObject({
      status: 'issued',
      issuedOn: issued,
      dueDate: due,
      overdue: false,
    })
  })

  it('walks open → closed → issued → overdue → feedback published (late)', async () => {
    const { id } = await add()
    expect((await consultations.show(id, { asOf: '2021-03-15' })).status).toBe('open')
    expect((await consultations.show(id, { asOf: '2021-04-01' })).clock).toMatchObject({
      status: 'closed',
      dueDate: null,
    })
    await consultations.appendEvent(id, {
      type: 'opinions_received',
      date: '2021-03-10',
      channel: 'website',
      count: 12,
    })
    await consultations.appendEvent(id, {
      type: 'opinions_received',
      date: '2021-03-20',
      channel: 'letter',
      count: 3,
      texts: ['建议增设电梯。'],
    })
    await consultations.appendEvent(id, {
      type: 'opinions_received',
      date: '2021-03-21',
      channel: 'website',
      count: 2,
    })
    await consultations.appendEvent(id, {
      type: 'document_issued',
      date: '2021-04-28',
      contentId: 'policy-2021-12',
    })
    const mid = await consultations.show(id, { asOf: '2021-05-13' })
    expect(mid.clock).toMatchObject({ dueDate: '2021-05-14', workingDaysLeft: 1, overdue: false })
    expect(mid.opinions).toEqual({
      total: 17,
      byChannel: { website: 14, letter: 3 },
      texts: ['建议增设电梯。'],
    })
    expect((await consultations.show(id, { asOf: '2021-05-17' })).clock).toMatchObject({
      workingDaysLeft: -1,
      overdue: true,
    })
    await consultations.appendEvent(id, {
      type: 'feedback_published',
      date: '2021-05-17',
      collected: 17,
      adopted: 9,
      notAdoptedReasons: ['增设电梯属另行立项事项，不在本办法范围内。'],
    })
    const done = await consultations.show(id, { asOf: '2021-06-01' })
    expect(done.clock).toMatchObject({
      status: 'feedback_published',
      overdue: true,
      workingDaysLeft: null,
    })
    const perPolicy = await consultations.ofContent('policy-2021-12')
    expect(perPolicy).toHaveLength(1)
    expect(perPolicy[0]?.feedback).toEqual({
      published: '2021-05-17',
      collected: 17,
      adopted: 9,
      notAdoptedReasons: ['增设电梯属另行立项事项，不在本办法范围内。'],
    })
    expect(await consultations.ofContent('policy-2021-13')).toEqual([])
  })

  it('reads participation.adoptionPublishDays from the config', async () => {
    const other = await openConsultations(store, {
      today: () => '2022-12-31',
      config: { participation: { adoptionPublishDays: 3 } },
    })
    const { id } = await other.add({
      organ: 'x',
      title: '草案',
      opened: '2021-04-01',
      closes: '2021-04-10',
    })
    await other.appendEvent(id, { type: 'document_issued', date: '2021-04-28', contentId: 'c' })
    expect((await other.show(id, { asOf: '2021-04-28' })).clock.dueDate).toBe('2021-05-06')
  })
})

describe('consultation histories', () => {
  it('refuses impossible steps with the rule', async () => {
    const { id } = await add()
    const rule = async (event: Record<string, unknown>) =>
      (await errorOf(consultations.appendEvent(id, event))).details as {
        rule?: string
        parameter?: string
      }
    expect(
      await rule({ type: 'feedback_published', date: '2021-04-02', collected: 0, adopted: 0 })
    ).toMatchObject({
      rule: 'feedback_before_issue',
    })
    expect(
      await rule({ type: 'opinions_received', date: '2021-04-02', channel: 'website', count: 1 })
    ).toMatchObject({
      rule: 'outside_period',
    })
    expect(
      await rule({ type: 'document_issued', date: '2021-02-02', contentId: 'policy-2021-12' })
    ).toMatchObject({
      rule: 'before_opening',
    })
    expect(
      await rule({ type: 'document_issued', date: '2021-04-28', contentId: 'nothing' })
    ).toMatchObject({
      parameter: 'contentId',
    })
    await consultations.appendEvent(id, {
      type: 'opinions_received',
      date: '2021-03-10',
      channel: 'email',
      count: 5,
    })
    await consultations.appendEvent(id, {
      type: 'document_issued',
      date: '2021-04-28',
      contentId: 'policy-2021-12',
    })
    expect(
      await rule({ type: 'document_issued', date: '2021-04-29', contentId: 'policy-2021-12' })
    ).toMatchObject({
      rule: 'second_issue',
    })
    expect(
      await rule({ type: 'feedback_published', date: '2021-05-06', collected: 4, adopted: 4 })
    ).toMatchObject({ rule: 'collected_below_recorded' })
    expect(
      await rule({ type: 'feedback_published', date: '2021-05-06', collected: 5, adopted: 6 })
    ).toMatchObject({
      parameter: 'adopted',
    })
    expect(
      await rule({ type: 'feedback_published', date: '2021-05-06', collected: 5, adopted: 2 })
    ).toMatchObject({
      parameter: 'notAdoptedReasons',
    })
    expect(
      await rule({ type: 'opinions_received', date: '2021-03-10', channel: 'pigeon', count: 1 })
    ).toMatchObject({
      parameter: 'channel',
    })
  })

  it('guards opinion texts, reasons and the title', async () => {
    const e = await errorOf(add({ title: '张三13812345678的意见' }))
    expect(e.code).toBe('personal_information')
    const { id } = await add()
    const t = await errorOf(
      consultations.appendEvent(id, {
        type: 'opinions_received',
        date: '2021-03-10',
        channel: 'email',
        count: 1,
        texts: ['请联系我 13812345678'],
      })
    )
    expect(t.code).toBe('personal_information')
    expect(t.details).toEqual([expect.objectContaining({ pointer: '/texts/0', rule: 'mobile' })])
    expect((await consultations.show(id, { asOf: '2021-03-11' })).opinions.total).toBe(0)
  })

  it('refuses a closing date before the opening', async () => {
    const e = await errorOf(add({ opened: '2021-03-01', closes: '2021-02-01' }))
    expect(e.details).toMatchObject({ parameter: 'closes' })
  })
})
