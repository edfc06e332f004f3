import { openSqliteStore, type Store } from '@gongkai/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CasesError } from './cases-error.js'
import { type Messages, openMessages } from './messages-store.js'

let store: Store
let messages: Messages

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
  messages = await openMessages(store, {
    today: () => '2022-12-31',
    organs: ['district-gov', 'edu-bureau'],
  })
})
afterEach(async () => {
  await store.close()
})

const add = (over: Record<string, unknown> = {}) =>
  messages.add({ organ: 'district-gov', channel: 'website', received: '2021-09-29', ...over })

describe('message clocks across holidays (2021 data, counted by hand)', () => {
  // 国庆 2021: 10-01 … 10-07 off, 09-26 (Sun) and 10-09 (Sat) are 补班.
  it.each([
    ['2021-09-29', false, '2021-10-12'], // 09-30, 10-08, 10-09 (补班), 10-11, 10-12
    ['2021-09-29', true, '2021-09-30'],
    ['2021-09-30', true, '2021-10-08'], // the holiday is skipped
    ['2021-02-09', false, '2021-02-22'], // 春节: 02-10, 02-18, 02-19, 02-20 (补班), 02-22
    ['2021-04-29', false, '2021-05-10'], // 劳动节 05-01 … 05-05: 04-30, 05-06, 05-07, 05-08 (补班), 05-10
  ])('received %s simple=%s → due %s', async (received, simple, due) => {
    const { id } = await add({ received, simple })
    const m = await messages.show(id, { asOf: received })
    expect(m.clock.dueDate).toBe(due)
    expect(m.clock.overdue).toBe(false)
  })

  it('counts working days left and turns overdue the day after the due date', async () => {
    const { id } = await add()
    expect((await messages.show(id, { asOf: '2021-10-08' })).clock.workingDaysLeft).toBe(3)
    const due = await messages.show(id, { asOf: '2021-10-12' })
    expect(due.clock).toMatchObject({ workingDaysLeft: 0, overdue: false, status: 'open' })
    const late = await messages.show(id, { asOf: '2021-10-13' })
    expect(late.clock).toMatchObject({ workingDaysLeft: -1, overdue: true })
  })

  it('reads online.replyDays and online.simpleReplyDays from the config', async () => {
    const other = await openMessages(store, {
      today: () => '2022-12-31',
      config: { online: { replyDays: 3, simpleReplyDays: 2 } },
    })
    const a = await other.add({ organ: 'x', channel: 'mailbox', received: '2021-09-29' })
    const b = await other.add({
      organ: 'x',
      channel: 'mailbox',
      received: '2021-09-29',
      simple: true,
    })
    expect((await other.show(a.id, { asOf: '2021-09-29' })).clock.dueDate).toBe('2021-10-09')
    expect((await other.show(b.id, { asOf: '2021-09-29' })).clock.dueDate).toBe('2021-10-08')
    await expect(openMessages(store, { config: { online: { replyDays: 0 } } })).rejects.toThrow(
      /online\.replyDays/
    )
  })

  it('an answer stops the clock; late answers stay overdue', async () => {
    const { id } = await add()
    await messages.appendEvent(id, {
      type: 'answered',
      date: '2021-10-13',
      text: '已答复。',
      publish: false,
    })
    const m = await messages.show(id, { asOf: '2021-11-01' })
    expect(m.clock).toMatchObject({
      status: 'answered',
      answeredOn: '2021-10-13',
      overdue: true,
      workingDaysLeft: null,
    })
  })

  it('a transfer moves the message and restarts the clock for the receiving organ', async () => {
    const { id } = await add()
    await messages.appendEvent(id, { type: 'transferred', date: '2021-09-30', organ: 'edu-bureau' })
    const m = await messages.show(id, { asOf: '2021-10-08' })
    expect(m.organ).toBe('edu-bureau')
    expect(m.clock.dueDate).toBe('2021-10-13')
    expect((await messages.list({ organ: 'district-gov', asOf: '2021-10-08' })).total).toBe(0)
    expect((await messages.list({ organ: 'edu-bureau', asOf: '2021-10-08' })).total).toBe(1)
  })
})

