import { describe, expect, it } from 'vitest'
import { call, ORG, setup } from '../test-support.js'

const ENTRY = 'finance.working_funds'

function statement(over: Record<string, unknown> = {}) {
  return {
    committee: '市光四村第二居委会',
    year: 2024,
    quarter: 1,
    openingBalance: 3250.4,
    income: {
      lines: [
        { item: '区财政拨付居委会工作经费', amount: 15000 },
        { item: '街道拨付居民区自治项目经费', amount: 4000 },
      ],
      total: 19000,
    },
    expenditure: {
      lines: [
        { item: '办公用品', purpose: '打印纸、墨盒、文件夹', amount: 862.5 },
        { item: '宣传资料印制', purpose: '垃圾分类宣传单页', amount: 5197.5 },
      ],
      total: 6060,
    },
    closingBalance: 16190.4,
    handledBy: '张某某',
    reviewedBy: '李某某',
    publishedAt: '2024-04-10',
    ...over,
  }
}

async function twoCommittees() {
  const s = await setup()
  const make = async (name: string) => {
    const r = await call(s.app, 'POST', '/api/v1/committees', {
      token: s.admin,
      json: { name, street: '殷行街道' },
    })
    expect(r.status).toBe(201)
    return (await r.json()) as { catalogue: { id: string; title: string }; token: string }
  }
  return { ...s, a: await make('市光四村第二居委会'), b: await make('开鲁新村第一居委会') }
}

