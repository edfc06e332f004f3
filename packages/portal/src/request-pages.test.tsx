import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Cases, openCases, perVolumeFee, perVolumeUnitYuan } from '@gongkai/cases'
import { openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portalApp } from './portal-app.js'
import type { OrganInfo } from './portal-source.js'
import { openSessionStore } from './sessions.js'
import { sourceWith } from './test-source.js'

// The 依申请公开 pages on real cases in a temporary store: the public guide, the officers' list and
// case page (only their own organ's), the printable annual report.
const ORGANS: OrganInfo[] = [
  {
    id: 'edu',
    name: '示例区教育局',
    kind: 'department',
    address: '示例路1号',
    phone: '021-12345678',
  },
  { id: 'health', name: '示例区卫生健康委员会', kind: 'department' },
]
const TOKENS: Record<string, string> = { 'tok-edu': 'edu', 'tok-health': 'health' }

let dir = ''
let store: Store
let cases: Cases
let app: Hono
const ids: Record<string, string> = {}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-portal-requests-'))
  store = openSqliteStore(join(dir, 'store.db'))
  cases = await openCases(store, { organs: ORGANS.map((o) => o.id) })
  const add = async (organ: string, received: string, name: string) =>
    (
      await cases.add({
        organ,
        channel: 'letter',
        applicant: { id: `${name}-id`, type: 'natural_person', name, contact: '13700000000' },
        subject: '校舍安全检查报告',
        received,
      })
    ).id
  ids.overdue = await add('edu', '2021-09-01', '钱一')
  ids.soon = await add('edu', '2021-10-08', '孙二')
  ids.paused = await add('edu', '2021-10-12', '李三')
  await cases.appendEvent(ids.paused, {
    type: 'consultation_started',
    date: '2021-10-15',
    party: 'third_party',
  })
  ids.replied = await add('edu', '2021-10-13', '周四')
  await cases.appendEvent(ids.replied, { type: 'replied', date: '2021-10-20', outcome: 'partial' })
  ids.other = await add('health', '2021-10-12', '吴五')
  const source = sourceWith({
    organs: async () => ORGANS,
    officerForToken: async (t) =>
      TOKENS[t] ? { organ: TOKENS[t] as string, tokenId: t } : undefined,
    organRequests: (organ, asOf, page) => cases.list({ organ, ...(asOf ? { asOf } : {}), ...page }),
    async organRequest(organ, id, asOf) {
      const r = await cases.show(id, asOf ? { asOf } : {}).catch(() => undefined)
      return r?.organ === organ ? r : undefined
    },
    annualReport: async (year, organ) =>
      ORGANS.some((o) => o.id === organ)
        ? cases.annualReport({
            year,
            organ: { id: organ, name: '示例区教育局', kind: 'department' },
          })
        : undefined,
  })
  app = portalApp(source, { sessions: openSessionStore(store), baseUrl: 'http://localhost' })
}, 60_000)

afterAll(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

const cookieValue = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0] ?? ''

async function login(token: string): Promise<string> {
  const form = await app.request('/officer/login')
  const pre = cookieValue(form, 'gk_login_csrf')
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
  const res = await app.request('/officer/login', {
    method: 'POST',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, token }).toString(),
  })
  expect(res.status).toBe(303)
  return cookieValue(res, 'gk_session')
}

describe('the public 依申请公开 guide', () => {
  it('explains channels, contents, the 20 working days and the 109号 fees, accessibly', async () => {
    const res = await app.request('/ysqgk')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('<html lang="zh-CN">')
    for (const words of [
      '在线申请',
      '挂号信',
      '第二十九条',
      '20个工作日',
      '国办函〔2020〕109号',
      // The tariff is @gongkai/cases' own (fee-rules.tsx), never a copy: its last band's price.
      `每页 ${perVolumeUnitYuan(201)} 元`,
      `= ${perVolumeFee(150).totalYuan} 元`,
      '示例路1号',
      '021-12345678',
    ])
      expect(html).toContain(words)
    expect(html).toMatch(/<th scope="col">机关<\/th>/)
    expect(html).toMatch(/<caption id="apply-fees-volume">/)
    expect(html).not.toContain('钱一')
  })
})