describe('message histories', () => {
  it('refuses impossible steps with the rule', async () => {
    const { id } = await add()
    const before = await errorOf(messages.appendEvent(id, { type: 'closed', date: '2021-09-28' }))
    expect(before.code).toBe('impossible_history')
    expect(before.details).toMatchObject({ rule: 'before_receipt' })
    await messages.appendEvent(id, {
      type: 'answered',
      date: '2021-10-08',
      text: '答复',
      publish: false,
    })
    const twice = await errorOf(
      messages.appendEvent(id, {
        type: 'answered',
        date: '2021-10-09',
        text: '再答复',
        publish: false,
      })
    )
    expect(twice.details).toMatchObject({ rule: 'second_answer' })
    const move = await errorOf(
      messages.appendEvent(id, { type: 'transferred', date: '2021-10-09', organ: 'edu-bureau' })
    )
    expect(move.details).toMatchObject({ rule: 'after_answer' })
    await messages.appendEvent(id, { type: 'closed', date: '2021-10-09' })
    const after = await errorOf(messages.appendEvent(id, { type: 'closed', date: '2021-10-10' }))
    expect(after.details).toMatchObject({ rule: 'after_final' })
    expect((await messages.show(id, { asOf: '2021-12-01' })).events).toHaveLength(3)
  })

  it('refuses malformed input naming the parameter', async () => {
    expect((await errorOf(add({ channel: 'fax' }))).details).toMatchObject({ parameter: 'channel' })
    expect((await errorOf(add({ organ: 'nowhere' }))).details).toMatchObject({ parameter: 'organ' })
    expect((await errorOf(add({ received: '2021-02-30' }))).details).toMatchObject({
      parameter: 'received',
    })
    expect((await errorOf(add({ simple: 'yes' }))).details).toMatchObject({ parameter: 'simple' })
    const { id } = await add()
    const bad = await errorOf(
      messages.appendEvent(id, { type: 'answered', date: '2021-10-08', text: '', publish: true })
    )
    expect(bad.details).toMatchObject({ parameter: 'text' })
    const nopub = await errorOf(
      messages.appendEvent(id, { type: 'answered', date: '2021-10-08', text: '好' })
    )
    expect(nopub.details).toMatchObject({ parameter: 'publish' })
    const self = await errorOf(
      messages.appendEvent(id, { type: 'transferred', date: '2021-10-08', organ: 'district-gov' })
    )
    expect(self.details).toMatchObject({ rule: 'transfer_to_self' })
    expect((await errorOf(messages.show('ly-none'))).code).toBe('not_found')
    const future = await errorOf(add({ received: '2023-01-01' }))
    expect(future.details).toMatchObject({ rule: 'future_date' })
  })
})

describe('published answers', () => {
  it('shows question and answer, never the sender, and nothing unpublished', async () => {
    const a = await add({ question: '请问本区低保申请条件是什么？', sender: '李四 13912345678' })
    const b = await add({ question: '学校何时开学？', sender: '王五' })
    await messages.appendEvent(a.id, {
      type: 'answered',
      date: '2021-10-08',
      text: '请携带户口簿到街道社区事务受理服务中心办理。',
      publish: true,
    })
    await messages.appendEvent(b.id, {
      type: 'answered',
      date: '2021-10-08',
      text: '九月一日。',
      publish: false,
    })
    const pub = await messages.published()
    expect(pub.total).toBe(1)
    expect(pub.items[0]).toEqual({
      id: a.id,
      organ: 'district-gov',
      channel: 'website',
      received: '2021-09-29',
      question: '请问本区低保申请条件是什么？',
      answer: { date: '2021-10-08', text: '请携带户口簿到街道社区事务受理服务中心办理。' },
    })
    expect(JSON.stringify(pub)).not.toContain('李四')
    expect((await errorOf(messages.showPublished(b.id))).code).toBe('not_found')
    // Officers see everything of their messages.
    expect((await messages.show(a.id)).sender).toBe('李四 13912345678')
  })

  it('the privacy guard refuses publishing personal information in either text', async () => {
    const a = await add({ question: '我是张三，手机13812345678，想问低保' })
    const e = await errorOf(
      messages.appendEvent(a.id, {
        type: 'answered',
        date: '2021-10-08',
        text: '已答复',
        publish: true,
      })
    )
    expect(e.code).toBe('personal_information')
    expect(e.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/question', rule: 'mobile' })])
    )
    // Nothing was stored: the message is still open, and an unpublished answer is accepted.
    expect((await messages.show(a.id, { asOf: '2021-10-08' })).status).toBe('open')
    const b = await add({ question: '低保怎么申请？' })
    const e2 = await errorOf(
      messages.appendEvent(b.id, {
        type: 'answered',
        date: '2021-10-08',
        text: '请联系王小明，电话13812345678',
        publish: true,
      })
    )
    expect(e2.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/text' })])
    )
    await messages.appendEvent(a.id, {
      type: 'answered',
      date: '2021-10-08',
      text: '已答复',
      publish: false,
    })
    expect((await messages.published()).total).toBe(0)
  })
})
