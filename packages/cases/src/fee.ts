import { badRequest } from './cases-error.js'
import type { CaseRecord, RequestEvent } from './request-event.js'
import type { FeeMode } from './vocabulary.js'

/** One band of a progressive fee: items (requests or pages) `from`–`to`, `count` of them at `unitYuan`. */
export interface FeeLine {
  from: number
  to: number
  count: number
  unitYuan: number
  amountYuan: number
}

/** A 信息处理费, computed (never typed): its mode, its bands and the total in yuan. */
export interface Fee {
  mode: FeeMode
  lines: FeeLine[]
  totalYuan: number
}

const checkCount = (n: unknown, parameter: string): number => {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10_000_000) {
    throw badRequest(parameter, 'an integer ≥ 1', n)
  }
  return n
}

/**
 * Price of the n-th request of an applicant in a calendar month (国办函〔2020〕109号, 按件): 1–10 free,
 * 11–30 100 yuan, then each step of 10 requests 100 yuan more (31–40: 200, 41–50: 300, …).
 */
export function perRequestUnitYuan(position: number): number {
  checkCount(position, 'position')
  if (position <= 10) return 0
  if (position <= 30) return 100
  return 100 * (2 + Math.floor((position - 31) / 10))
}

/** Price of the n-th page of one request (按量): 1–30 free, 31–100 10 yuan, 101–200 20 yuan, from 201 40 yuan. */
export function perVolumeUnitYuan(page: number): number {
  checkCount(page, 'page')
  if (page <= 30) return 0
  if (page <= 100) return 10
  if (page <= 200) return 20
  return 40
}

// Splits 1..n into the bands where the unit price is constant. Band ends are the tariff's steps,
// so this walks bands, not items.
function bands(n: number, unit: (i: number) => number, stepEnds: (i: number) => number): FeeLine[] {
  const lines: FeeLine[] = []
  for (let from = 1; from <= n; ) {
    const to = Math.min(n, stepEnds(from))
    const unitYuan = unit(from)
    const count = to - from + 1
    lines.push({ from, to, count, unitYuan, amountYuan: count * unitYuan })
    from = to + 1
  }
  return lines
}

const total = (lines: FeeLine[]) => lines.reduce((s, l) => s + l.amountYuan, 0)

const requestStepEnd = (i: number) =>
  i <= 10 ? 10 : i <= 30 ? 30 : 30 + Math.ceil((i - 30) / 10) * 10
const volumeStepEnd = (i: number) =>
  i <= 30 ? 30 : i <= 100 ? 100 : i <= 200 ? 200 : Number.MAX_SAFE_INTEGER

/**
 * The fee of one request charged per request: it is the applicant's `position`-th request of the
 * month (see {@link requestPositions}), so one line at that position's price.
 * @example perRequestFee(12) // { mode: 'per_request', lines: [{ from: 12, to: 12, count: 1, unitYuan: 100, amountYuan: 100 }], totalYuan: 100 }
 */
export function perRequestFee(position: number): Fee {
  const unitYuan = perRequestUnitYuan(position)
  const lines = [{ from: position, to: position, count: 1, unitYuan, amountYuan: unitYuan }]
  return { mode: 'per_request', lines, totalYuan: unitYuan }
}

/** An applicant's month statement per request: `count` requests split into the tariff's bands. */
export function perRequestMonthFee(count: number): Fee {
  checkCount(count, 'count')
  const lines = bands(count, perRequestUnitYuan, requestStepEnd)
  return { mode: 'per_request', lines, totalYuan: total(lines) }
}

/**
 * The fee of one request charged per volume (pages).
 * @example perVolumeFee(150).totalYuan === 1700 // 70 × 10 + 50 × 20
 */
export function perVolumeFee(pages: number): Fee {
  checkCount(pages, 'pages')
  const lines = bands(pages, perVolumeUnitYuan, volumeStepEnd)
  return { mode: 'per_volume', lines, totalYuan: total(lines) }
}

/** What {@link requestPositions} reads of a request. */
export type PositionInput = Pick<CaseRecord, 'id' | 'organ' | 'received'> & {
  applicant: { id: string }
}

/**
 * Each request's position among its applicant's requests to the same organ in the calendar month of
 * its receipt, ordered by receipt date and then by entry order (the order of `requests`). Counting
 * per organ: each organ charges for the requests it answers.
 */
export function requestPositions(requests: Iterable<PositionInput>): Map<string, number> {
  const groups = new Map<string, { id: string; received: string; order: number }[]>()
  let order = 0
  for (const r of requests) {
    const key = `${r.organ}\u0000${r.applicant.id}\u0000${r.received.slice(0, 7)}`
    let g = groups.get(key)
    if (!g) {
      g = []
      groups.set(key, g)
    }
    g.push({ id: r.id, received: r.received, order: order++ })
  }
  const positions = new Map<string, number>()
  for (const g of groups.values()) {
    g.sort((a, b) =>
      a.received < b.received ? -1 : a.received > b.received ? 1 : a.order - b.order
    )
    g.forEach((r, i) => {
      positions.set(r.id, i + 1)
    })
  }
  return positions
}

/**
 * The fee a request's `fee_notified` event stands for, or undefined without one. `position` is the
 * request's place in its applicant's month (needed for `per_request`).
 */
export function feeOfEvents(events: readonly RequestEvent[], position: number): Fee | undefined {
  const notice = events.find((e) => e.type === 'fee_notified')
  if (!notice) return undefined
  if (notice.mode === 'per_volume') return perVolumeFee(notice.pages as number)
  return perRequestFee(position)
}
