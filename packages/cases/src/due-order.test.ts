import { openSqliteStore, type Store } from '@gongkai/store'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CasesError } from './cases-error.js'
import { type Cases, openCases } from './cases-store.js'
import { orderKeyOf } from './due-order.js'
import { plusDays } from './test-helpers.js'

const ORGANS = ['district-gov', 'edu-bureau']
const TODAY = '2022-03-31'

/** One request's history as steps after its receipt: [event type, days after the previous step]. */
const step = fc.tuple(
  fc.constantFrom(
    'consultation_started',
    'consultation_ended',
    'correction_requested',
    'correction_received',
    'extended',
    'fee_notified',
    'fee_paid',
    'replied',
    'withdrawn'
  ),
  fc.integer({ min: 0, max: 12 })
)
const request = fc.record({
  organ: fc.constantFrom(...ORGANS),
  channel: fc.constantFrom('online', 'letter', 'in_person'),
  receivedDay: fc.integer({ min: 0, max: 120 }),
  steps: fc.array(step, { maxLength: 4 }),
})
type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never

const PAYLOAD: Record<string, Record<string, unknown>> = {
  consultation_started: { party: 'third_party' },
  extended: { approver: '办公室主任', workingDays: 10 },
  fee_notified: { mode: 'per_request' },
  replied: { outcome: 'granted' },
}

/** Stores the generated requests; events the history rules refuse are left out. */
async function fill(cases: Cases, requests: Generated[]) {
  for (const r of requests) {
    const received = plusDays('2021-11-01', r.receivedDay)
    const { id } = await cases.add({
      organ: r.organ,
      channel: r.channel,
      applicant: { id: `a-${r.receivedDay}`, type: 'natural_person' },
      received,
    })
    let date = received
    for (const [type, days] of r.steps) {
      date = plusDays(date, days)
      if (date > TODAY) break
      try {
        await cases.appendEvent(id, { type, date, ...PAYLOAD[type] })
      } catch (err) {
        if (!(err instanceof CasesError)) throw err
      }
    }
  }
}

/** The open list computed the plain way: every request's clock from `show`, sorted. */
async function expected(cases: Cases, store: Store, organ: string | string[], asOf: string) {
  const organs = typeof organ === 'string' ? [organ] : organ
  const rows = await store.all<{ id: string; organ: string; received_on: string }>(
    'SELECT id, organ, received_on FROM cases_requests ORDER BY seq'
  )
  const open: { id: string; key: string }[] = []
  for (const r of rows) {
    if (!organs.includes(r.organ) || r.received_on > asOf) continue
    const { clock } = await cases.show(r.id, { asOf })
    if (clock.closedOn) continue
    open.push({ id: r.id, key: `${orderKeyOf(clock)}|${r.received_on}` })
  }
  // Array.prototype.sort is stable: equal keys stay in entry order.
  return open.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((o) => o.id)
}

/** Every page of the open list, `size` at a time, concatenated. */
async function paged(cases: Cases, organ: string | string[], asOf: string, size: number) {
  const ids: string[] = []
  for (let offset = 0; ; offset += size) {
    const page = await cases.list({ organ, asOf, limit: size, offset })
    ids.push(...page.items.map((i) => i.id))
    if (page.items.length < size) return { ids, total: page.total }
  }
}

const open = (store: Store, replyDays = 20) =>
  openCases(store, { today: () => TODAY, organs: ORGANS, config: { request: { replyDays } } })

describe('the officers’ list in stored due-date order', () => {
  it('pages the open requests exactly as their clocks order them, as of today or any earlier day', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(request, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 150 }),
        async (requests, size, back) => {
          const store = openSqliteStore(':memory:')
          const cases = await open(store)
          await fill(cases, requests)
          // Today (the stored order answers) and an earlier day (clocks computed for every row).
          for (const asOf of [TODAY, plusDays(TODAY, -back)])
            for (const organ of ['district-gov', ORGANS]) {
              const want = await expected(cases, store, organ, asOf)
              const got = await paged(cases, organ, asOf, size)
              expect(got).toEqual({ ids: want, total: want.length })
              const all = await cases.list({ organ, asOf })
              expect(all.items.map((i) => i.id)).toEqual(want)
            }
          await store.close()
        }
      ),
      { numRuns: 25 }
    )
  }, 120_000)

  it('keys the open requests again when the rules change, and those stored before the key existed', async () => {
    const store = openSqliteStore(':memory:')
    const requests = fc.sample(fc.array(request, { minLength: 20, maxLength: 20 }), {
      seed: 17,
      numRuns: 1,
    })[0] as Generated[]
    await fill(await open(store), requests)
    const basisOf = async () =>
      (
        await store.all<{ b: string | null }>(
          'SELECT DISTINCT clock_basis AS b FROM cases_requests WHERE closed_on IS NULL'
        )
      ).map((r) => r.b)
    const before = await basisOf()
    expect(before).toHaveLength(1)
    // Another reply period: due dates move, and the stored order follows on the next open.
    const shorter = await open(store, 10)
    const after = await basisOf()
    expect(after).toHaveLength(1)
    expect(after).not.toEqual(before)
    expect((await paged(shorter, ORGANS, TODAY, 4)).ids).toEqual(
      await expected(shorter, store, ORGANS, TODAY)
    )
    // Rows without a key (as the migration leaves them) are listed right, then keyed on open.
    await store.run('UPDATE cases_requests SET order_key = NULL, clock_basis = NULL')
    expect((await paged(shorter, ORGANS, TODAY, 4)).ids).toEqual(
      await expected(shorter, store, ORGANS, TODAY)
    )
    await open(store, 10)
    expect(await basisOf()).toEqual(after)
    await store.close()
  })

  it('reads a page through the due-order index, without sorting the open requests', async () => {
    const store = openSqliteStore(':memory:')
    await open(store)
    const plan = await store.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT r.id FROM cases_requests r
       WHERE r.received_on <= ? AND r.organ IN (?) AND r.closed_on IS NULL
       ORDER BY r.order_key, r.received_on, r.seq LIMIT ? OFFSET ?`,
      [TODAY, 'district-gov', 50, 0]
    )
    const details = plan.map((r) => r.detail).join(' | ')
    expect(details).toContain('cases_requests_due')
    expect(details).not.toContain('TEMP B-TREE')
    await store.close()
  })
})
