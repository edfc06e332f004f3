import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Organ, openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, createDeps } from '../app.js'
import { createAdminToken } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'

// The 政民互动 and 意见征集 pages as the gateway serves them, on its own services: an officer logs
// in through the portal's login (CSRF), answers a message of its organ, and the answer is on
// /zmhd and found by /search at once; another organ's items are 404; a policy shows its feedback.
const ORG = { id: 'demo-district', name: '示例区' }
const ORGANS: Organ[] = [
  {
    id: 'a-edu',
    name: '示例区教育局',
    kind: 'department',
    org: ORG.id,
    email: 'edu@example.gov.cn',
  },
  { id: 'a-civil', name: '示例区民政局', kind: 'department', org: ORG.id },
]
const POLICY = {
  url: 'https://www.example.gov.cn/zwgk/policy-7.html',
  title: '示例区中小学课后服务实施办法',
  docNo: '示教规〔2021〕7号',
  issuer: '示例区教育局',
  kind: 'normative_document' as const,
  publishedAt: '2021-09-01',
}

let dir = ''
let store: Store
let deps: GatewayDeps
let app: Hono<Env>
let officer = ''
const ids: Record<string, string> = {}

const get = async (path: string, cookie = '') => {
  const res = await app.request(path, { headers: cookie ? { cookie } : {} })
  return { res, html: await res.text() }
}
const cookieOf = (res: Response, name: string) =>
  (res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? '').split(';')[0] ?? ''
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
const post = (path: string, cookie: string, form: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-gw-participation-'))
  store = openSqliteStore(join(dir, 'store.db'))
  deps = await createDeps(store, {
    baseUrl: 'http://gk.test',
    organisation: ORG,
    filesDir: join(dir, 'files'),
    rateLimit: false,
    organs: ORGANS,
    now: () => new Date('2021-10-11T02:00:00.000Z'),
  })
  await deps.contentIndex.upsert([POLICY], { source: 'test' })
  const m = (organ: string, question: string) =>
    deps.messages.add({
      organ,
      channel: 'website',
      received: '2021-10-08',
      question,
      sender: '钱七',
    })
  ids.mine = (await m('a-edu', '示例区少年宫秋季课程何时报名？')).id
  ids.theirs = (await m('a-civil', '高龄津贴如何申领？')).id
  const c = await deps.consultations.add({
    organ: 'a-edu',
    title: '《示例区中小学课后服务实施办法（征求意见稿）》',
    opened: '2021-06-01',
    closes: '2021-06-30',
  })
  ids.consultation = c.id
  await deps.consultations.appendEvent(c.id, {
    type: 'opinions_received',
    date: '2021-06-10',
    channel: 'website',
    count: 6,
  })
  await deps.consultations.appendEvent(c.id, {
    type: 'document_issued',
    date: '2021-09-01',
    contentId: POLICY.url,
  })
  officer = (await createAdminToken(store, { role: 'officer', org: ORG.id, scope: 'a-edu' })).token
  app = buildApp(deps)
}, 60_000)

afterAll(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function login() {
  const form = await app.request('/officer/login')
  const res = await post('/officer/login', cookieOf(form, 'gk_login_csrf'), {
    _csrf: csrfOf(await form.text()),
    token: officer,
  })
  expect(res.status).toBe(303)
  const cookie = cookieOf(res, 'gk_session')
  return { cookie, csrf: csrfOf((await get('/officer/messages', cookie)).html) }
}

describe('participation pages in the gateway', () => {
  it("lists the officer's organ's messages only; another organ's is a 404", async () => {
    const { cookie } = await login()
    const list = await get('/officer/messages', cookie)
    expect(list.res.status).toBe(200)
    expect(list.html).toContain(ids.mine)
    expect(list.html).not.toContain(ids.theirs)
    expect((await get(`/officer/messages/${ids.theirs}`, cookie)).res.status).toBe(404)
    expect((await get(`/officer/messages/${ids.mine}`, cookie)).html).toContain('钱七')
  })

  it('answers through the form: the answer is on /zmhd and /search finds it by its question', async () => {
    const { cookie, csrf } = await login()
    expect((await get('/search?q=少年宫秋季课程')).html).not.toContain(`/zmhd/${ids.mine}`)
    const res = await post(`/officer/messages/${ids.mine}/answer`, cookie, {
      _csrf: csrf,
      text: '九月二十日起在少年宫网站报名。',
      date: '2021-10-11',
      publish: 'yes',
    })
    expect(res.status).toBe(303)
    const list = await get('/zmhd')
    expect(list.html).toContain('少年宫秋季课程')
    expect(list.html).not.toContain('钱七')
    expect((await get(`/zmhd/${ids.mine}`)).html).toContain('九月二十日起在少年宫网站报名。')
    const found = await get(`/search?q=${encodeURIComponent('少年宫秋季课程')}`)
    expect(found.html).toContain(`href="/zmhd/${ids.mine}"`)
    // The audit log names the page write's token and target, as for the API's writes.
    const audit = await store.all<{ target: string | null; token_id: string | null }>(
      "SELECT target, token_id FROM gateway_audit WHERE path LIKE '/officer/messages/%'"
    )
    expect(audit.map((a) => a.target)).toContain(`messages/${ids.mine}`)
    expect(audit.every((a) => a.token_id !== null)).toBe(true)
  })

  it('shows open consultations and a policy page that says when its feedback is due, then the feedback', async () => {
    const list = await get('/yjzj')
    expect(list.html).toContain('课后服务实施办法')
    const policy = `/documents/view?id=${encodeURIComponent(POLICY.url)}`
    // Issued 2021-09-01: 10 working days later is 2021-09-15, long past on the gateway's 2021-10-11.
    expect((await get(policy)).html).toContain('采纳情况应于 2021-09-15 前公布，已逾期')
    const { cookie, csrf } = await login()
    const res = await post(`/officer/consultations/${ids.consultation}/feedback`, cookie, {
      _csrf: csrf,
      collected: '6',
      adopted: '6',
      reasons: '',
      date: '2021-10-11',
    })
    expect(res.status).toBe(303)
    const after = (await get(policy)).html
    expect(after).toMatch(/收集意见<\/dt><dd>6 条/)
    expect(after).toMatch(/采纳意见<\/dt><dd>6 条/)
  })
})
