import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Organ, openSqliteStore, type Store } from '@gongkai/store'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, createDeps } from '../app.js'
import { createAdminToken } from '../auth/tokens.js'
import type { Env } from '../deps.js'

// Published 政民互动 answers in the search index, through the gateway: an answer published over
// REST is found by words of its question at once; an unpublished one never; one no longer published
// leaves the index at the next message write.
const ORG = { id: 'demo-district', name: '示例区人民政府' }
const ORGANS: Organ[] = [{ id: 'a-edu', name: '示例区教育局', kind: 'department', org: ORG.id }]

let dir = ''
let store: Store
let app: Hono<Env>
let officer = ''

const call = async (path: string, body?: unknown) => {
  const res = await app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(path.startsWith('/api/v1/messages') ? { authorization: `Bearer ${officer}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined }
}

const searchIds = async (q: string) => {
  const r = await call(`/api/v1/search?q=${encodeURIComponent(q)}&type=answer`)
  expect(r.status, r.text).toBe(200)
  return (r.json.items as { id: string; url: string }[]).map((i) => `${i.id} ${i.url}`)
}

const message = async (question: string) => {
  const add = await call('/api/v1/messages', {
    organ: 'a-edu',
    channel: 'website',
    received: '2021-10-08',
    question,
    sender: '赵六 13912345678',
  })
  expect(add.status, add.text).toBe(201)
  return add.json.id as string
}

const answer = (id: string, text: string, publish: boolean) =>
  call(`/api/v1/messages/${id}/events`, { type: 'answered', date: '2021-10-09', text, publish })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-answer-search-'))
  store = openSqliteStore(join(dir, 'store.db'))
  const deps = await createDeps(store, {
    baseUrl: 'http://gk.test',
    organisation: ORG,
    filesDir: join(dir, 'files'),
    rateLimit: false,
    organs: ORGANS,
  })
  officer = (await createAdminToken(store, { role: 'officer', org: ORG.id, scope: 'a-edu' })).token
  app = buildApp(deps)
}, 60_000)

afterAll(async () => {
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('published answers in search', () => {
  it('finds an answer published over REST by words of its question, never an unpublished one', async () => {
    const shown = await message('游泳馆暑期开放时间是什么？')
    const hidden = await message('图书馆暑期开放时间是什么？')
    expect(await searchIds('游泳馆')).toEqual([])
    expect((await answer(shown, '七月一日起每天开放。', true)).status).toBe(201)
    expect((await answer(hidden, '已电话告知。', false)).status).toBe(201)
    expect(await searchIds('游泳馆暑期开放')).toEqual([`${shown} /zmhd/${shown}`])
    expect(await searchIds('图书馆')).toEqual([])
    // The portal's search page finds it too, linking the answer's page; the sender never shows.
    const page = await call(`/search?q=${encodeURIComponent('游泳馆')}`)
    expect(page.text).toContain(`href="/zmhd/${shown}"`)
    expect(page.text).not.toContain('赵六')
    const all = await call('/api/v1/search?q=13912345678')
    expect(all.text).not.toContain(shown)
  })

  it('drops an answer that is no longer published at the next message write', async () => {
    const id = await message('体育场夜间开放吗？')
    await answer(id, '每晚开放至21时。', true)
    expect(await searchIds('体育场')).toHaveLength(1)
    // As if the publication were withdrawn in the store (no event does that today).
    await store.run('UPDATE cases_messages SET published_on = NULL WHERE id = ?', [id])
    const other = await message('篮球场需要预约吗？')
    expect(
      (await call(`/api/v1/messages/${other}/events`, { type: 'closed', date: '2021-10-09' }))
        .status
    ).toBe(201)
    expect(await searchIds('体育场')).toEqual([])
  })
})
