import type { PublicMessage } from '@gongkai/cases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_PUBLISHED_QUESTION } from './participation-fixture.js'
import { portalApp } from './portal-app.js'
import { type PortalFixture, portalFixture } from './portal-fixture.js'
import type { SessionStore } from './sessions.js'
import { sourceWith } from './test-source.js'

// 政民互动 and 意见征集 pages on real messages and consultations (the fixture's temp store): the
// public answers and consultations, a policy's 意见征集情况, and the officer's lists and forms.

let f: PortalFixture
beforeAll(async () => {
  f = await portalFixture()
}, 60_000)
afterAll(async () => {
  await f?.close()
})

const get = async (path: string, cookie = '') => {
  const res = await f.app.request(path, { headers: cookie ? { cookie } : {} })
  return { res, html: await res.text() }
}
const cookieValue = (res: Response, name: string) =>
  (res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? '').split(';')[0] ?? ''
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
const post = (path: string, cookie: string, form: Record<string, string>) =>
  f.app.request(path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })

/** Logs in on `/officer/login`; returns the session cookie and its CSRF token. */
async function officerLogin() {
  const form = await f.app.request('/officer/login')
  const res = await post('/officer/login', cookieValue(form, 'gk_login_csrf'), {
    _csrf: csrfOf(await form.text()),
    token: f.officerToken,
  })
  expect(res.status).toBe(303)
  const cookie = cookieValue(res, 'gk_session')
  const list = await get('/officer/messages', cookie)
  return { cookie, csrf: csrfOf(list.html) }
}

describe('public 政民互动 pages', () => {
  it('lists published answers with the question, channel and dates, never the sender', async () => {
    const { res, html } = await get('/zmhd')
    expect(res.status).toBe(200)
    expect(html).toContain(FIXTURE_PUBLISHED_QUESTION)
    expect(html).toContain('网站留言')
    expect(html).toContain('答复 2024-04-25')
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"')
    expect(html).toContain('href="/feeds/messages.atom"')
    // The answered-but-unpublished message and every sender stay out.
    expect(html).not.toContain('学籍转入')
    expect(html).not.toContain('王某')
    expect(html).not.toContain('13912345678')
  })

  it('shows one answer on its page; an unpublished or unknown one is a 404', async () => {
    const one = await get(`/zmhd/${f.participation.published}`)
    expect(one.res.status).toBe(200)
    expect(one.html).toContain('上海市义务教育入学报名系统')
    expect(one.html).toContain('长宁区教育局')
    expect(one.html).not.toContain('13912345678')
    expect((await get(`/zmhd/${f.participation.unpublished}`)).res.status).toBe(404)
    expect((await get(`/zmhd/${f.participation.overdue}`)).res.status).toBe(404)
    expect((await get('/zmhd/no-such')).res.status).toBe(404)
  })

  it('pages through many answers, 20 a page', async () => {
    const all: PublicMessage[] = Array.from({ length: 45 }, (_, i) => ({
      id: `ly-${i + 1}`,
      organ: 'edu',
      channel: 'website',
      received: '2024-04-01',
      question: `第${i + 1}个问题`,
      answer: { date: '2024-04-02', text: `第${i + 1}个答复` },
    }))
    const noSessions = { get: async () => undefined } as unknown as SessionStore
    const app = portalApp(
      sourceWith({
        publishedAnswers: async (offset, limit) => ({
          items: all.slice(offset, offset + limit),
          total: all.length,
        }),
      }),
      { sessions: noSessions, baseUrl: 'http://localhost' }
    )
    const p2 = await (await app.request('/zmhd?page=2')).text()
    expect(p2).toContain('共 45 条答复，第 2/3 页')
    expect(p2).toContain('第21个问题')
    expect(p2).not.toContain('第20个问题')
    expect(p2).toContain('href="/zmhd?page=1"')
    expect(p2).toContain('href="/zmhd?page=3"')
    const p3 = await (await app.request('/zmhd?page=3')).text()
    expect(p3).toContain('第45个问题')
    expect(p3).not.toContain('href="/zmhd?page=4"')
  })
})

describe('public 意见征集 pages', () => {
  it('lists open consultations with working days left and how to send an opinion, then closed ones', async () => {
    const { html } = await get('/yjzj')
    const [open, closed] = html.split('id="closed"')
    // (2024-05-06, 2024-05-24]: 14 weekdays and Saturday 11 May, a 补班 of 劳动节 2024.
    expect(open).toContain('学前教育三年行动计划')
    expect(open).toContain('剩 15 个工作日（2024-05-24 截止）')
    expect(open).toContain('如何提出意见')
    expect(closed).toContain('采纳情况已于 2024-03-28 公布')
    expect(closed).toContain('文件已印发，采纳情况将于 2024-05-15 前公布')
    const page = await get(`/yjzj/${f.participation.open}`)
    expect(page.html).toContain('id="send"')
    expect(page.html).toContain('mailto:jyj@shcn.gov.cn')
  })

  it('shows the published feedback on the policy’s page, and when it is due before that', async () => {
    const docs = await f.source.documents()
    const policy = await get(`/documents/view?id=${encodeURIComponent(docs[0]?.url ?? '')}`)
    expect(policy.res.status).toBe(200)
    expect(policy.html).toContain('<h2 id="consultation-feedback">意见征集情况</h2>')
    expect(policy.html).toMatch(/收集意见<\/dt><dd>15 条/)
    expect(policy.html).toMatch(/采纳意见<\/dt><dd>9 条/)
    expect(policy.html).toContain('与本市招生政策不一致')
    const plan = await get(`/documents/view?id=${encodeURIComponent(docs[3]?.url ?? '')}`)
    expect(plan.html).toContain('采纳情况将于 2024-05-15 前公布')
    const other = await get(`/documents/view?id=${encodeURIComponent(docs[4]?.url ?? '')}`)
    expect(other.res.status).toBe(200)
    expect(other.html).not.toContain('id="consultation-feedback"')
    expect((await get('/documents/view?id=https%3A%2F%2Fnowhere.example')).res.status).toBe(404)
    // The library links each document to its page.
    expect((await get('/documents')).html).toContain(
      `href="/documents/view?id=${encodeURIComponent(docs[0]?.url ?? '')}"`
    )
  })
})

