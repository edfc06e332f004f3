import { describe, expect, it } from 'vitest'
import { CasesError, type ImpossibleHistoryDetails } from './cases-error.js'
import { createClockEngine } from './clock-engine.js'
import { DEFAULT_CASES_CONFIG } from './config.js'
import { parseEvent } from './parse-event.js'
import type { RequestEvent } from './request-event.js'
import { validateHistory } from './validate-history.js'

const opts = { engine: createClockEngine(), config: DEFAULT_CASES_CONFIG.request }
const received = (date: string): RequestEvent => ({ type: 'received', date, channel: 'online' })

const failure = (events: RequestEvent[], extra: { today?: string } = {}) => {
  try {
    validateHistory('online', events, { ...opts, ...extra })
  } catch (e) {
    expect(e).toBeInstanceOf(CasesError)
    const err = e as CasesError
    expect(err.code).toBe('impossible_history')
    expect(err.toJSON().error.code).toBe('impossible_history')
    return err.details as ImpossibleHistoryDetails
  }
  throw new Error('expected impossible_history')
}

describe('validateHistory', () => {
  it('accepts a full history and returns it in date order', () => {
    const events: RequestEvent[] = [
      received('2021-09-24'),
      { type: 'correction_requested', date: '2021-09-28' },
      { type: 'correction_received', date: '2021-10-11' },
      { type: 'consultation_started', date: '2021-10-12', party: 'third_party' },
      { type: 'consultation_ended', date: '2021-10-20' },
      { type: 'fee_notified', date: '2021-10-21', mode: 'per_volume', pages: 120 },
      { type: 'fee_paid', date: '2021-10-25' },
      { type: 'extended', date: '2021-11-10', approver: '王主任', workingDays: 20 },
      { type: 'replied', date: '2021-11-30', outcome: 'partial' },
      { type: 'review_filed', date: '2021-12-10' },
      { type: 'review_decided', date: '2022-02-10', result: 'upheld' },
      { type: 'litigation_filed', date: '2022-02-20', kind: 'after_review' },
      { type: 'litigation_decided', date: '2022-06-20', result: 'other' },
    ]
    // Entered out of order: the registration was recorded last but happened first.
    const withLate = [...events, { type: 'registered', date: '2021-09-24' } as RequestEvent]
    const h = validateHistory('online', withLate, opts)
    expect(h[1]?.type).toBe('registered')
    expect(h.map((e) => e.date)).toEqual([...h.map((e) => e.date)].sort())
  })

  it('names a reply before the receipt', () => {
    const d = failure([
      received('2021-05-10'),
      { type: 'replied', date: '2021-05-01', outcome: 'granted' },
    ])
    expect(d).toEqual({
      event: { index: 0, type: 'replied', date: '2021-05-01' },
      rule: 'reply_before_receipt',
    })
  })

  it('names any event before the receipt, and a history without one', () => {
    expect(failure([received('2021-05-10'), { type: 'registered', date: '2021-05-09' }]).rule).toBe(
      'before_receipt'
    )
    expect(failure([{ type: 'registered', date: '2021-05-09' }]).rule).toBe('no_receipt')
    expect(failure([received('2021-05-10'), received('2021-05-11')]).rule).toBe('second_receipt')
  })

  it('names a second extension', () => {
    const d = failure([
      received('2021-04-14'),
      { type: 'extended', date: '2021-05-10', approver: '王主任', workingDays: 10 },
      { type: 'extended', date: '2021-05-20', approver: '王主任', workingDays: 10 },
    ])
    expect(d).toEqual({
      event: { index: 2, type: 'extended', date: '2021-05-20' },
      rule: 'second_extension',
    })
  })

  it('names an unknown outcome code', () => {
    const e = parseEvent(
      { type: 'replied', date: '2021-05-10', outcome: 'refused.too_hard' },
      opts.config
    )
    const d = failure([received('2021-04-14'), e])
    expect(d).toEqual({
      event: { index: 1, type: 'replied', date: '2021-05-10' },
      rule: 'unknown_outcome',
    })
  })

  it('allows a correction notice within 7 working days, later only with late: true and a reason', () => {
    // 2021-09-24 + 7 working days = 2021-10-11 (国庆 in between; 09-26 and 10-09 are 补班).
    const base = [received('2021-09-24')]
    expect(() =>
      validateHistory(
        'online',
        [...base, { type: 'correction_requested', date: '2021-10-09' }],
        opts
      )
    ).not.toThrow()
    const late: RequestEvent = { type: 'correction_requested', date: '2021-10-11' }
    expect(failure([...base, late]).rule).toBe('late_correction')
    expect(failure([...base, { ...late, late: true }]).rule).toBe('late_correction')
    expect(() =>
      validateHistory(
        'online',
        [...base, { ...late, late: true, reason: '申请人地址有误，邮件退回' }],
        opts
      )
    ).not.toThrow()
  })

  it('names events after a final reply, except review and litigation', () => {
    const closed = [
      received('2021-04-14'),
      { type: 'replied', date: '2021-04-20', outcome: 'granted' } as RequestEvent,
    ]
    expect(
      failure([...closed, { type: 'replied', date: '2021-04-21', outcome: 'granted' }])
    ).toEqual({
      event: { index: 2, type: 'replied', date: '2021-04-21' },
      rule: 'second_reply',
    })
    expect(
      failure([...closed, { type: 'extended', date: '2021-04-21', approver: 'x', workingDays: 5 }])
        .rule
    ).toBe('after_final')
    const withdrawn = [
      received('2021-04-14'),
      { type: 'withdrawn', date: '2021-04-15' } as RequestEvent,
    ]
    expect(failure([...withdrawn, { type: 'registered', date: '2021-04-16' }]).rule).toBe(
      'after_final'
    )
    expect(() =>
      validateHistory(
        'online',
        [
          ...closed,
          { type: 'review_filed', date: '2021-05-01' },
          { type: 'litigation_filed', date: '2021-06-01', kind: 'after_review' },
        ],
        opts
      )
    ).not.toThrow()
  })

  it.each([
    [[{ type: 'correction_received', date: '2021-04-15' }], 'correction_not_requested'],
    [
      [
        { type: 'correction_requested', date: '2021-04-15' },
        { type: 'correction_received', date: '2021-04-16' },
        { type: 'correction_requested', date: '2021-04-17' },
      ],
      'second_correction',
    ],
    [
      [
        { type: 'consultation_started', date: '2021-04-15', party: 'organ' },
        { type: 'correction_requested', date: '2021-04-16' },
      ],
      'correction_during_pause',
    ],
    [
      [
        { type: 'correction_requested', date: '2021-04-15' },
        { type: 'extended', date: '2021-04-16', approver: 'x', workingDays: 3 },
      ],
      'awaiting_correction',
    ],
    [
      [
        { type: 'consultation_started', date: '2021-04-15', party: 'organ' },
        { type: 'consultation_started', date: '2021-04-16', party: 'third_party' },
      ],
      'consultation_open',
    ],
    [[{ type: 'consultation_ended', date: '2021-04-15' }], 'no_open_consultation'],
    [
      [
        { type: 'fee_notified', date: '2021-04-15', mode: 'per_request' },
        { type: 'fee_unpaid', date: '2021-05-15' },
        { type: 'fee_notified', date: '2021-05-16', mode: 'per_request' },
      ],
      'second_fee_notice',
    ],
    [[{ type: 'fee_paid', date: '2021-04-15' }], 'no_open_fee_notice'],
    [
      [{ type: 'replied', date: '2021-04-15', outcome: 'other.correction_overdue' }],
      'outcome_without_correction',
    ],
    [
      [{ type: 'replied', date: '2021-04-15', outcome: 'unable.unclear_after_correction' }],
      'outcome_without_correction',
    ],
    [
      [{ type: 'replied', date: '2021-04-15', outcome: 'other.fee_unpaid' }],
      'outcome_without_unpaid_fee',
    ],
    [
      [
        { type: 'registered', date: '2021-04-15' },
        { type: 'registered', date: '2021-04-16' },
      ],
      'second_registration',
    ],
    [[{ type: 'review_decided', date: '2021-04-15', result: 'upheld' }], 'no_open_review'],
    [
      [
        { type: 'review_filed', date: '2021-04-15' },
        { type: 'review_filed', date: '2021-04-16' },
      ],
      'review_open',
    ],
    [
      [{ type: 'litigation_filed', date: '2021-04-15', kind: 'after_review' }],
      'litigation_without_review',
    ],
    [
      [
        { type: 'litigation_filed', date: '2021-04-15', kind: 'direct' },
        { type: 'litigation_filed', date: '2021-04-16', kind: 'direct' },
      ],
      'litigation_open',
    ],
    [
      [{ type: 'litigation_decided', date: '2021-04-15', result: 'corrected' }],
      'no_open_litigation',
    ],
  ] as [RequestEvent[], string][])('names the event breaking %j (%s)', (events, rule) => {
    const d = failure([received('2021-04-14'), ...events])
    expect(d.rule).toBe(rule)
    expect(d.event.index).toBe(events.length)
    expect(d.event.type).toBe(events[events.length - 1]?.type)
  })

  it('checks the receipt against the channel’s Art. 31 field', () => {
    expect(() =>
      validateHistory(
        'registered_mail',
        [
          {
            type: 'received',
            date: '2021-04-14',
            channel: 'registered_mail',
            signedForOn: '2021-04-14',
          },
        ],
        opts
      )
    ).not.toThrow()
    const wrong = () =>
      validateHistory(
        'registered_mail',
        [
          {
            type: 'received',
            date: '2021-04-14',
            channel: 'registered_mail',
            submittedOn: '2021-04-14',
          },
        ],
        opts
      )
    expect(wrong).toThrow(/signedForOn/)
    const mismatch = () =>
      validateHistory(
        'in_person',
        [{ type: 'received', date: '2021-04-14', channel: 'in_person', submittedOn: '2021-04-13' }],
        opts
      )
    expect(mismatch).toThrow(/differs/)
    expect(() => validateHistory('letter', [received('2021-04-14')], opts)).toThrow(
      /channel online/
    )
  })

  it('refuses events dated after today when told today', () => {
    expect(
      failure([received('2021-04-14'), { type: 'registered', date: '2021-04-16' }], {
        today: '2021-04-15',
      }).rule
    ).toBe('future_date')
  })
})

