import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { BASE, call, done, publishDataset, setup } from '../test-support.js'
import { isEmailAddress } from './access-decision.js'

// Approving an application e-mails its token through a real SMTP server started here (the one
// mailer of `reminders.smtp`); refusals, phone contacts and failed sends are checked too.

const mails: { to: string[]; raw: string }[] = []
let smtp: SMTPServer
let port = 0

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // One mailbox that does not exist, for the failed send.
    onRcptTo(address, _session, callback) {
      if (address.address === 'nobody@example.com') {
        const err = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number }
        err.responseCode = 550
        callback(err)
      } else callback()
    },
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (d) => (raw += d))
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
  port = (smtp.server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()))
})

/** Decodes RFC 2047 encoded words (B and Q) of a header value. */
function decodeWords(value: string): string {
  return value.replace(/\s*=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : qp(text.replace(/_/g, ' '))
  )
}

/** Quoted-printable bytes (`=E6=9D=8E`) to UTF-8 text. */
const qp = (s: string) =>
  Buffer.from(
    s.replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1'
  ).toString('utf8')

/** The subject (raw header, unfolded) and the decoded text body of a single-part message. */
function parse(raw: string): { subjectRaw: string; subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]/g, ' ')
  const rest = raw.slice(split + 4)
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? ''
  const cte = header('Content-Transfer-Encoding').toLowerCase()
  const body =
    cte === 'base64'
      ? Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? qp(rest.replace(/=\r\n/g, ''))
        : rest
  const subjectRaw = header('Subject')
  return { subjectRaw, subject: decodeWords(subjectRaw), body }
}

const application = (contact: string) => ({
  applicant: { name: '李四', org: '某某大学', contact },
  purpose: '研究社区养老床位分布',
  scenario: '学术论文中的统计分析',
  securityMeasures: '内网存放，专人管理',
})

async function fixture() {
  const now = () => new Date('2021-09-30T02:00:00Z')
  const ctx = await setup({
    now,
    smtp: { host: '127.0.0.1', port, secure: false, from: 'gongkai@example.test' },
  })
  const publisher = await ctx.token({ role: 'publisher' })
  const published = await publishDataset(ctx.app, publisher, {
    id: 'beds',
    title: '养老机构床位',
    openness: 'conditional',
  })
  expect(published.status).toBe(201)
  const apply = async (contact: string) => {
    const res = await call(ctx.app, 'POST', '/api/v1/datasets/beds/access-requests', {
      json: application(contact),
    })
    expect(res.status).toBe(201)
    const a = await res.json()
    const path = (url: string) => new URL(url).pathname + new URL(url).search
    return { id: a.id as string, status: path(a.statusUrl), page: path(a.statusPage) }
  }
  const decide = (id: string, json: unknown) =>
    call(ctx.app, 'POST', `/api/v1/access-requests/${id}/decision`, { token: publisher, json })
  return { ...ctx, publisher, apply, decide }
}

