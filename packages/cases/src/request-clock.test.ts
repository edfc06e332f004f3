import { addWorkingDays, defaultCalendar, isWorkingDay } from '@gongkai/calendar'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClockEngine } from './clock-engine.js'
import { DEFAULT_CASES_CONFIG, resolveCasesConfig } from './config.js'
import { requestClock } from './request-clock.js'
import type { RequestEvent } from './request-event.js'
import { naiveDue, plusDays } from './test-helpers.js'
import { validateHistory } from './validate-history.js'

const engine = createClockEngine()
const config = DEFAULT_CASES_CONFIG.request
const clock = (events: RequestEvent[], asOf: string, channel: 'online' | 'in_person' = 'online') =>
  requestClock(channel, events, { engine, config, asOf })
const received = (date: string, channel: 'online' | 'in_person' = 'online'): RequestEvent => ({
  type: 'received',
  date,
  channel,
})

describe('requestClock fixtures across 国庆, 春节 and 调休 weekends', () => {
  it('received only: 20 working days, counting down to overdue', () => {
    const events = [received('2021-09-24')]
    expect(clock(events, '2021-09-30')).toMatchObject({
      status: 'open',
      start: '2021-09-24',
      workingDays: 20,
      dueDate: '2021-10-27',
      workingDaysLeft: 15,
      paused: false,
      provisional: false,
      overdue: false,
    })
    // 10-09 is a 补班 Saturday, so it counts.
    expect(clock(events, '2021-10-08').workingDaysLeft).toBe(14)
    expect(clock(events, '2021-10-27')).toMatchObject({ workingDaysLeft: 0, overdue: false })
    expect(clock(events, '2021-10-28')).toMatchObject({ workingDaysLeft: -1, overdue: true })
  })

  it('corrected: restarts from the corrected request’s receipt (春节 2022)', () => {
    const events: RequestEvent[] = [
      received('2022-01-17'),
      { type: 'correction_requested', date: '2022-01-19' },
      { type: 'correction_received', date: '2022-01-20' },
    ]
    expect(clock(events.slice(0, 2), '2022-01-25')).toMatchObject({
      status: 'awaiting_correction',
      dueDate: null,
      workingDaysLeft: null,
      overdue: false,
    })
    // 01-29/01-30 补班, 01-31…02-06 off.
    expect(clock(events, '2022-01-25')).toMatchObject({
      status: 'open',
      start: '2022-01-20',
      dueDate: '2022-02-22',
    })
  })

  it('extended: adds the approved working days (§8.4: 2021-05-13 + 20 = 2021-06-10)', () => {
    const events: RequestEvent[] = [
      received('2021-04-14'),
      { type: 'extended', date: '2021-05-10', approver: '王主任', workingDays: 20 },
    ]
    expect(clock(events, '2021-05-20')).toMatchObject({ workingDays: 40, dueDate: '2021-06-10' })
    const shorter: RequestEvent[] = [
      received('2021-04-14'),
      { type: 'extended', date: '2021-05-10', approver: '王主任', workingDays: 5 },
    ]
    expect(clock(shorter, '2021-05-20').dueDate).toBe(addWorkingDays('2021-05-13', 5).date)
  })

  it('paused: a consultation across 国庆 2022, with its own 15-working-day deadline', () => {
    const events: RequestEvent[] = [
      received('2022-09-23'),
      { type: 'consultation_started', date: '2022-09-28', party: 'third_party' },
      { type: 'consultation_ended', date: '2022-10-14' },
    ]
    // 09-26…09-28 count (3); then 10-08/10-09 补班 and the rest of October are paused.
    expect(clock(events.slice(0, 2), '2022-10-10')).toMatchObject({
      status: 'paused',
      paused: true,
      dueDate: null,
      consultationDue: addWorkingDays('2022-09-28', 15).date,
    })
    expect(addWorkingDays('2022-09-28', 15).date).toBe('2022-10-24')
    const resumed = clock(events, '2022-10-17')
    expect(resumed).toMatchObject({ status: 'open', paused: false })
    expect(resumed.consultationDue).toBeUndefined()
    expect(resumed.dueDate).toBe(addWorkingDays('2022-10-14', 17).date)
    expect(resumed.dueDate).toBe('2022-11-08')
  })

  it('fee waiting is a pause too', () => {
    const events: RequestEvent[] = [
      received('2021-04-14'),
      { type: 'fee_notified', date: '2021-04-20', mode: 'per_volume', pages: 80 },
      { type: 'fee_paid', date: '2021-04-30' },
    ]
    expect(clock(events.slice(0, 2), '2021-04-25').status).toBe('paused')
    // 04-15…04-20: 4 working days; after 04-30 (05-01…05-05 off), 16 more.
    expect(clock(events, '2021-05-06').dueDate).toBe(addWorkingDays('2021-04-30', 16).date)
  })

  it('replied and withdrawn close the clock; overdue means replied late', () => {
    const onTime: RequestEvent[] = [
      received('2021-09-24'),
      { type: 'replied', date: '2021-10-27', outcome: 'granted' },
    ]
    expect(clock(onTime, '2021-12-01')).toMatchObject({
      status: 'replied',
      closedOn: '2021-10-27',
      dueDate: '2021-10-27',
      workingDaysLeft: null,
      overdue: false,
    })
    const late: RequestEvent[] = [
      received('2021-09-24'),
      { type: 'replied', date: '2021-10-28', outcome: 'granted' },
    ]
    expect(clock(late, '2021-12-01').overdue).toBe(true)
    expect(
      clock([received('2021-09-24'), { type: 'withdrawn', date: '2021-09-27' }], '2021-10-01')
        .status
    ).toBe('withdrawn')
    // Read before the reply, the reply is not yet known.
    expect(clock(late, '2021-10-20').status).toBe('open')
  })

  it('offline requests get the registration deadline (2 working days, configurable)', () => {
    // 2021-09-30 + 2: 10-08 (Fri) and 10-09 (补班 Sat).
    const c = clock([received('2021-09-30', 'in_person')], '2021-10-11', 'in_person')
    expect(c).toMatchObject({ registrationDue: '2021-10-09', registrationOverdue: true })
    const registered = clock(
      [received('2021-09-30', 'in_person'), { type: 'registered', date: '2021-10-08' }],
      '2021-10-11',
      'in_person'
    )
    expect(registered.registrationOverdue).toBe(false)
    expect(clock([received('2021-09-30')], '2021-10-11').registrationDue).toBeUndefined()
    const five = resolveCasesConfig({ request: { offlineRegistrationDays: 5 } }).request
    const c5 = requestClock('in_person', [received('2021-09-30', 'in_person')], {
      engine,
      config: five,
      asOf: '2021-10-11',
    })
    expect(c5.registrationDue).toBe('2021-10-13')
  })

  it('is provisional when the clock runs past the calendar’s data', () => {
    const last = defaultCalendar().lastOfficialYear()
    const c = clock([received(`${last}-12-20`)], `${last}-12-21`)
    expect(c.provisional).toBe(true)
    expect(c.reason).toMatch(String(last + 1))
  })
})

