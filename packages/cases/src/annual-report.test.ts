import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeAnnualReport } from './annual-report.js'
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS } from './annual-report-types.js'
import { checkAnnualReport, ReportCheckError } from './check-annual-report.js'
import { createClockEngine } from './clock-engine.js'
import { DEFAULT_CASES_CONFIG } from './config.js'
import { renderAnnualReportCsv, renderAnnualReportJson } from './render-annual-report.js'
import { renderAnnualReportHtml } from './render-annual-report-html.js'
import type { CaseRecord, RequestEvent } from './request-event.js'
import { plusDays } from './test-helpers.js'
import { validateHistory } from './validate-history.js'
import {
  APPLICANT_TYPES,
  type ApplicantType,
  OUTCOME_CODES,
  type OutcomeCode,
} from './vocabulary.js'

const engine = createClockEngine()
const organ = { id: 'district-gov', name: '示例区人民政府', kind: 'government' as const }

/** A valid history ending in `end` (an outcome code or `withdrawn`) on `closed`, or open when null. */
function history(
  received: string,
  end: OutcomeCode | 'withdrawn' | null,
  closed: string
): RequestEvent[] {
  const events: RequestEvent[] = [{ type: 'received', date: received, channel: 'online' }]
  const next = plusDays(received, 1)
  if (end === 'other.correction_overdue') events.push({ type: 'correction_requested', date: next })
  if (end === 'unable.unclear_after_correction') {
    events.push(
      { type: 'correction_requested', date: next },
      { type: 'correction_received', date: next }
    )
  }
  if (end === 'other.fee_unpaid') {
    events.push(
      { type: 'fee_notified', date: next, mode: 'per_request' },
      { type: 'fee_unpaid', date: next }
    )
  }
  if (end === 'withdrawn') events.push({ type: 'withdrawn', date: closed })
  else if (end !== null) events.push({ type: 'replied', date: closed, outcome: end })
  return events
}

let n = 0
const makeCase = (
  type: ApplicantType,
  received: string,
  end: OutcomeCode | 'withdrawn' | null,
  closed = plusDays(received, 10),
  extra: RequestEvent[] = [],
  applicant = `a${n}`
): CaseRecord => {
  const events = [...history(received, end, closed), ...extra]
  validateHistory('online', events, { engine, config: DEFAULT_CASES_CONFIG.request })
  return {
    id: `r${++n}`,
    organ: organ.id,
    channel: 'online',
    applicant: { id: applicant, type },
    received,
    events,
  }
}

const report = (
  year: number,
  cases: CaseRecord[],
  more: Partial<Parameters<typeof computeAnnualReport>[0]> = {}
) => computeAnnualReport({ year, organ, cases, ...more })

describe('computeAnnualReport table 三', () => {
  it('puts every §3.9 code in its own cell', () => {
    OUTCOME_CODES.forEach((code, i) => {
      const type = APPLICANT_TYPES[i % APPLICANT_TYPES.length] as ApplicantType
      const r = report(2021, [makeCase(type, '2021-03-01', code)])
      for (const row of TABLE3_ROWS) {
        for (const col of TABLE3_COLUMNS) {
          const one =
            (row === code || row === 'new' || row === 'total') && (col === type || col === 'total')
          expect([`${row}.${col}`, r.table3[row][col]]).toEqual([`${row}.${col}`, one ? 1 : 0])
        }
      }
      expect(checkAnnualReport(r)).toEqual({ ok: true })
    })
  })

  it('counts a withdrawal as （六）3 other.other', () => {
    const r = report(2021, [makeCase('research', '2021-03-01', 'withdrawn')])
    expect(r.table3['other.other'].research).toBe(1)
  })

  it('carries open cases over, and counts a case in the year of its reply', () => {
    const c = makeCase('commercial', '2020-12-20', 'granted', '2021-01-11')
    const r2020 = report(2020, [c])
    expect(r2020.table3.new.commercial).toBe(1)
    expect(r2020.table3.carried_out.commercial).toBe(1)
    expect(r2020.table3.granted.commercial).toBe(0)
    const r2021 = report(2021, [c])
    expect(r2021.table3.new.commercial).toBe(0)
    expect(r2021.table3.carried_in.commercial).toBe(1)
    expect(r2021.table3.granted.commercial).toBe(1)
    expect(r2021.table3.carried_out.commercial).toBe(0)
    // Closed in 2021: gone from 2022.
    expect(report(2022, [c]).table3.carried_in.total).toBe(0)
  })

  it('ignores cases received after the year', () => {
    expect(report(2021, [makeCase('other', '2022-01-03', null)]).table3.new.total).toBe(0)
  })
})

