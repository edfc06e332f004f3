import { describe, expect, it } from 'vitest'
import { BASE, call, done, publishDataset, setup } from '../test-support.js'
import { parseDecision } from './access-requests.js'

const application = {
  applicant: { name: '张三', org: '某某大学城市研究所', contact: '13800138000' },
  purpose: '研究社区养老床位分布',
  scenario: '学术论文中的统计分析，不公开个体数据',
  securityMeasures: '数据存放于内网服务器，仅课题组两人可访问，研究结束后删除',
}

/** A clock the test moves: 2021-09-30 10:00 in Shanghai, the day before 国庆. */
function clock() {
  let t = Date.parse('2021-09-30T02:00:00Z')
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) }
}

async function fixture() {
  const c = clock()
  const ctx = await setup({ now: c.now })
  const publisher = await ctx.token({ role: 'publisher' })
  expect(
    (await publishDataset(ctx.app, publisher, { id: 'beds', openness: 'conditional' })).status
  ).toBe(201)
  expect(
    (await publishDataset(ctx.app, publisher, { id: 'wards', openness: 'conditional' })).status
  ).toBe(201)
  expect((await publishDataset(ctx.app, publisher)).status).toBe(201)
  return { ...ctx, publisher, clock: c }
}

const pathOf = (url: string) => {
  const u = new URL(url)
  expect(u.origin).toBe(BASE)
  return `${u.pathname}${u.search}`
}

describe('applications for 有条件开放 data', () => {
  it('apply → pending with a secret status link → approve → a token for that dataset only, shown once', async () => {
    const { app, store, publisher, clock: c } = await fixture()
    expect((await call(app, 'GET', '/datasets/beds.csv')).status).toBe(403)

    const applied = await call(app, 'POST', '/api/v1/datasets/beds/access-requests', {
      json: application,
    })
    expect(applied.status).toBe(201)
    const a = await applied.json()
    expect(a.status).toBe('pending')
    // 5 working days after 2021-09-30: 国庆 7 days off, Saturday 10-09 a 补班 working day.
    expect(a.dueDate).toBe('2021-10-13')
    expect(applied.headers.get('cache-control')).toBe('no-store')

    // The status link answers without a token and never shows the applicant.
    const pendingRes = await call(app, 'GET', pathOf(a.statusUrl))
    expect(pendingRes.headers.get('cache-control')).toBe('no-store')
    const pending = await pendingRes.json()
    expect(pending).toEqual({ id: a.id, dataset: 'beds', status: 'pending', dueDate: '2021-10-13' })
    expect(JSON.stringify(pending)).not.toContain('张三')
    // A wrong or missing key is the answer of an absent application.
    const wrong = await call(
      app,
      'GET',
      `/api/v1/access-requests/${a.id}/status?key=${'x'.repeat(43)}`
    )
    expect(wrong.status).toBe(404)
    expect((await call(app, 'GET', `/api/v1/access-requests/${a.id}/status`)).status).toBe(404)
    const absent = await call(
      app,
      'GET',
      `/api/v1/access-requests/ar-0000/status?key=${'x'.repeat(43)}`
    )
    expect(await wrong.json()).toEqual({
      error: {
        ...(await absent.json()).error,
        message: expect.any(String),
        details: expect.anything(),
      },
    })

    // The publisher sees it, with the applicant; it is not overdue yet.
    const list = await (
      await call(app, 'GET', '/api/v1/access-requests?status=pending', { token: publisher })
    ).json()
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({
      id: a.id,
      applicant: application.applicant,
      overdue: false,
    })

    const decided = await call(app, 'POST', `/api/v1/access-requests/${a.id}/decision`, {
      token: publisher,
      json: { approve: { expiresAt: '2021-12-31' } },
    })
    expect(decided.status).toBe(200)
    expect((await decided.json()).expiresAt).toBe('2021-12-31T15:59:59.999Z')

    const approved = await (await call(app, 'GET', pathOf(a.statusUrl))).json()
    expect(approved).toMatchObject({ status: 'approved', expiresAt: '2021-12-31T15:59:59.999Z' })
    expect(approved.token).toMatch(/^gk_/)
    // Once: the next answer says it was issued, without the secret.
    const again = await (await call(app, 'GET', pathOf(a.statusUrl))).json()
    expect(again.token).toBeUndefined()
    expect(again.tokenIssuedAt).toBe(approved.tokenIssuedAt)

    // The token reads that dataset's rows and files, and nothing else.
    const reader = approved.token as string
    expect((await call(app, 'GET', '/datasets/beds.csv', { token: reader })).status).toBe(200)
    expect((await call(app, 'GET', '/api/v1/datasets/beds/rows', { token: reader })).status).toBe(
      200
    )
    expect((await call(app, 'GET', '/datasets/wards.csv', { token: reader })).status).toBe(403)
    expect((await call(app, 'GET', '/api/v1/access-requests', { token: reader })).status).toBe(403)

    // A decided application stays decided.
    const twice = await call(app, 'POST', `/api/v1/access-requests/${a.id}/decision`, {
      token: publisher,
      json: { refuse: { reason: '改主意' } },
    })
    expect(twice.status).toBe(409)

    // Until expiresAt, then the token is refused like any expired one.
    c.advance(100 * 24 * 3600_000)
    expect((await call(app, 'GET', '/datasets/beds.csv', { token: reader })).status).toBe(401)
    await done(store)
  })

  it('refusal carries its reason and hands out nothing; overdue applications are flagged', async () => {
    const { app, store, publisher, clock: c } = await fixture()
    const a = await (
      await call(app, 'POST', '/api/v1/datasets/wards/access-requests', { json: application })
    ).json()
    c.advance(20 * 24 * 3600_000)
    const list = await (
      await call(app, 'GET', '/api/v1/access-requests', { token: publisher })
    ).json()
    expect(list.items[0]).toMatchObject({ id: a.id, overdue: true })
    const refused = await call(app, 'POST', `/api/v1/access-requests/${a.id}/decision`, {
      token: publisher,
      json: { refuse: { reason: '申请用途与数据开放条件不符' } },
    })
    expect(refused.status).toBe(200)
    const status = await (await call(app, 'GET', pathOf(a.statusUrl))).json()
    expect(status).toMatchObject({ status: 'refused', reason: '申请用途与数据开放条件不符' })
    expect(status.token).toBeUndefined()
    await done(store)
  })

  it('who may apply, list and decide', async () => {
    const { app, store, publisher, admin, token } = await fixture()
    const a = await (
      await call(app, 'POST', '/api/v1/datasets/beds/access-requests', { json: application })
    ).json()
    const publisherB = await token({ role: 'publisher', org: 'other-district' })
    const reader = await token({ role: 'conditional_reader', grants: ['beds'] })
    const decide = (t: string | undefined) =>
      call(app, 'POST', `/api/v1/access-requests/${a.id}/decision`, {
        token: t,
        json: { refuse: { reason: 'x' } },
      })
    expect((await decide(undefined)).status).toBe(401)
    expect((await decide(admin)).status).toBe(403)
    expect((await decide(reader)).status).toBe(403)
    expect((await decide(publisherB)).status).toBe(404)
    expect(
      (await call(app, 'GET', `/api/v1/access-requests/${a.id}`, { token: publisherB })).status
    ).toBe(404)
    expect(
      (await call(app, 'GET', `/api/v1/access-requests/${a.id}`, { token: admin })).status
    ).toBe(403)
    const listB = await (
      await call(app, 'GET', '/api/v1/access-requests', { token: publisherB })
    ).json()
    expect(listB.items).toEqual([])
    expect((await call(app, 'GET', '/api/v1/access-requests')).status).toBe(401)
    expect(
      (await call(app, 'GET', '/api/v1/access-requests?status=open', { token: publisher })).status
    ).toBe(400)
    // The decision is in the audit log, under the application's id.
    expect((await decide(publisher)).status).toBe(200)
    const audit = await (await call(app, 'GET', '/api/v1/audit', { token: admin })).json()
    expect(
      audit.items.some(
        (e: { target: string; status: number }) => e.target === a.id && e.status === 200
      )
    ).toBe(true)
    await done(store)
  })

  it('refuses bad applications with the pointer, and applications for data that needs none', async () => {
    const { app, store } = await fixture()
    const post = (id: string, json: unknown) =>
      call(app, 'POST', `/api/v1/datasets/${id}/access-requests`, { json })
    const noName = await post('beds', {
      ...application,
      applicant: { ...application.applicant, name: ' ' },
    })
    expect(noName.status).toBe(422)
    expect((await noName.json()).error.details[0].pointer).toBe('/applicant/name')
    const extra = await post('beds', { ...application, salary: 1 })
    expect(extra.status).toBe(422)
    expect((await extra.json()).error.details[0].pointer).toBe('/salary')
    const nested = await post('beds', {
      ...application,
      applicant: { ...application.applicant, idNumber: '1' },
    })
    expect((await nested.json()).error.details[0].pointer).toBe('/applicant/idNumber')
    const long = await post('beds', { ...application, purpose: '长'.repeat(4001) })
    expect((await long.json()).error.details[0].pointer).toBe('/purpose')
    expect((await post('beds', [])).status).toBe(400)
    expect((await post('schools', application)).status).toBe(409)
    expect((await post('nothing', application)).status).toBe(404)
    await done(store)
  })
})

