import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  feeOfEvents,
  perRequestFee,
  perRequestMonthFee,
  perRequestUnitYuan,
  perVolumeFee,
  requestPositions,
} from './fee.js'

describe('per request (按件, 国办函〔2020〕109号)', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
  ])('request %i of the month costs %i yuan', (n, yuan) => {
    expect(perRequestUnitYuan(n)).toBe(yuan)
    expect(perRequestFee(n)).toEqual({
      mode: 'per_request',
      lines: [{ from: n, to: n, count: 1, unitYuan: yuan, amountYuan: yuan }],
      totalYuan: yuan,
    })
  })

  it('splits a month into the tariff’s bands', () => {
    expect(perRequestMonthFee(45)).toEqual({
      mode: 'per_request',
      lines: [
        { from: 1, to: 10, count: 10, unitYuan: 0, amountYuan: 0 },
        { from: 11, to: 30, count: 20, unitYuan: 100, amountYuan: 2000 },
        { from: 31, to: 40, count: 10, unitYuan: 200, amountYuan: 2000 },
        { from: 41, to: 45, count: 5, unitYuan: 300, amountYuan: 1500 },
      ],
      totalYuan: 5500,
    })
  })

  it('a month’s total is the sum of its requests’ fees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
        let sum = 0
        for (let i = 1; i <= n; i++) sum += perRequestFee(i).totalYuan
        const month = perRequestMonthFee(n)
        expect(month.totalYuan).toBe(sum)
        expect(month.lines.reduce((s, l) => s + l.count, 0)).toBe(n)
      })
    )
  })
})

describe('per volume (按量)', () => {
  it('bands pages 1–30 free, 31–100 at 10, 101–200 at 20, from 201 at 40', () => {
    expect(perVolumeFee(30).totalYuan).toBe(0)
    expect(perVolumeFee(150)).toEqual({
      mode: 'per_volume',
      lines: [
        { from: 1, to: 30, count: 30, unitYuan: 0, amountYuan: 0 },
        { from: 31, to: 100, count: 70, unitYuan: 10, amountYuan: 700 },
        { from: 101, to: 150, count: 50, unitYuan: 20, amountYuan: 1000 },
      ],
      totalYuan: 1700,
    })
    expect(perVolumeFee(250).totalYuan).toBe(700 + 2000 + 50 * 40)
  })

  it('refuses page counts that are not positive integers', () => {
    expect(() => perVolumeFee(0)).toThrow(/pages/)
    expect(() => perVolumeFee(2.5)).toThrow(/pages/)
  })
})

describe('requestPositions', () => {
  it('counts per organ, applicant and calendar month, by receipt date then entry order', () => {
    const r = (id: string, received: string, applicant = 'a', organ = 'o') => ({
      id,
      organ,
      received,
      applicant: { id: applicant },
    })
    const positions = requestPositions([
      r('late-entry', '2021-03-05'),
      r('first', '2021-03-01'),
      r('same-day-1', '2021-03-05'),
      r('other-month', '2021-04-01'),
      r('other-applicant', '2021-03-01', 'b'),
      r('other-organ', '2021-03-01', 'a', 'p'),
    ])
    expect(Object.fromEntries(positions)).toEqual({
      first: 1,
      'late-entry': 2,
      'same-day-1': 3,
      'other-month': 1,
      'other-applicant': 1,
      'other-organ': 1,
    })
  })

  it('feeOfEvents follows the fee notice', () => {
    expect(
      feeOfEvents([{ type: 'received', date: '2021-03-01', channel: 'online' }], 12)
    ).toBeUndefined()
    expect(
      feeOfEvents([{ type: 'fee_notified', date: '2021-03-01', mode: 'per_request' }], 12)
        ?.totalYuan
    ).toBe(100)
    expect(
      feeOfEvents([{ type: 'fee_notified', date: '2021-03-01', mode: 'per_volume', pages: 31 }], 12)
        ?.totalYuan
    ).toBe(10)
  })
})