describe('computeAnnualReport table 四, table 二 and part 六', () => {
  it('counts decided reviews and lawsuits by result, undecided ones as pending', () => {
    const cases = [
      makeCase('natural_person', '2021-02-01', 'refused.process_info', '2021-02-10', [
        { type: 'review_filed', date: '2021-03-01' },
        { type: 'review_decided', date: '2021-05-01', result: 'upheld' },
        { type: 'litigation_filed', date: '2021-05-20', kind: 'after_review' },
      ]),
      makeCase('natural_person', '2021-02-01', 'unable.not_held', '2021-02-10', [
        { type: 'review_filed', date: '2021-12-01' },
        { type: 'review_decided', date: '2022-01-15', result: 'corrected' },
        { type: 'litigation_filed', date: '2022-02-01', kind: 'after_review' },
        { type: 'litigation_decided', date: '2022-06-01', result: 'corrected' },
      ]),
      makeCase('commercial', '2021-02-01', null, '', [
        { type: 'litigation_filed', date: '2021-04-01', kind: 'direct' },
        { type: 'litigation_decided', date: '2021-09-01', result: 'other' },
      ]),
    ]
    const r2021 = report(2021, cases)
    expect(r2021.table4.review).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 })
    expect(r2021.table4.litigation_direct).toEqual({
      upheld: 0,
      corrected: 0,
      other: 1,
      pending: 0,
      total: 1,
    })
    expect(r2021.table4.litigation_after_review).toEqual({
      upheld: 0,
      corrected: 0,
      other: 0,
      pending: 1,
      total: 1,
    })
    const r2022 = report(2022, cases)
    expect(r2022.table4.review).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 })
    // The 2021 after-review lawsuit is still pending; the 2022 one was decided.
    expect(r2022.table4.litigation_after_review).toEqual({
      upheld: 0,
      corrected: 1,
      other: 0,
      pending: 1,
      total: 2,
    })
  })

  it('fills table 二 from the content index and the declared counts', () => {
    const r = report(2021, [], {
      contents: [
        { kind: 'rule', formedAt: '2021-03-01' },
        { kind: 'rule', formedAt: '2019-03-01', repealedAt: '2021-06-01' },
        { kind: 'rule', formedAt: '2018-03-01' },
        { kind: 'rule', formedAt: '2022-01-05' },
        { kind: 'normative_document', formedAt: '2021-07-01', repealedAt: '2022-01-01' },
        { kind: 'notice', formedAt: '2021-07-01' },
        { kind: 'normative_document' },
      ],
      declared: { permits: 120, penalties: 33, coercions: 2, feesWanYuan: 12.5 },
    })
    expect(r.table2).toEqual({
      rule: { formed: 1, repealed: 1, in_force: 2 },
      normative_document: { formed: 1, repealed: 0, in_force: 1 },
      permit: { decisions: 120 },
      penalty: { decisions: 33 },
      coercion: { decisions: 2 },
      fee: { amount_wan_yuan: 12.5 },
    })
    expect(() => report(2021, [], { declared: { permits: -1 } })).toThrow(/declared.permits/)
  })

  it('sums the year’s paid fees: per volume by pages, per request by the applicant’s month', () => {
    const paid = (
      date: string,
      mode: 'per_request' | 'per_volume',
      pages?: number
    ): RequestEvent[] => [
      { type: 'fee_notified', date, mode, ...(pages ? { pages } : {}) } as RequestEvent,
      { type: 'fee_paid', date: plusDays(date, 3) },
    ]
    const cases = [
      makeCase('natural_person', '2021-03-01', null, '', paid('2021-03-10', 'per_volume', 150)),
      // The applicant's 12th request in March 2021: 100 yuan.
      ...Array.from({ length: 11 }, () =>
        makeCase('natural_person', '2021-03-02', 'granted', '2021-03-05', [], 'heavy')
      ),
      makeCase(
        'natural_person',
        '2021-03-03',
        null,
        '',
        paid('2021-03-10', 'per_request'),
        'heavy'
      ),
      // Paid in 2022: not in 2021.
      makeCase('natural_person', '2021-12-20', null, '', paid('2021-12-30', 'per_volume', 40)),
    ]
    const r = report(2021, cases)
    expect(r.fees).toEqual({ count: 2, totalYuan: 1700 + 100 })
    expect(report(2022, cases).fees).toEqual({ count: 1, totalYuan: 100 })
  })

  it('sets the publication deadline by the organ’s kind (Art. 49)', () => {
    expect(report(2021, []).dueDate).toBe('2022-03-31')
    expect(
      computeAnnualReport({ year: 2021, organ: { id: 'x', kind: 'department' }, cases: [] }).dueDate
    ).toBe('2022-01-31')
  })
})