describe('parseEvent', () => {
  const cfg = DEFAULT_CASES_CONFIG.request
  it('fills the extension’s default working days and refuses more than the maximum', () => {
    expect(parseEvent({ type: 'extended', date: '2021-05-01', approver: '王主任' }, cfg)).toEqual({
      type: 'extended',
      date: '2021-05-01',
      approver: '王主任',
      workingDays: 20,
    })
    expect(() =>
      parseEvent({ type: 'extended', date: '2021-05-01', approver: 'x', workingDays: 21 }, cfg)
    ).toThrow(/workingDays/)
  })

  it('refuses unknown types, unknown fields and malformed dates with bad_request naming the parameter', () => {
    const param = (raw: unknown) => {
      try {
        parseEvent(raw, cfg)
      } catch (e) {
        expect((e as CasesError).code).toBe('bad_request')
        return ((e as CasesError).details as { parameter: string }).parameter
      }
      return undefined
    }
    expect(param({ type: 'answered', date: '2021-05-01' })).toBe('type')
    expect(param({ type: 'registered', date: '2021-02-30' })).toBe('date')
    expect(param({ type: 'registered', date: '2021-05-01', note: 'x' })).toBe('note')
    expect(param({ type: 'fee_notified', date: '2021-05-01', mode: 'per_volume' })).toBe('pages')
    expect(param({ type: 'fee_notified', date: '2021-05-01', mode: 'per_request', pages: 3 })).toBe(
      'pages'
    )
    expect(param({ type: 'consultation_started', date: '2021-05-01', party: 'public' })).toBe(
      'party'
    )
  })
})