describe('parseDecision', () => {
  const now = new Date('2021-06-01T00:00:00Z')
  it('takes one of approve and refuse, with a future end or a reason', () => {
    expect(parseDecision({ approve: { expiresAt: '2021-06-30T12:00:00+08:00' } }, now)).toEqual({
      approve: { expiresAt: '2021-06-30T04:00:00.000Z' },
    })
    expect(parseDecision({ refuse: { reason: ' 不符 ' } }, now)).toEqual({
      refuse: { reason: '不符' },
    })
    const pointer = (body: Record<string, unknown>) => {
      try {
        parseDecision(body, now)
      } catch (err) {
        return (err as { details: { pointer: string }[] }).details[0]?.pointer
      }
      return 'accepted'
    }
    expect(pointer({})).toBe('')
    expect(pointer({ approve: { expiresAt: '2021-01-01' } })).toBe('/approve/expiresAt')
    expect(pointer({ approve: { expiresAt: 'next week' } })).toBe('/approve/expiresAt')
    expect(pointer({ approve: { expiresAt: '2021-09-31' } })).toBe('/approve/expiresAt')
    expect(pointer({ approve: { expiresAt: '2021-09-30' } })).toBe('accepted')
    expect(pointer({ approve: {}, refuse: {} })).toBe('')
    expect(pointer({ refuse: { reason: '' } })).toBe('/refuse/reason')
    expect(pointer({ approve: 'yes' })).toBe('/approve')
  })
})