// A year of random requests to test the report against a count written independently.
function generatedYear(seed: number, size: number): CaseRecord[] {
  let s = seed
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
  const cases: CaseRecord[] = []
  for (let i = 0; i < size; i++) {
    const received = plusDays('2020-09-01', Math.floor(rand() * 480)) // up to 2021-12-24
    const closedAfter = 1 + Math.floor(rand() * 80)
    const end = rand() < 0.15 ? null : rand() < 0.08 ? 'withdrawn' : pick(OUTCOME_CODES)
    const closed = plusDays(received, closedAfter)
    const extra: RequestEvent[] = []
    if (rand() < 0.1) {
      const filed = plusDays(received, 5 + Math.floor(rand() * 100))
      extra.push({ type: 'review_filed', date: filed })
      if (rand() < 0.6) {
        extra.push({
          type: 'review_decided',
          date: plusDays(filed, 1 + Math.floor(rand() * 90)),
          result: pick(['upheld', 'corrected', 'other'] as const),
        })
      }
    }
    if (rand() < 0.05) {
      const filed = plusDays(received, 3 + Math.floor(rand() * 200))
      extra.push({ type: 'litigation_filed', date: filed, kind: 'direct' })
      if (rand() < 0.5) {
        extra.push({
          type: 'litigation_decided',
          date: plusDays(filed, 1 + Math.floor(rand() * 150)),
          result: pick(['upheld', 'corrected', 'other'] as const),
        })
      }
    }
    // Requests closed before their events would be impossible histories: keep review/litigation only.
    cases.push(makeCase(pick(APPLICANT_TYPES), received, end, closed, extra))
  }
  return cases
}