describe('officer pages', () => {
  it('sends a visitor without an officer session to the login', async () => {
    const res = await f.app.request('/officer/messages')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/officer/login')
  })

  it("lists the organ's messages overdue first, with due dates and days left; another organ's is a 404", async () => {
    const { cookie } = await officerLogin()
    const { html } = await get('/officer/messages', cookie)
    const overdue = html.indexOf(f.participation.overdue)
    const soon = html.indexOf(f.participation.dueSoon)
    expect(overdue).toBeGreaterThan(0)
    expect(soon).toBeGreaterThan(overdue)
    expect(html).toContain('已超期')
    expect(html).toContain('即将到期')
    expect(html).not.toContain(f.participation.otherOrgan)
    const other = await get(`/officer/messages/${f.participation.otherOrgan}`, cookie)
    expect(other.res.status).toBe(404)
    const mine = await get(`/officer/messages/${f.participation.overdue}`, cookie)
    // Officers see the sender.
    expect(mine.html).toContain('13912345678')
    expect(mine.html).toContain('action="/officer/messages/')
  })

  it('refuses an answer without the CSRF token or with personal data to publish, then publishes one', async () => {
    const { cookie, csrf } = await officerLogin()
    const path = `/officer/messages/${f.participation.overdue}/answer`
    const form = { text: '学区划分方案将于5月中旬公布。', date: '2024-05-06', publish: 'yes' }
    expect((await post(path, cookie, form)).status).toBe(403)
    expect((await post(path, cookie, { ...form, _csrf: 'wrong' })).status).toBe(403)
    const leak = await post(path, cookie, {
      ...form,
      _csrf: csrf,
      text: '请联系13812345678咨询。',
    })
    expect(leak.status).toBe(422)
    const leakHtml = await leak.text()
    expect(leakHtml).toContain('答复内容含有手机号码')
    expect(leakHtml).toContain('请联系13812345678咨询。')
    expect((await get(`/zmhd/${f.participation.overdue}`)).res.status).toBe(404)
    const other = await post(`/officer/messages/${f.participation.otherOrgan}/answer`, cookie, {
      ...form,
      _csrf: csrf,
    })
    expect(other.status).toBe(404)
    const ok = await post(path, cookie, { ...form, _csrf: csrf })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(`/officer/messages/${f.participation.overdue}?saved=1`)
    const shown = await get(ok.headers.get('location') ?? '', cookie)
    expect(shown.html).toContain('答复已保存并公开')
    const pub = await get(`/zmhd/${f.participation.overdue}`)
    expect(pub.res.status).toBe(200)
    expect(pub.html).toContain('学区划分方案将于5月中旬公布。')
  })

  it('lists consultations with feedback clocks and publishes feedback through the form', async () => {
    const { cookie, csrf } = await officerLogin()
    const list = await get('/officer/consultations', cookie)
    expect(list.html.indexOf(f.participation.feedbackDue)).toBeLessThan(
      list.html.indexOf(f.participation.withFeedback)
    )
    expect(list.html).toContain('2024-05-15')
    const page = await get(`/officer/consultations/${f.participation.feedbackDue}`, cookie)
    expect(page.html).toContain('name="collected" type="number" min="0" value="4"')
    const path = `/officer/consultations/${f.participation.feedbackDue}/feedback`
    const noReasons = await post(path, cookie, {
      _csrf: csrf,
      collected: '4',
      adopted: '3',
      reasons: '',
      date: '2024-05-06',
    })
    expect(noReasons.status).toBe(422)
    expect(await noReasons.text()).toContain('未采纳的理由')
    const ok = await post(path, cookie, {
      _csrf: csrf,
      collected: '4',
      adopted: '3',
      reasons: '涉及学校布局调整，另行研究。',
      date: '2024-05-06',
    })
    expect(ok.status).toBe(303)
    const docs = await f.source.documents()
    const plan = await get(`/documents/view?id=${encodeURIComponent(docs[3]?.url ?? '')}`)
    expect(plan.html).toMatch(/采纳意见<\/dt><dd>3 条/)
    expect(plan.html).toContain('涉及学校布局调整，另行研究。')
  })
})