describe('committees and records', () => {
  it('instantiates the 居务公开 template for a committee and issues a scoped token (admin only)', async () => {
    const { app, admin, token, a } = await twoCommittees()
    expect(a.catalogue.title).toContain('市光四村第二居委会')
    expect(a.token).toMatch(/^gk_/)
    const listed = await (
      await call(app, 'GET', '/api/v1/catalogues?kind=residents_committee&limit=500')
    ).json()
    expect(listed.items.map((s: { id: string }) => s.id)).toContain(a.catalogue.id)
    const publisher = await token({ role: 'publisher' })
    expect(
      (
        await call(app, 'POST', '/api/v1/committees', {
          token: publisher,
          json: { name: '某居委会' },
        })
      ).status
    ).toBe(403)
    expect(
      (await call(app, 'POST', '/api/v1/committees', { json: { name: '某居委会' } })).status
    ).toBe(401)
    const dup = await call(app, 'POST', '/api/v1/committees', {
      token: admin,
      json: { name: 'x', id: a.catalogue.id },
    })
    expect(dup.status).toBe(409)
    const noName = await call(app, 'POST', '/api/v1/committees', {
      token: admin,
      json: { street: '殷行街道' },
    })
    expect((await noName.json()).error.details[0].pointer).toBe('/name')
  })

  it('publishes a validated record, lists it, corrects it and withdraws it, never deleting', async () => {
    const { app, a } = await twoCommittees()
    const base = `/api/v1/catalogues/${a.catalogue.id}/entries/${ENTRY}/records`
    const r = await call(app, 'POST', base, { token: a.token, json: statement() })
    expect(r.status).toBe(201)
    const rec = await r.json()
    expect(rec).toMatchObject({ revision: 1, status: 'published' })
    const fixed = await call(app, 'POST', `${base}/${rec.id}/corrections`, {
      token: a.token,
      json: { data: statement({ handledBy: '王某某' }), reason: '经办人填写错误' },
    })
    expect(fixed.status).toBe(201)
    expect(await fixed.json()).toMatchObject({ revision: 2, reason: '经办人填写错误' })
    const noReason = await call(app, 'POST', `${base}/${rec.id}/withdrawal`, {
      token: a.token,
      json: {},
    })
    expect((await noReason.json()).error.details[0].pointer).toBe('/reason')
    const w = await call(app, 'POST', `${base}/${rec.id}/withdrawal`, {
      token: a.token,
      json: { reason: '重复发布' },
    })
    expect(w.status).toBe(200)
    const list = await (await call(app, 'GET', base)).json()
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({
      id: rec.id,
      status: 'withdrawn',
      reason: '重复发布',
      revision: 3,
    })
    const one = await (await call(app, 'GET', `${base}/${rec.id}`)).json()
    expect(one.revisions.map((v: { status: string }) => v.status)).toEqual([
      'published',
      'published',
      'withdrawn',
    ])
    expect(one.revisions[0].data.handledBy).toBe('张某某')
    const again = await call(app, 'POST', `${base}/${rec.id}/withdrawal`, {
      token: a.token,
      json: { reason: 'x' },
    })
    expect(again.status).toBe(409)
    // The feed shows all three changes, newest first.
    const atom = await (await call(app, 'GET', '/feeds/updates.atom')).text()
    const kinds = [...atom.matchAll(/<category term="([^"]+)"/g)].map((m) => m[1])
    expect(kinds.slice(0, 3)).toEqual(['record.withdrawn', 'record.corrected', 'record.published'])
  })

  it('rejects an unbalanced statement (422) naming the pointer', async () => {
    const { app, a } = await twoCommittees()
    const bad = statement({ income: { lines: [{ item: '拨款', amount: 100 }], total: 999 } })
    const r = await call(
      app,
      'POST',
      `/api/v1/catalogues/${a.catalogue.id}/entries/${ENTRY}/records`,
      { token: a.token, json: bad }
    )
    expect(r.status).toBe(422)
    const body = await r.json()
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.map((e: { pointer: string }) => e.pointer)).toContain('/income/total')
  })

  it('rejects a 期末结余 that is not 期初结余 + 收入合计 − 支出合计 (422 at /closingBalance)', async () => {
    const { app, a } = await twoCommittees()
    const r = await call(
      app,
      'POST',
      `/api/v1/catalogues/${a.catalogue.id}/entries/${ENTRY}/records`,
      { token: a.token, json: statement({ closingBalance: 16000 }) }
    )
    expect(r.status).toBe(422)
    const body = await r.json()
    expect(body.error.details).toContainEqual(
      expect.objectContaining({ pointer: '/closingBalance', keyword: 'gkSum', expected: '16190.4' })
    )
  })

  it('refuses an ID, a mobile and a bank card in a text field with 422 personal_information', async () => {
    const { app, a } = await twoCommittees()
    const base = `/api/v1/catalogues/${a.catalogue.id}/entries/${ENTRY}/records`
    const withPii = statement()
    withPii.expenditure.lines[0] = {
      item: '慰问金',
      purpose: '身份证310105198506150011，手机 138-1234-5678，卡号6222021001123456789',
      amount: 862.5,
    }
    const r = await call(app, 'POST', base, { token: a.token, json: withPii })
    expect(r.status).toBe(422)
    const body = await r.json()
    expect(body.error.code).toBe('personal_information')
    expect(body.error.message).toContain('(id_number, mobile, bank_card)')
    const override =
      '/properties/expenditure/properties/lines/items/properties/purpose/privacy/allow'
    expect(body.error.details).toEqual([
      {
        pointer: '/expenditure/lines/0/purpose',
        rule: 'id_number',
        value: '310***********0011',
        override,
      },
      { pointer: '/expenditure/lines/0/purpose', rule: 'mobile', value: '138-****-5678', override },
      {
        pointer: '/expenditure/lines/0/purpose',
        rule: 'bank_card',
        value: '6222***********6789',
        override,
      },
    ])
    expect(JSON.stringify(body)).not.toContain('13812345678')
    expect((await (await call(app, 'GET', base)).json()).total).toBe(0)
    // A correction is guarded too, at /data/….
    const ok = await call(app, 'POST', base, { token: a.token, json: statement() })
    const id = (await ok.json()).id
    const fix = await call(app, 'POST', `${base}/${id}/corrections`, {
      token: a.token,
      json: { data: statement({ handledBy: '张三 13812345678' }), reason: '更正经办人' },
    })
    expect(fix.status).toBe(422)
    expect((await fix.json()).error.details[0]).toMatchObject({
      pointer: '/data/handledBy',
      rule: 'mobile',
    })
  })

  it('shows 低保 publicity names during the publicity period, masked after it ends', async () => {
    let today = '2021-04-20T08:00:00Z'
    const s = await setup({ now: () => new Date(today) })
    const publisher = await s.token({ role: 'publisher' })
    const base =
      '/api/v1/catalogues/social_assistance/entries/minimum_living.review_publicity/records'
    const record = {
      publicityUnit: '长宁区新华路街道办事处',
      periodStart: '2021-04-15',
      periodEnd: '2021-04-23',
      totalPersons: 3,
      totalMonthlyAmount: 2660,
      rows: [
        {
          householdHead: '张三',
          committee: '番禺路居民委员会',
          coveredPersons: 1,
          monthlyAmount: 1330,
        },
        {
          householdHead: '欧阳娜娜',
          committee: '新华居民委员会',
          coveredPersons: 2,
          monthlyAmount: 1330,
        },
      ],
    }
    const made = await call(s.app, 'POST', base, { token: publisher, json: record })
    expect(made.status).toBe(201)
    const id = (await made.json()).id
    const heads = async () =>
      (await (await call(s.app, 'GET', `${base}/${id}`)).json()).data.rows.map(
        (r: { householdHead: string }) => r.householdHead
      )
    expect(await heads()).toEqual(['张三', '欧阳娜娜'])
    today = '2021-04-24T08:00:00Z'
    expect(await heads()).toEqual(['张*', '欧阳**'])
    const listed = await (await call(s.app, 'GET', base)).json()
    expect(JSON.stringify(listed)).not.toContain('张三')
    // A mobile number is not what the declaration allows: refused.
    const withMobile = structuredClone(record)
    withMobile.publicityUnit = '新华路街道 联系人手机13812345678'
    const refused = await call(s.app, 'POST', base, { token: publisher, json: withMobile })
    expect(refused.status).toBe(422)
    expect((await refused.json()).error.details[0]).toMatchObject({
      pointer: '/publicityUnit',
      rule: 'mobile',
    })
  })

  it('refuses a committee token on another committee, other orgs, readers, templates and no token', async () => {
    const { app, token, a, b } = await twoCommittees()
    const path = (id: string) => `/api/v1/catalogues/${id}/entries/${ENTRY}/records`
    expect(
      (await call(app, 'POST', path(b.catalogue.id), { token: a.token, json: statement() })).status
    ).toBe(403)
    // Another organisation's catalogue answers as one that does not exist.
    const otherOrg = await token({ role: 'publisher', org: 'other-district' })
    expect(
      (await call(app, 'POST', path(a.catalogue.id), { token: otherOrg, json: statement() })).status
    ).toBe(404)
    const reader = await token({ role: 'conditional_reader' })
    expect(
      (await call(app, 'POST', path(a.catalogue.id), { token: reader, json: statement() })).status
    ).toBe(403)
    expect((await call(app, 'POST', path(a.catalogue.id), { json: statement() })).status).toBe(401)
    const own = await token({ role: 'publisher', org: ORG.id })
    expect(
      (await call(app, 'POST', path('residents_committee'), { token: own, json: statement() }))
        .status
    ).toBe(409)
    expect(
      (await call(app, 'POST', path(a.catalogue.id), { token: own, json: statement() })).status
    ).toBe(201)
    expect(
      (
        await call(app, 'POST', `/api/v1/catalogues/${a.catalogue.id}/entries/nope/records`, {
          token: a.token,
          json: statement(),
        })
      ).status
    ).toBe(404)
    expect(
      (
        await call(app, 'POST', `${path(a.catalogue.id)}/rec-nope/corrections`, {
          token: a.token,
          json: { data: statement(), reason: 'x' },
        })
      ).status
    ).toBe(404)
  })

  it('serves a valid Atom feed with escaped text and stable ids', async () => {
    const { app, a } = await twoCommittees()
    const r = await call(app, 'GET', '/feeds/updates.atom')
    expect(r.headers.get('content-type')).toContain('application/atom+xml')
    const xml = await r.text()
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/
    )
    expect(xml).toContain(`tag:gk.test,2021:catalogues/${a.catalogue.id}`)
    expect(xml.match(/<entry>/g)?.length).toBe(xml.match(/<\/entry>/g)?.length)
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/)
  })
})