describe('a generated year of 1,000 requests', () => {
  const cases = generatedYear(17, 1000)
  const r = report(2021, cases)
  const end = '2021-12-31'
  const inYear = (d: string | undefined) => d !== undefined && d >= '2021-01-01' && d <= end
  const closing = (c: CaseRecord) =>
    c.events.find((e) => (e.type === 'replied' || e.type === 'withdrawn') && e.date <= end)
  const codeOf = (e: RequestEvent) => (e.type === 'replied' ? e.outcome : 'other.other')

  it('matches counts computed independently, cell by cell', () => {
    for (const type of APPLICANT_TYPES) {
      const mine = cases.filter((c) => c.applicant.type === type)
      const open = mine.filter((c) => c.received <= end && closing(c) === undefined)
      expect(r.table3.new[type]).toBe(mine.filter((c) => inYear(c.received)).length)
      expect(r.table3.carried_in[type]).toBe(
        mine.filter(
          (c) => c.received < '2021-01-01' && (closing(c) === undefined || inYear(closing(c)?.date))
        ).length
      )
      expect(r.table3.carried_out[type]).toBe(open.length)
      for (const code of OUTCOME_CODES) {
        const count = mine.filter((c) => {
          const e = closing(c)
          return e !== undefined && inYear(e.date) && codeOf(e) === code
        }).length
        expect([code, type, r.table3[code][type]]).toEqual([code, type, count])
      }
    }
    const decided = (type: 'review_decided' | 'litigation_decided', result: string) =>
      cases
        .flatMap((c) => c.events)
        .filter((e) => e.type === type && inYear(e.date) && e.result === result).length
    const pending = (filed: 'review_filed' | 'litigation_filed', decidedType: string) =>
      cases.filter((c) => {
        const f = c.events.find((e) => e.type === filed)
        const d = c.events.find((e) => e.type === decidedType)
        return f !== undefined && f.date <= end && (d === undefined || d.date > end)
      }).length
    for (const result of ['upheld', 'corrected', 'other'] as const) {
      expect(r.table4.review[result]).toBe(decided('review_decided', result))
      expect(r.table4.litigation_direct[result]).toBe(decided('litigation_decided', result))
    }
    expect(r.table4.review.pending).toBe(pending('review_filed', 'review_decided'))
    expect(r.table4.litigation_direct.pending).toBe(
      pending('litigation_filed', 'litigation_decided')
    )
    expect(r.table3.new.total).toBe(cases.filter((c) => inYear(c.received)).length)
    expect(checkAnnualReport(r)).toEqual({ ok: true })
    // The sample is big enough that every row gets something.
    expect(r.table3.carried_in.total).toBeGreaterThan(0)
    expect(r.table3.carried_out.total).toBeGreaterThan(0)
  })

  it('does not change when events dated after 31 December are added', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 400 }),
        (picks, days) => {
          const later = plusDays(end, days)
          const ids = new Set(picks.map((i) => cases[i]?.id))
          const changed = cases.map((c): CaseRecord => {
            if (!ids.has(c.id)) return c
            const done = c.events.some((e) => e.type === 'replied' || e.type === 'withdrawn')
            const busy = c.events.some(
              (e) => e.type === 'review_filed' || e.type === 'litigation_filed'
            )
            const extra: RequestEvent[] = done
              ? busy
                ? []
                : [
                    { type: 'review_filed', date: later },
                    { type: 'review_decided', date: plusDays(later, 1), result: 'corrected' },
                  ]
              : [{ type: 'replied', date: later, outcome: 'granted' }]
            return { ...c, events: [...c.events, ...extra] }
          })
          expect(report(2021, changed)).toEqual(r)
        }
      ),
      { numRuns: 30 }
    )
  })
})

