import { openSqliteStore, type Store } from '@gongkai/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CasesError } from './cases-error.js'
import { type Cases, openCases } from './cases-store.js'
import { checkAnnualReport } from './check-annual-report.js'

let store: Store
let cases: Cases

const applicant = {
  id: '110101199003071234',
  type: 'natural_person',
  name: '张三',
  contact: '13800138000',
}
const newRequest = (over: Record<string, unknown> = {}) => ({
  organ: 'district-gov',
  channel: 'online',
  applicant,
  subject: '2020年本区低保发放名单',
  received: '2021-09-24',
  ...over,
})

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
  cases = await openCases(store, {
    today: () => '2022-12-31',
    organs: ['district-gov', 'edu-bureau'],
  })
})

afterEach(async () => {
  await store.close()
})

describe('openCases', () => {
  it('applies its numbered migrations once', async () => {
    const ids = (await store.appliedMigrations()).map((m) => m.id)
    expect(ids).toEqual([
      'cases/001-requests',
      'cases/002-events',
      'cases/003-messages',
      'cases/004-due-order',
    ])
    await openCases(store)
    expect((await store.appliedMigrations()).length).toBe(4)
  })

  it('adds a request with its received event, and shows it with the clock', async () => {
    const { id } = await cases.add(newRequest())
    expect(id).toBe('ysq-2021-000001')
    const shown = await cases.show(id, { asOf: '2021-09-30' })
    expect(shown).toMatchObject({
      id,
      organ: 'district-gov',
      channel: 'online',
      applicant,
      subject: '2020年本区低保发放名单',
      received: '2021-09-24',
      status: 'open',
      events: [
        { type: 'received', date: '2021-09-24', channel: 'online', confirmedOn: '2021-09-24' },
      ],
      clock: {
        dueDate: '2021-10-27',
        workingDaysLeft: 15,
        paused: false,
        provisional: false,
        overdue: false,
      },
    })
    expect(shown.clock.registrationDue).toBeUndefined()
  })

  it('refuses malformed requests, unknown organs and taken ids', async () => {
    expect((await errorOf(cases.add(newRequest({ channel: 'pigeon' })))).details).toMatchObject({
      parameter: 'channel',
    })
    expect(
      (await errorOf(cases.add(newRequest({ applicant: { id: 'x', type: 'company' } })))).details
    ).toMatchObject({
      parameter: 'applicant.type',
    })
    expect((await errorOf(cases.add(newRequest({ organ: 'moon-bureau' })))).details).toMatchObject({
      parameter: 'organ',
    })
    expect((await errorOf(cases.add(newRequest({ received: '2023-01-01' })))).code).toBe(
      'impossible_history'
    )
    await cases.add(newRequest({ id: 'OLD-7' }))
    expect((await errorOf(cases.add(newRequest({ id: 'OLD-7' })))).code).toBe('id_unavailable')
    expect((await errorOf(cases.show('nope'))).code).toBe('not_found')
  })

  it('appends events after validating the whole history; a rejected event stores nothing', async () => {
    const { id } = await cases.add(newRequest())
    const ok = await cases.appendEvent(id, {
      type: 'extended',
      date: '2021-10-20',
      approver: '王主任',
    })
    expect(ok).toEqual({
      id,
      index: 1,
      event: { type: 'extended', date: '2021-10-20', approver: '王主任', workingDays: 20 },
    })
    const second = await errorOf(
      cases.appendEvent(id, { type: 'extended', date: '2021-10-21', approver: '李' })
    )
    expect(second.code).toBe('impossible_history')
    expect(second.toJSON().error.details).toEqual({
      event: { index: 2, type: 'extended', date: '2021-10-21' },
      rule: 'second_extension',
    })
    const before = await errorOf(
      cases.appendEvent(id, { type: 'replied', date: '2021-09-01', outcome: 'granted' })
    )
    expect(before.details).toMatchObject({ rule: 'reply_before_receipt' })
    const unknown = await errorOf(
      cases.appendEvent(id, { type: 'replied', date: '2021-11-01', outcome: 'maybe' })
    )
    expect(unknown.details).toMatchObject({ rule: 'unknown_outcome', event: { type: 'replied' } })
    expect(
      (
        await errorOf(
          cases.appendEvent(id, { type: 'replied', date: '2023-01-05', outcome: 'granted' })
        )
      ).details
    ).toMatchObject({
      rule: 'future_date',
    })
    expect((await errorOf(cases.appendEvent(id, { type: 'fly', date: '2021-11-01' }))).code).toBe(
      'bad_request'
    )
    expect(
      (await errorOf(cases.appendEvent('missing', { type: 'registered', date: '2021-11-01' }))).code
    ).toBe('not_found')
    const shown = await cases.show(id, { asOf: '2021-11-01' })
    expect(shown.events.map((e) => e.type)).toEqual(['received', 'extended'])
    expect(shown.clock).toMatchObject({ workingDays: 40, dueDate: '2021-11-24' })
  })

  it('keeps personal data out of the public view', async () => {
    const { id } = await cases.add(newRequest({ channel: 'letter' }))
    await cases.appendEvent(id, {
      type: 'correction_requested',
      date: '2021-10-09',
      reason: '所需信息描述不明确',
    })
    await cases.appendEvent(id, { type: 'correction_received', date: '2021-10-12' })
    await cases.appendEvent(id, {
      type: 'extended',
      date: '2021-11-01',
      approver: '王主任',
      workingDays: 10,
    })
    // 个人隐私 is a ground of Art. 15, not a §3.9 code: the report counts it as 保护第三方合法权益.
    const privacy = cases.appendEvent(id, {
      type: 'replied',
      date: '2021-11-20',
      outcome: 'refused.personal_privacy',
    })
    expect((await errorOf(privacy)).details).toMatchObject({ rule: 'unknown_outcome' })
    await cases.appendEvent(id, {
      type: 'replied',
      date: '2021-11-20',
      outcome: 'refused.third_party_rights',
    })
    const pub = await cases.show(id, { asOf: '2021-12-01', view: 'public' })
    const text = JSON.stringify(pub)
    for (const secret of ['张三', '13800138000', '110101199003071234', '低保发放名单', '王主任']) {
      expect(text).not.toContain(secret)
    }
    expect(pub).toMatchObject({
      applicantType: 'natural_person',
      status: 'replied',
      outcome: 'refused.third_party_rights',
    })
    expect(pub.events.find((e) => e.type === 'extended')).toEqual({
      type: 'extended',
      date: '2021-11-01',
      workingDays: 10,
    })
    const list = await cases.list({ view: 'public', status: 'all', asOf: '2021-12-01' })
    expect(JSON.stringify(list)).not.toMatch(/张三|13800138000|110101199003071234|低保/)
    const officers = await cases.list({ status: 'all', asOf: '2021-12-01' })
    expect(officers.items[0]?.applicant).toEqual(applicant)
    const loaded = await cases.loadCases({ upTo: '2021-12-31' })
    expect(JSON.stringify(loaded)).not.toMatch(/张三|13800138000/)
  })

  it('lists open cases with clocks, by due date, filtered by organ and as-of date', async () => {
    const a = (await cases.add(newRequest({ received: '2021-09-24' }))).id
    const b = (await cases.add(newRequest({ received: '2021-09-01' }))).id
    const c = (await cases.add(newRequest({ received: '2021-09-10', organ: 'edu-bureau' }))).id
    const d = (await cases.add(newRequest({ received: '2021-09-02' }))).id
    await cases.appendEvent(d, {
      type: 'consultation_started',
      date: '2021-09-03',
      party: 'third_party',
    })
    await cases.appendEvent(b, { type: 'replied', date: '2021-09-20', outcome: 'granted' })
    const open = await cases.list({ organ: 'district-gov', asOf: '2021-09-30' })
    expect(open.total).toBe(2)
    expect(open.items.map((i) => i.id)).toEqual([a, d])
    expect(open.items[1]?.clock).toMatchObject({ status: 'paused', dueDate: null })
    // Before b's reply, b is open and first by due date.
    expect(
      (await cases.list({ organ: 'district-gov', asOf: '2021-09-15' })).items.map((i) => i.id)
    ).toEqual([b, d])
    expect(
      (await cases.list({ organ: ['district-gov', 'edu-bureau'], asOf: '2021-09-30' })).total
    ).toBe(3)
    expect(
      (await cases.list({ asOf: '2021-09-30', status: 'closed' })).items.map((i) => i.id)
    ).toEqual([b])
    expect(
      (await cases.list({ asOf: '2021-09-30', status: 'all', limit: 2, offset: 1 })).items
    ).toHaveLength(2)
    expect((await cases.list({ asOf: '2021-09-05' })).items.map((i) => i.id)).toEqual([b, d])
    expect(c).toBeDefined()
  })

  it('computes fees: per request by the applicant’s month order, per volume by pages', async () => {
    const ids: string[] = []
    // Received on the 3rd but entered first: it still counts after those received on the 1st and 2nd.
    ids.push((await cases.add(newRequest({ received: '2021-03-03' }))).id)
    for (let i = 0; i < 11; i++)
      ids.push((await cases.add(newRequest({ received: i < 5 ? '2021-03-01' : '2021-03-02' }))).id)
    ids.push((await cases.add(newRequest({ received: '2021-03-03' }))).id)
    expect(await cases.fee(ids[0] as string, { mode: 'per_request' })).toEqual({
      mode: 'per_request',
      lines: [{ from: 12, to: 12, count: 1, unitYuan: 100, amountYuan: 100 }],
      totalYuan: 100,
    })
    expect((await cases.fee(ids[12] as string, { mode: 'per_request' })).lines[0]?.from).toBe(13)
    expect((await cases.fee(ids[1] as string, { mode: 'per_request' })).totalYuan).toBe(0)
    expect((await cases.fee(ids[1] as string, { mode: 'per_volume', pages: 150 })).totalYuan).toBe(
      1700
    )
    expect(
      (await errorOf(cases.fee(ids[1] as string, { mode: 'per_volume' }))).details
    ).toMatchObject({ parameter: 'pages' })
    await cases.appendEvent(ids[0] as string, {
      type: 'fee_notified',
      date: '2021-03-05',
      mode: 'per_request',
    })
    const shown = await cases.show(ids[0] as string, { asOf: '2021-03-06' })
    expect(shown.fee?.totalYuan).toBe(100)
    expect(shown.clock.status).toBe('paused')
  })

  it('imports carried-over requests from CSV, all or nothing, with located errors', async () => {
    const header =
      'id,organ,channel,applicant_type,applicant_id,applicant_name,applicant_contact,subject,received,registered,correction_requested,correction_late_reason,correction_received,extended,extension_days,extension_approver,replied,outcome,withdrawn'
    const good = [
      header,
      'OLD-1,district-gov,in_person,natural_person,p1,李四,021-1234,"公交线路,调整",2020-12-15,2020-12-16,,,,2021-01-10,10,王主任,,,',
      ',district-gov,online,commercial,c1,,,,2020-12-20,,2020-12-22,,2020-12-28,,,,2021-01-05,granted,',
    ].join('\n')
    const bad = [
      header,
      'OLD-2,district-gov,fax,natural_person,p1,,,,2020-12-15,,,,,,,,2020-12-10,granted,',
      'OLD-3,district-gov,online,research,r1,,,,2020-12-15,,,,,,,,2021-01-10,maybe,',
      'OLD-4,district-gov,online,robot,r1,,,,2020-12-15,,,,,,,,,,',
      'OLD-1,district-gov,online,research,r1,,,,2020-12-32,,,,,,,,,,',
      'OLD-5,district-gov,online,research,r1,,,,2020-12-15,,,,,2020-12-20,30,x,,,',
      'OLD-6,district-gov,online,research,r1,,,,2020-12-15,,2021-01-20,,,,,,,,',
      'OLD-7,district-gov,online,research,r1,,,,2020-12-15,,,,,,,,,granted,',
    ].join('\n')
    const r = await cases.importCsv(bad)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'replied'],
      [3, 'outcome'],
      [4, 'applicant_type'],
      [5, 'received'],
      [6, 'extension_days'],
      [7, 'correction_requested'],
      [8, 'outcome'],
    ])
    expect((await cases.list({ status: 'all', asOf: '2021-12-31' })).total).toBe(0)

    const ok = await cases.importCsv(`\uFEFF${good}`)
    expect(ok).toMatchObject({ ok: true, imported: 2 })
    const old = await cases.show('OLD-1', { asOf: '2021-01-11' })
    expect(old).toMatchObject({
      subject: '公交线路,调整',
      applicant: { name: '李四', contact: '021-1234' },
      clock: { workingDays: 30, registrationDue: '2020-12-17', registrationOverdue: false },
    })
    const again = await cases.importCsv(good)
    expect(again.ok ? [] : again.errors.map((e) => [e.row, e.column])).toEqual([[2, 'id']])
    const unknown = await cases.importCsv('organ,channel,colour\n')
    expect(unknown.ok ? [] : unknown.errors.map((e) => e.column)).toEqual([
      'colour',
      'applicant_type',
      'applicant_id',
      'received',
    ])
  })

  it('computes the annual report of an organ with included organs from stored events', async () => {
    const gov = (await cases.add(newRequest({ received: '2021-03-01' }))).id
    const edu = (
      await cases.add(
        newRequest({
          received: '2021-03-02',
          organ: 'edu-bureau',
          applicant: { id: 'e', type: 'research' },
        })
      )
    ).id
    await cases.add(newRequest({ received: '2021-12-20' }))
    await cases.appendEvent(gov, { type: 'replied', date: '2021-03-20', outcome: 'partial' })
    await cases.appendEvent(edu, {
      type: 'fee_notified',
      date: '2021-03-05',
      mode: 'per_volume',
      pages: 100,
    })
    await cases.appendEvent(edu, { type: 'fee_paid', date: '2021-03-08' })
    await cases.appendEvent(edu, { type: 'replied', date: '2022-01-10', outcome: 'granted' })
    const own = await cases.annualReport({
      year: 2021,
      organ: { id: 'district-gov', kind: 'government' },
    })
    expect(own.table3.new.total).toBe(2)
    expect(own.table3.partial.natural_person).toBe(1)
    expect(own.table3.carried_out.total).toBe(1)
    const all = await cases.annualReport({
      year: 2021,
      organ: { id: 'district-gov', name: '示例区人民政府', kind: 'government' },
      include: ['edu-bureau'],
    })
    expect(all.include).toEqual(['edu-bureau'])
    expect(all.table3.new.total).toBe(3)
    expect(all.table3.carried_out.research).toBe(1)
    expect(all.fees).toEqual({ count: 1, totalYuan: 700 })
    expect(checkAnnualReport(all)).toEqual({ ok: true })
    const next = await cases.annualReport({ year: 2022, organ: { id: 'edu-bureau' } })
    expect(next.table3.carried_in.research).toBe(1)
    expect(next.table3.granted.research).toBe(1)
  })

  it('reads a small organ through the indexes and a large one straight through, alike', async () => {
    for (let i = 0; i < 12; i++) await cases.add(newRequest({ received: '2021-09-01' }))
    const small = (await cases.add(newRequest({ organ: 'edu-bureau', received: '2021-09-02' }))).id
    await cases.appendEvent(small, { type: 'registered', date: '2021-09-03' })
    await cases.appendEvent(small, { type: 'extended', date: '2021-09-20', approver: '李' })
    const narrow = await cases.list({ organ: 'edu-bureau', asOf: '2021-10-01' })
    const broad = await cases.list({ asOf: '2021-10-01' })
    const fromBroad = broad.items.find((i) => i.id === small)
    expect(narrow.items).toEqual([fromBroad])
    expect(narrow.items[0]?.clock.workingDays).toBe(40)
    const loaded = await cases.loadCases({ organs: ['edu-bureau'], upTo: '2021-12-31' })
    expect(loaded[0]?.events.map((e) => e.type)).toEqual(['received', 'registered', 'extended'])
  })

  it('keeps entry order even when the store returns events out of it', async () => {
    const { id } = await cases.add(newRequest())
    await cases.appendEvent(id, { type: 'registered', date: '2021-09-24' })
    await cases.appendEvent(id, {
      type: 'consultation_started',
      date: '2021-09-24',
      party: 'organ',
    })
    // Re-insert the registration so the table's physical order no longer follows seq.
    const row = await store.get<Record<string, string | number | null>>(
      'SELECT * FROM cases_events WHERE request_id = ? AND seq = 2',
      [id]
    )
    await store.run('DELETE FROM cases_events WHERE request_id = ? AND seq = 2', [id])
    await store.run(
      'INSERT INTO cases_events (request_id, seq, type, date, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
      [id, 2, row?.type ?? null, row?.date ?? null, row?.payload ?? null, row?.recorded_at ?? null]
    )
    const loaded = await cases.loadCases({ upTo: '2021-12-31' })
    expect(loaded[0]?.events.map((e) => e.type)).toEqual([
      'received',
      'registered',
      'consultation_started',
    ])
  })
})
