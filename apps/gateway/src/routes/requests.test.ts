import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Organ, openSqliteStore, type Store } from '@gongkai/store'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, createDeps } from '../app.js'
import { addOrganisation } from '../auth/organisations.js'
import { createAdminToken } from '../auth/tokens.js'

// The requests API over a real socket: two organs of A (education, health), one of B.
const A = { id: 'demo-district', name: '示例区人民政府' }
const B = { id: 'other-district', name: '另一区人民政府' }
const ORGANS: Organ[] = [
  { id: 'a-gov', name: '示例区人民政府', kind: 'government', org: A.id },
  { id: 'a-edu', name: '示例区教育局', kind: 'department', parent: 'a-gov', org: A.id },
  { id: 'a-health', name: '示例区卫生健康委员会', kind: 'department', parent: 'a-gov', org: A.id },
  { id: 'b-edu', name: '另一区教育局', kind: 'department', org: B.id },
]

let dir = ''
let store: Store
let url = ''
let close: () => Promise<void> = async () => {}
const tokens: Record<string, string> = {}

async function api(path: string, who?: string, body?: unknown, method = body ? 'POST' : 'GET') {
  const headers: Record<string, string> = {}
  if (who) headers.authorization = `Bearer ${tokens[who]}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  // biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, read by the assertions
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, text, json, headers: res.headers }
}

const newRequest = (organ: string, over: Record<string, unknown> = {}) => ({
  organ,
  channel: 'online',
  applicant: { id: 'app-1', type: 'natural_person', name: '王小明', contact: '13912345678' },
  subject: '本区2021年学区划分方案',
  received: '2021-09-24',
  ...over,
})

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-requests-'))
  store = openSqliteStore(join(dir, 'store.db'))
  const deps = await createDeps(store, {
    baseUrl: 'http://gk.test',
    organisation: A,
    filesDir: join(dir, 'files'),
    rateLimit: false,
    organs: ORGANS,
  })
  await addOrganisation(store, B)
  const make = async (
    name: string,
    role: 'officer' | 'admin' | 'publisher' | 'operator',
    org: string,
    scope?: string
  ) => {
    tokens[name] = (
      await createAdminToken(store, { role, org, ...(scope ? { scope } : {}), label: name })
    ).token
  }
  await make('edu', 'officer', A.id, 'a-edu')
  await make('health', 'officer', A.id, 'a-health')
  await make('adminA', 'admin', A.id)
  await make('publisherA', 'publisher', A.id)
  await make('operator', 'operator', A.id)
  await make('eduB', 'officer', B.id, 'b-edu')
  const app = buildApp(deps)
  await new Promise<void>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      url = `http://127.0.0.1:${info.port}`
      close = () =>
        new Promise<void>((done) => {
          s.close(() => done())
          ;(s as { closeAllConnections?: () => void }).closeAllConnections?.()
        })
      resolve()
    })
  })
}, 60_000)