describe('e-mailing the token of an approved application', () => {
  it('sends it once to an e-mail contact, Chinese subject encoded; the status link says emailed and never shows it', async () => {
    mails.length = 0
    const f = await fixture()
    const a = await f.apply('lisi@example.edu.cn')
    const decided = await f.decide(a.id, { approve: { expiresAt: '2099-12-31' } })
    expect(decided.status).toBe(200)
    const view = await decided.json()
    expect(view.status).toBe('approved')
    expect(view.email).toEqual({ status: 'sent', at: '2021-09-30T02:00:00.000Z', error: null })

    expect(mails).toHaveLength(1)
    const mail = mails[0] as { to: string[]; raw: string }
    expect(mail.to).toEqual(['lisi@example.edu.cn'])
    const { subjectRaw, subject, body } = parse(mail.raw)
    // Non-ASCII subjects travel as RFC 2047 encoded words, never raw bytes.
    expect(subjectRaw).toMatch(/=\?UTF-8\?[BQ]\?/i)
    expect([...subjectRaw].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true)
    expect(subject).toBe('有条件开放数据申请已同意：养老机构床位')
    const token = /gk_[A-Za-z0-9_-]+/.exec(body)?.[0] ?? ''
    expect(token).not.toBe('')
    // The expiry as the applicant reads it: the end of the chosen day, Beijing time.
    expect(body).toContain('至 2099-12-31 23:59（北京时间）')
    expect(body).toContain(`${BASE}/datasets/beds.csv`)

    // The e-mailed token reads that dataset.
    expect((await call(f.app, 'GET', '/datasets/beds.csv', { token })).status).toBe(200)
    // The status link says where the token went and shows it neither now nor later.
    for (let i = 0; i < 2; i++) {
      const s = await (await call(f.app, 'GET', a.status)).json()
      expect(s).toMatchObject({ status: 'approved', emailed: true })
      expect(s.token).toBeUndefined()
    }
    expect(mails).toHaveLength(1)
    await done(f.store)
  })

  it('sends nothing for a refusal or a phone contact (the status link hands the token out once)', async () => {
    mails.length = 0
    const f = await fixture()
    const refused = await f.apply('lisi@example.edu.cn')
    const r = await f.decide(refused.id, { refuse: { reason: '用途与数据集不符' } })
    expect((await r.json()).email).toBeNull()
    const phone = await f.apply('13800138000')
    const p = await f.decide(phone.id, { approve: { expiresAt: '2099-12-31' } })
    expect((await p.json()).email).toBeNull()
    expect(mails).toHaveLength(0)
    const first = await (await call(f.app, 'GET', phone.status)).json()
    expect(first.token).toMatch(/^gk_/)
    expect(first.emailed).toBeUndefined()
    expect((await (await call(f.app, 'GET', phone.status)).json()).token).toBeUndefined()
    await done(f.store)
  })

  it('keeps the decision when the send fails: logged, shown to the publisher, token on the status link', async () => {
    mails.length = 0
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const f = await fixture()
    const a = await f.apply('nobody@example.com')
    const decided = await f.decide(a.id, { approve: { expiresAt: '2099-12-31' } })
    expect(decided.status).toBe(200)
    const view = await decided.json()
    expect(view.status).toBe('approved')
    expect(view.email.status).toBe('failed')
    expect(view.email.error).toContain('550')
    // What the publisher reads later says the same.
    const later = await (
      await call(f.app, 'GET', `/api/v1/access-requests/${a.id}`, { token: f.publisher })
    ).json()
    expect(later).toMatchObject({ status: 'approved', email: { status: 'failed' } })
    // Logged, without the applicant's address.
    const logged = errors.mock.calls.map((c) => c.join(' ')).join('\n')
    expect(logged).toContain(`access request ${a.id}: token e-mail not sent`)
    expect(logged).not.toContain('nobody@example.com')
    errors.mockRestore()
    expect(mails).toHaveLength(0)
    // The applicant still gets the token, once, from the status link; it reads the dataset.
    const first = await (await call(f.app, 'GET', a.status)).json()
    expect(first.emailed).toBeUndefined()
    expect(first.token).toMatch(/^gk_/)
    expect((await call(f.app, 'GET', '/datasets/beds.csv', { token: first.token })).status).toBe(
      200
    )
    expect((await (await call(f.app, 'GET', a.status)).json()).token).toBeUndefined()
    await done(f.store)
  })
})

describe('deciding in the portal', () => {
  it('e-mails the token too; the publisher and the status page say so', async () => {
    mails.length = 0
    const f = await fixture()
    const a = await f.apply('lisi@example.edu.cn')
    const page = (path: string, cookie = '') =>
      f.app.request(`${BASE}${path}`, { headers: { cookie } })
    const post = (path: string, form: Record<string, string>, cookie: string) =>
      f.app.request(`${BASE}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      })
    const cookieOf = (res: Response, name: string) =>
      (res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? '').split(';')[0] ?? ''
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

    const form = await page('/access-requests')
    const login = await post(
      '/access-requests/login',
      { _csrf: csrfOf(await form.text()), token: f.publisher },
      cookieOf(form, 'gk_login_csrf')
    )
    const session = cookieOf(login, 'gk_session')
    const list = await (await page('/access-requests', session)).text()
    const decided = await post(
      `/access-requests/${a.id}/decision`,
      { _csrf: csrfOf(list), decision: 'approve', expiresAt: '2099-12-31' },
      session
    )
    expect(decided.status).toBe(303)
    expect(mails.map((m) => m.to)).toEqual([['lisi@example.edu.cn']])
    expect(await (await page('/access-requests', session)).text()).toContain('已发送至申请人邮箱')
    const status = await (await page(a.page)).text()
    expect(status).toContain('令牌已通过电子邮件发送')
    expect(status).not.toMatch(/gk_[A-Za-z0-9_-]{20,}/)
    await done(f.store)
  })
})

describe('isEmailAddress', () => {
  it('takes an address alone, never a phone number or a mixed contact', () => {
    expect(isEmailAddress('lisi@example.edu.cn')).toBe(true)
    expect(isEmailAddress('13800138000')).toBe(false)
    expect(isEmailAddress('010-12345678')).toBe(false)
    expect(isEmailAddress('lisi@example.com 13800138000')).toBe(false)
    expect(isEmailAddress('李四 <lisi@example.com>')).toBe(false)
    expect(isEmailAddress('lisi@localhost')).toBe(false)
  })
})