// A random history: received R, maybe a correction (requested within 7 wd, received later),
// later consultations/fee pauses, maybe an extension.
const historyArb = fc
  .record({
    r: fc.integer({ min: 0, max: 3 * 365 }),
    correction: fc.option(
      fc.record({ ask: fc.integer({ min: 0, max: 5 }), gap: fc.integer({ min: 0, max: 40 }) })
    ),
    pauses: fc.array(
      fc.record({
        after: fc.integer({ min: 0, max: 25 }),
        length: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 2 }
    ),
    extension: fc.option(fc.integer({ min: 1, max: 20 })),
  })
  .map(({ r, correction, pauses, extension }) => {
    const R = plusDays('2020-01-01', r)
    const events: RequestEvent[] = [received(R)]
    let start = R
    if (correction) {
      const asked = plusDays(R, correction.ask)
      const C = plusDays(asked, correction.gap)
      events.push(
        { type: 'correction_requested', date: asked },
        { type: 'correction_received', date: C }
      )
      start = C
    }
    let cursor = start
    const laterPauses: { start: string; end: string }[] = []
    pauses.forEach((p, i) => {
      const s = plusDays(cursor, p.after)
      const e = plusDays(s, p.length)
      laterPauses.push({ start: s, end: e })
      events.push(
        i % 2 === 0
          ? { type: 'consultation_started', date: s, party: 'organ' }
          : { type: 'fee_notified', date: s, mode: 'per_request' },
        i % 2 === 0 ? { type: 'consultation_ended', date: e } : { type: 'fee_paid', date: e }
      )
      cursor = e
    })
    if (extension !== null) {
      events.push({
        type: 'extended',
        date: plusDays(cursor, 1),
        approver: '主任',
        workingDays: extension,
      })
    }
    return { events, start, laterPauses, extension: extension ?? 0 }
  })

describe('requestClock properties', () => {
  it('a correction gives exactly C + 20 working days plus later pauses and the extension', () => {
    fc.assert(
      fc.property(historyArb, ({ events, start, laterPauses, extension }) => {
        validateHistory('online', events, { engine, config })
        const c = clock(events, '2099-12-31')
        expect(c.start).toBe(start)
        expect(c.dueDate).toBe(naiveDue(defaultCalendar(), start, 20 + extension, laterPauses))
        if (laterPauses.length === 0 && extension === 0) {
          expect(c.dueDate).toBe(addWorkingDays(start, 20).date)
        }
        expect(isWorkingDay(c.dueDate as string)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it('adding a pause never brings the due date forward', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        ({ events }, after, length) => {
          const base = clock(events, '2099-12-31')
          const last = events.map((e) => e.date).sort()[events.length - 1] as string
          const s = plusDays(last, after)
          const paused = clock(
            [
              ...events,
              { type: 'consultation_started', date: s, party: 'third_party' },
              { type: 'consultation_ended', date: plusDays(s, length) },
            ],
            '2099-12-31'
          )
          expect((paused.dueDate as string) >= (base.dueDate as string)).toBe(true)
        }
      ),
      { numRuns: 200 }
    )
  })
})