afterAll(async () => {
  await close()
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('POST/GET /api/v1/requests over a socket', () => {
  it('lets an organ’s officer record and follow its request; another organ’s officer gets 404', async () => {
    const made = await api('/api/v1/requests', 'edu', newRequest('a-edu'))
    expect(made.status).toBe(201)
    const id = made.json.id as string
    expect(made.headers.get('location')).toBe(`http://gk.test/api/v1/requests/${id}`)

    const own = await api(`/api/v1/requests/${id}?asOf=2021-09-30`, 'edu')
    expect(own.status).toBe(200)
    expect(own.json.applicant).toMatchObject({ name: '王小明', contact: '13912345678' })
    // 20 working days over 国庆 2021 (26 Sep and 9 Oct are 调休 working days).
    expect(own.json.clock).toMatchObject({ dueDate: '2021-10-27', paused: false, overdue: false })
    expect(own.headers.get('cache-control')).toBe('private, no-store')

    const absent = await api('/api/v1/requests/ysq-1999-000999', 'edu')
    for (const who of ['health', 'eduB']) {
      const other = await api(`/api/v1/requests/${id}`, who)
      expect(other.status, who).toBe(404)
      // Byte for byte the answer for an absent request, but for the id.
      expect(other.text.replaceAll(id, 'X')).toBe(absent.text.replaceAll('ysq-1999-000999', 'X'))
      expect(other.text).not.toContain('王小明')
      const event = await api(`/api/v1/requests/${id}/events`, who, {
        type: 'registered',
        date: '2021-09-26',
      })
      expect(event.status, who).toBe(404)
    }
    expect((await api('/api/v1/requests', 'health', newRequest('a-edu'))).status).toBe(404)
    expect((await api('/api/v1/requests', 'eduB', newRequest('a-edu'))).status).toBe(404)
    expect((await api('/api/v1/requests', 'publisherA', newRequest('a-edu'))).status).toBe(403)
    expect((await api('/api/v1/requests', 'edu', newRequest('no-such-organ'))).status).toBe(404)
  })

  it('shows an admin and the operator the clocks but never the applicant’s personal data', async () => {
    const id = (await api('/api/v1/requests', 'health', newRequest('a-health'))).json.id
    for (const who of ['adminA', 'operator']) {
      const one = await api(`/api/v1/requests/${id}`, who)
      expect(one.status).toBe(200)
      expect(one.json.clock.dueDate).toBe('2021-10-27')
      expect(one.text).not.toMatch(/王小明|13912345678|app-1|学区划分/)
      const list = await api('/api/v1/requests?status=all', who)
      expect(list.json.items.some((i: { id: string }) => i.id === id)).toBe(true)
      expect(list.text).not.toMatch(/王小明|13912345678/)
    }
    const mine = await api('/api/v1/requests?status=all', 'health')
    expect(mine.json.items.every((i: { organ: string }) => i.organ === 'a-health')).toBe(true)
    expect(mine.json.total).toBe(mine.json.items.length)
    expect((await api('/api/v1/requests?organ=a-edu', 'health')).status).toBe(404)
    expect((await api('/api/v1/requests', 'eduB')).json.total).toBe(0)
    expect(
      (await api('/api/v1/requests?status=maybe', 'health')).json.error.details.parameter
    ).toBe('status')
  })

  it('answers an impossible history with 422 naming the event, and stores nothing', async () => {
    const id = (await api('/api/v1/requests', 'edu', newRequest('a-edu'))).json.id
    const ok = await api(`/api/v1/requests/${id}/events`, 'edu', {
      type: 'extended',
      date: '2021-10-20',
      approver: '王主任',
    })
    expect(ok.status).toBe(201)
    expect(ok.json.event).toMatchObject({ type: 'extended', workingDays: 20 })
    const second = await api(`/api/v1/requests/${id}/events`, 'edu', {
      type: 'extended',
      date: '2021-10-21',
      approver: '王主任',
    })
    expect(second.status).toBe(422)
    expect(second.json.error.code).toBe('impossible_history')
    expect(second.json.error.details.event).toMatchObject({ type: 'extended', date: '2021-10-21' })
    const early = await api(`/api/v1/requests/${id}/events`, 'edu', {
      type: 'replied',
      date: '2021-09-01',
      outcome: 'granted',
    })
    expect(early.json.error.details.event.type).toBe('replied')
    const unknown = await api(`/api/v1/requests/${id}/events`, 'edu', {
      type: 'replied',
      date: '2021-11-01',
      outcome: 'perhaps',
    })
    expect(unknown.status).toBe(422)
    const shown = await api(`/api/v1/requests/${id}?asOf=2021-10-25`, 'edu')
    expect(shown.json.events).toHaveLength(2)
    expect(shown.json.clock.dueDate).toBe('2021-11-24')
    const typo = await api(`/api/v1/requests/${id}/events`, 'edu', {
      type: 'extended',
      date: '2021-10-22',
      workingday: 3,
    })
    expect(typo.status).toBe(400)
    expect(typo.json.error.details.parameter).toBe('workingday')
  })

  it('bounds bodies: 413 over 64 KB, 415 without JSON', async () => {
    const big = newRequest('a-edu', { subject: '很'.repeat(40_000) })
    expect((await api('/api/v1/requests', 'edu', big)).status).toBe(413)
    const res = await fetch(`${url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.edu}`, 'content-type': 'text/plain' },
      body: 'x',
    })
    expect(res.status).toBe(415)
  })
})

describe('GET /api/v1/annual-reports/:year', () => {
  it('counts a year’s replies per applicant type and never shows personal data, in json, csv and html', async () => {
    const id = (
      await api(
        '/api/v1/requests',
        'edu',
        newRequest('a-edu', {
          received: '2022-03-01',
          applicant: { id: 'r-1', type: 'research', name: '赵研究', contact: 'zhao@example.cn' },
        })
      )
    ).json.id
    await api(`/api/v1/requests/${id}/events`, 'edu', {
      type: 'replied',
      date: '2022-03-15',
      outcome: 'refused.state_secret',
    })
    const later = (
      await api(
        '/api/v1/requests',
        'edu',
        newRequest('a-edu', { received: '2022-12-20', applicant: { id: 'r-1', type: 'research' } })
      )
    ).json.id
    await api(`/api/v1/requests/${later}/events`, 'edu', {
      type: 'replied',
      date: '2023-01-05',
      outcome: 'granted',
    })

    const r = await api('/api/v1/annual-reports/2022?org=a-edu')
    expect(r.status).toBe(200)
    expect(r.json.table3['refused.state_secret'].research).toBe(1)
    // The reply of 5 January 2023 is not the 2022 report's: the case is carried out.
    expect(r.json.table3.granted.research).toBe(0)
    expect(r.json.table3.carried_out.research).toBe(1)
    const csv = await api('/api/v1/annual-reports/2022?org=a-edu&format=csv')
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.text.split('\r\n')).toContain('table3,refused.state_secret,research,1')
    const html = await api(
      '/api/v1/annual-reports/2022?org=a-gov&include=a-edu,a-health&format=html'
    )
    expect(html.status).toBe(200)
    for (const t of [r.text, csv.text, html.text])
      expect(t).not.toMatch(/赵研究|zhao@example|王小明/)
    expect((await api('/api/v1/annual-reports/2022?org=a-edu&include=a-health')).status).toBe(400)
    expect((await api('/api/v1/annual-reports/2022?org=nowhere')).status).toBe(404)
    expect((await api('/api/v1/annual-reports/22?org=a-edu')).status).toBe(400)
    expect((await api('/api/v1/annual-reports/2022')).json.error.details.parameter).toBe('org')
  })
})