describe('checkAnnualReport', () => {
  const base = report(2021, generatedYear(5, 300))
  const altered = (path: string, value: unknown) => {
    const json = JSON.parse(renderAnnualReportJson(base))
    const parts = path.split('.')
    const t = parts[0] as string
    const col = parts[parts.length - 1] as string
    const row = parts.slice(1, -1).join('.')
    json[t][row][col] = value
    return json
  }

  it('names the altered cell of table 三, whichever it is', () => {
    expect(base.table3.total.natural_person).toBeGreaterThan(0)
    const r = checkAnnualReport(
      altered('table3.total.natural_person', base.table3.total.natural_person + 1)
    )
    expect(r).toMatchObject({ ok: false, cell: 'table3.total.natural_person' })
    for (const row of TABLE3_ROWS) {
      for (const col of TABLE3_COLUMNS) {
        const cell = `table3.${row}.${col}`
        const result = checkAnnualReport(altered(cell, base.table3[row][col] + 1))
        expect([cell, result.ok ? '' : result.cell]).toEqual([cell, cell])
      }
    }
  })

  it('names the row total of table 四, and cells that are not counts', () => {
    for (const row of TABLE4_ROWS) {
      for (const col of TABLE4_COLUMNS) {
        const result = checkAnnualReport(altered(`table4.${row}.${col}`, base.table4[row][col] + 1))
        expect(result).toMatchObject({ ok: false, cell: `table4.${row}.total` })
      }
    }
    expect(checkAnnualReport(altered('table3.granted.research', -1))).toMatchObject({
      ok: false,
      cell: 'table3.granted.research',
      problems: [{ rule: 'not_a_count' }],
    })
    expect(checkAnnualReport(altered('table2.rule.formed', 'three'))).toMatchObject({
      ok: false,
      cell: 'table2.rule.formed',
    })
    const missing = JSON.parse(renderAnnualReportJson(base))
    delete missing.table3.carried_out
    expect(checkAnnualReport(missing)).toMatchObject({
      ok: false,
      cell: 'table3.carried_out.natural_person',
    })
  })

  it('stops the renderers with the cell’s name', () => {
    const bad = altered('table3.new.commercial', base.table3.new.commercial + 2)
    for (const render of [renderAnnualReportJson, renderAnnualReportCsv, renderAnnualReportHtml]) {
      expect(() => render(bad)).toThrow(ReportCheckError)
      expect(() => render(bad)).toThrow(/table3\.new\.commercial/)
    }
  })
})

describe('renderers', () => {
  const r = report(2021, generatedYear(9, 200), {
    declared: { permits: 5, feesWanYuan: 1.25 },
    text: { overview: '本年度，全区政务公开工作……\n\n第二段 <b>不是标签</b>', problems: '问题一' },
  })

  it('writes CSV in long form, one line per cell, that reads back to the same numbers', () => {
    const csv = renderAnnualReportCsv(r)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('table,row,column,value')
    expect(lines).toHaveLength(1 + 10 + TABLE3_ROWS.length * 7 + 15 + 2)
    const back = new Map(
      lines.slice(1).map((l) => {
        const [t, row, col, v] = l.split(',')
        return [`${t}.${row}.${col}`, Number(v)]
      })
    )
    expect(back.get('table3.total.natural_person')).toBe(r.table3.total.natural_person)
    expect(back.get('table3.refused.state_secret.total')).toBe(
      r.table3['refused.state_secret'].total
    )
    expect(back.get('table4.review.pending')).toBe(r.table4.review.pending)
    expect(back.get('table2.fee.amount_wan_yuan')).toBe(1.25)
    expect(back.get('part6.fees.total_yuan')).toBe(r.fees.totalYuan)
  })

  it('writes the national HTML layout with its Chinese labels, escaping the prose', () => {
    const html = renderAnnualReportHtml(r)
    for (const label of [
      '示例区人民政府2021年政府信息公开工作年度报告',
      '一、总体情况',
      '第二十条第（一）项',
      '本年制发件数',
      '行政规范性文件',
      '本年收费金额（单位：万元）',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '法人或其他组织',
      '商业企业',
      '一、本年新收政府信息公开申请数量',
      '三、本年度办理结果',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '1．属于国家秘密',
      '8．属于行政查询事项',
      '5．要求行政机关确认或重新出具已获取信息',
      '（七）总计',
      '四、结转下年度继续办理',
      '未经复议直接起诉',
      '复议后起诉',
      '尚未审结',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]) {
      expect(html).toContain(label)
    }
    expect(html).toContain('&lt;b&gt;不是标签&lt;/b&gt;')
    expect(html).not.toContain('<b>')
    expect(html).toContain('@media print')
    // Table 三 has one row per line of the national form: 2 + 22 result rows + 1.
    const t3 = html.slice(html.indexOf('id="part3"'), html.indexOf('id="part4"'))
    expect(t3.match(/<tr>/g)).toHaveLength(3 + 2 + 22 + 1)
  })
})
