import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Organ, openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, createDeps } from '../app.js'
import { createAdminToken } from '../auth/tokens.js'
import type { Env } from '../deps.js'

// Messages and consultations through app.request(), on a workspace calendar with one local rest day.
const A = { id: 'demo-district', name: '示例区人民政府' }
const ORGANS: Organ[] = [
  { id: 'a-gov', name: '示例区人民政府', kind: 'government', org: A.id },
  { id: 'a-edu', name: '示例区教育局', kind: 'department', parent: 'a-gov', org: A.id },
]

let dir = ''
let store: Store
let app: Hono<Env>
const tokens: Record<string, string> = {}

async function api(path: string, who?: string, body?: unknown) {
  const headers: Record<string, string> = {}
  if (who) headers.authorization = `Bearer ${tokens[who]}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-messages-'))
  // The workspace declares 2021-10-11 a local rest day: the server must count it as the CLI does.
  mkdirSync(join(dir, 'holidays'))
  writeFileSync(
    join(dir, 'holidays', '2021.json'),
    JSON.stringify({
      year: 2021,
      papers: [],
      days: [{ name: '测试', date: '2021-10-11', isOffDay: true }],
    })
  )
  store = openSqliteStore(join(dir, 'store.db'))
  const deps = await createDeps(store, {
    baseUrl: 'http://gk.test',
    organisation: A,
    filesDir: join(dir, 'files'),
    rateLimit: false,
    organs: ORGANS,
    holidaysDir: join(dir, 'holidays'),
  })
  for (const [name, role, scope] of [
    ['edu', 'officer', 'a-edu'],
    ['gov', 'officer', 'a-gov'],
    ['admin', 'admin', undefined],
  ] as const) {
    tokens[name] = (
      await createAdminToken(store, { role, org: A.id, ...(scope ? { scope } : {}), label: name })
    ).token
  }
  app = buildApp(deps)
}, 60_000)

afterAll(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('messages over REST', () => {
  it('counts clocks on the workspace calendar (holiday files), as the CLI does', async () => {
    const add = await api('/api/v1/messages', 'edu', {
      organ: 'a-edu',
      channel: 'website',
      received: '2021-09-29',
      question: '学区何时公布？',
      sender: '王五',
    })
    expect(add.status, add.text).toBe(201)
    const shown = await api(`/api/v1/messages/${add.json.id}?asOf=2021-10-08`, 'edu')
    // 09-30, 10-08, 10-09 (补班), [10-11 local rest day], 10-12, 10-13.
    expect(shown.json.clock).toMatchObject({ dueDate: '2021-10-13', workingDaysLeft: 3 })
    expect(shown.json.sender).toBe('王五')
    const req = await api('/api/v1/requests', 'edu', {
      organ: 'a-edu',
      channel: 'online',
      applicant: { id: 'x', type: 'natural_person' },
      received: '2021-09-24',
    })
    // Requests too: 20 working days from 09-24 end on 10-27 with the bundled data; one more rest day → 10-28.
    const r = await api(`/api/v1/requests/${req.json.id}?asOf=2021-09-24`, 'edu')
    expect(r.json.clock.dueDate).toBe('2021-10-28')
  })

  it('publishes answers without the sender; the admin never sees the sender; others get 404', async () => {
    const { json } = await api('/api/v1/messages', 'edu', {
      organ: 'a-edu',
      channel: 'mailbox',
      received: '2021-10-08',
      question: '开学时间？',
      sender: '李四 13912345678',
    })
    expect((await api(`/api/v1/messages/${json.id}`)).status).toBe(404)
    expect((await api(`/api/v1/messages/${json.id}`, 'gov')).status).toBe(404)
    const refused = await api(`/api/v1/messages/${json.id}/events`, 'edu', {
      type: 'answered',
      date: '2021-10-09',
      text: '请致电13812345678',
      publish: true,
    })
    expect(refused.status).toBe(422)
    expect(refused.json.error.code).toBe('personal_information')
    const ok = await api(`/api/v1/messages/${json.id}/events`, 'edu', {
      type: 'answered',
      date: '2021-10-09',
      text: '九月一日开学。',
      publish: true,
    })
    expect(ok.status, ok.text).toBe(201)
    const pub = await api(`/api/v1/messages/${json.id}`)
    expect(pub.status).toBe(200)
    expect(pub.json).toMatchObject({ question: '开学时间？', answer: { text: '九月一日开学。' } })
    expect(pub.text).not.toContain('李四')
    const list = await api('/api/v1/messages')
    expect(list.json.items.map((m: { id: string }) => m.id)).toContain(json.id)
    expect(list.text).not.toContain('李四')
    const feed = await app.request('/feeds/messages.atom')
    expect(feed.headers.get('content-type')).toContain('application/atom+xml')
    const xml = await feed.text()
    expect(xml).toContain(`tag:gk.test,2021:messages/${json.id}`)
    expect(xml).toContain('答：九月一日开学。')
    // Each entry links the answer's portal page; the feed links the list.
    expect(xml).toContain(`href="http://gk.test/zmhd/${json.id}"`)
    expect(xml).toContain('<link rel="alternate" type="text/html" href="http://gk.test/zmhd"/>')
    expect(xml).toContain('<updated>2021-10-09T00:00:00+08:00</updated>')
    expect(xml).not.toContain('李四')
    expect(xml.match(/<entry>/g)).toHaveLength(1)
    const admin = await api('/api/v1/messages?status=all', 'admin')
    expect(admin.status).toBe(200)
    expect(admin.json.total).toBe(2)
    expect(admin.text).not.toContain('李四')
  })
})

describe('consultations over REST', () => {
  it('records, lists publicly and answers per policy', async () => {
    const add = await api('/api/v1/consultations', 'gov', {
      organ: 'a-gov',
      title: '《示例区老旧小区改造办法（征求意见稿）》',
      opened: '2021-03-01',
      closes: '2021-03-31',
    })
    expect(add.status, add.text).toBe(201)
    const id = add.json.id
    expect(
      (
        await api(`/api/v1/consultations/${id}/events`, 'edu', {
          type: 'opinions_received',
          date: '2021-03-02',
          channel: 'website',
          count: 1,
        })
      ).status
    ).toBe(404)
    const ev = await api(`/api/v1/consultations/${id}/events`, 'gov', {
      type: 'opinions_received',
      date: '2021-03-02',
      channel: 'website',
      count: 4,
    })
    expect(ev.status, ev.text).toBe(201)
    const open = await api('/api/v1/consultations?status=open&asOf=2021-03-10')
    expect(open.json.items).toHaveLength(1)
    expect(open.json.items[0].opinions.byChannel).toEqual({ website: 4 })
    expect(open.json.items[0].events).toBeUndefined()
    expect((await api('/api/v1/consultations?contentId=none')).json.items).toEqual([])
    expect((await api('/api/v1/consultations?status=bogus')).status).toBe(400)
  })
})