describe('the officers’ pages', () => {
  it('send a visitor without a session to the login, and refuse a wrong token with words', async () => {
    const res = await app.request('/officer/requests')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/officer/login')
    const form = await app.request('/officer/login')
    const pre = cookieValue(form, 'gk_login_csrf')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
    const bad = await app.request('/officer/login', {
      method: 'POST',
      headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: 'tok-nobody' }).toString(),
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('role="alert"')
  })

  it('list the organ’s open requests by due date, with urgency in colour and in words', async () => {
    const cookie = await login('tok-edu')
    const res = await app.request('/officer/requests?asOf=2021-10-29', { headers: { cookie } })
    const html = await res.text()
    expect(res.status).toBe(200)
    const overdue = html.indexOf(ids.overdue as string)
    const soon = html.indexOf(ids.soon as string)
    const paused = html.indexOf(ids.paused as string)
    expect(overdue).toBeGreaterThan(0)
    expect(overdue).toBeLessThan(soon)
    expect(soon).toBeLessThan(paused)
    expect(html).toMatch(/class="urgency urgency-overdue">已超期 \d+ 个工作日/)
    expect(html).toMatch(/class="urgency urgency-soon">即将到期，剩 \d 个工作日/)
    expect(html).toMatch(/class="urgency urgency-paused">已暂停/)
    expect(html).not.toContain(ids.replied)
    expect(html).not.toContain(ids.other)
    expect(html).toMatch(/<th scope="col">答复期限<\/th>/)
  })

  it('show a case’s timeline to its organ’s officer, and 404 to another organ’s', async () => {
    const edu = await login('tok-edu')
    const res = await app.request(`/officer/requests/${ids.replied}?asOf=2021-10-29`, {
      headers: { cookie: edu },
    })
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('周四')
    expect(html).toMatch(/<time datetime="2021-10-13">2021-10-13<\/time> 收到申请/)
    expect(html).toMatch(/答复（outcome: partial）/)
    expect(html).toContain('已办结（2021-10-20）')
    const health = await login('tok-health')
    const other = await app.request(`/officer/requests/${ids.replied}`, {
      headers: { cookie: health },
    })
    expect(other.status).toBe(404)
    expect(await other.text()).not.toContain('周四')
  })
  it('page a long list 100 at a time, by due date across the pages, keeping the as-of date', async () => {
    // 150 more open requests of another organ, received on successive days.
    const start = Date.UTC(2021, 0, 4)
    for (let i = 0; i < 150; i++)
      await cases.add({
        organ: 'health',
        channel: 'online',
        applicant: { id: `p-${i}`, type: 'natural_person' },
        received: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
      })
    const cookie = await login('tok-health')
    const get = async (q: string) =>
      (await app.request(`/officer/requests?asOf=2021-12-31${q}`, { headers: { cookie } })).text()
    const rows = (html: string) =>
      [...html.matchAll(/href="\/officer\/requests\/([^"?]+)"/g)].map((m) => m[1])
    const first = await get('')
    const second = await get('&page=2')
    expect(rows(first)).toHaveLength(100)
    expect(rows(second)).toHaveLength(51)
    const all = await cases.list({ organ: 'health', asOf: '2021-12-31' })
    expect([...rows(first), ...rows(second)]).toEqual(all.items.map((i) => i.id))
    expect(first).toContain('未办结的申请 151 件')
    expect(first).toContain('本页第 1–100 件')
    expect(first).toContain('href="/officer/requests?page=2&amp;asOf=2021-12-31">下一页')
    expect(second).toContain('href="/officer/requests?page=1&amp;asOf=2021-12-31">上一页')
    expect(second).not.toContain('下一页')
    expect(rows(await get('&page=9'))).toHaveLength(0)
  })
})

describe('the printable annual report', () => {
  it('renders the national layout for a known organ and 404s otherwise', async () => {
    const res = await app.request('/annual-reports/2021/edu')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(html).toContain('lang="zh-CN"')
    expect(html).toContain('scope="col"')
    expect(html).not.toMatch(/钱一|孙二|13700000000/)
    expect((await app.request('/annual-reports/2021/nowhere')).status).toBe(404)
    expect((await app.request('/annual-reports/21/edu')).status).toBe(404)
  })
})
