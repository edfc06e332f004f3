import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { call, ORG, publishDataset, schoolCsv, setup } from '../test-support.js'

async function withData() {
  const s = await setup()
  const publisher = await s.token({ role: 'publisher' })
  const r = await publishDataset(s.app, publisher)
  expect(r.status).toBe(201)
  return { ...s, publisher }
}

describe('datasets, rows and downloads', () => {
  it('publishes through the API and lists with facets', async () => {
    const { app } = await withData()
    const list = await (await call(app, 'GET', '/api/v1/datasets')).json()
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({
      id: 'schools',
      openness: 'unconditional',
      currentVersion: 1,
    })
    expect(list.facets.tag).toEqual({ 教育: 1, 学校: 1 })
    expect(list.facets.publisher).toEqual({ [ORG.id]: 1 })
    expect((await (await call(app, 'GET', '/api/v1/datasets?tag=交通')).json()).total).toBe(0)
    const one = await (await call(app, 'GET', '/api/v1/datasets/schools')).json()
    expect(one.versions).toHaveLength(1)
    expect(one.links.csv).toBe('http://gk.test/datasets/schools.csv')
  })

  it('filters, sorts and pages rows; 400 names unknown columns', async () => {
    const { app } = await withData()
    const f = await (
      await call(
        app,
        'GET',
        `/api/v1/datasets/schools/rows?${encodeURIComponent('区')}=${encodeURIComponent('长宁')}&sort=-${encodeURIComponent('学生数')}`
      )
    ).json()
    expect(f.items.map((r: Record<string, unknown>) => r.编号)).toEqual([3, 1])
    expect(f.total).toBe(2)
    const p1 = await (await call(app, 'GET', '/api/v1/datasets/schools/rows?limit=2')).json()
    expect(p1.items).toHaveLength(2)
    const p2 = await (
      await call(
        app,
        'GET',
        `/api/v1/datasets/schools/rows?limit=2&cursor=${encodeURIComponent(p1.next)}`
      )
    ).json()
    expect(p2.items.map((r: Record<string, unknown>) => r.编号)).toEqual([3])
    const bad = await call(app, 'GET', '/api/v1/datasets/schools/rows?colour=red')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details.parameter).toBe('colour')
    expect((await call(app, 'GET', '/api/v1/datasets/schools/rows?sort=nope')).status).toBe(400)
    expect((await call(app, 'GET', '/api/v1/datasets/nope/rows')).status).toBe(404)
  })

  it('streams the CSV download byte for byte with Content-Length, Link and Content-Disposition', async () => {
    const { app } = await withData()
    const r = await call(app, 'GET', '/datasets/schools.csv')
    expect(r.status).toBe(200)
    const bytes = Buffer.from(await r.arrayBuffer())
    expect(Number(r.headers.get('content-length'))).toBe(bytes.length)
    expect(bytes.toString('utf8')).toBe(schoolCsv)
    expect(r.headers.get('link')).toContain('schools.csv-metadata.json>; rel="describedby"')
    expect(r.headers.get('content-disposition')).toContain('schools-v1.csv')
    expect(r.headers.get('content-encoding')).toBeNull()
    const moved = await call(app, 'GET', '/datasets/schools.csv?bom=true&version=1')
    expect(moved.status).toBe(301)
    expect(moved.headers.get('location')).toMatch(/\/datasets\/schools\.excel\.csv\?version=1$/)
    const excel = await call(app, 'GET', '/datasets/schools.excel.csv')
    const bom = Buffer.from(await excel.arrayBuffer())
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(excel.headers.get('content-disposition')).toContain('schools-v1.excel.csv')
    expect(Number(excel.headers.get('content-length'))).toBe(bom.length)
    const versionFile = await call(app, 'GET', '/datasets/schools/versions/1/data-excel.csv')
    expect(Buffer.from(await versionFile.arrayBuffer())).toEqual(bom)
    const pinned = await call(app, 'GET', '/datasets/schools.csv?version=1')
    expect(pinned.headers.get('cache-control')).toContain('immutable')
    const etag = pinned.headers.get('etag') ?? ''
    expect(
      (
        await call(app, 'GET', '/datasets/schools.csv?version=1', {
          headers: { 'if-none-match': etag },
        })
      ).status
    ).toBe(304)
    expect((await call(app, 'GET', '/datasets/schools.csv?version=9')).status).toBe(404)
    const json = await (await call(app, 'GET', '/datasets/schools.json')).json()
    expect(json).toHaveLength(3)
    const nd = await (await call(app, 'GET', '/datasets/schools.ndjson')).text()
    expect(nd.trim().split('\n')).toHaveLength(3)
    const meta = await (await call(app, 'GET', '/datasets/schools.csv-metadata.json')).json()
    expect(JSON.stringify(meta)).toContain('schools')
    const v = await call(app, 'GET', '/datasets/schools/versions/1/data.csv')
    expect(await v.text()).toBe(schoolCsv)
    expect((await call(app, 'GET', '/datasets/schools/versions/1/passwd')).status).toBe(400)
  })

  it('negotiates /datasets/:id by Accept (JSON to the API, HTML to the portal)', async () => {
    const { app } = await withData()
    const j = await call(app, 'GET', '/datasets/schools', {
      headers: { accept: 'application/json' },
    })
    expect((await j.json()).id).toBe('schools')
    const csv = await call(app, 'GET', '/datasets/schools', { headers: { accept: 'text/csv' } })
    expect(await csv.text()).toBe(schoolCsv)
    const html = await call(app, 'GET', '/datasets/schools', { headers: { accept: 'text/html' } })
    expect(html.headers.get('content-type') ?? '').not.toContain('csv')
  })

  it('never serves closed data; conditional data only to a granted token', async () => {
    const { app, publisher, token } = await withData()
    expect(
      (await publishDataset(app, publisher, { id: 'secret', openness: 'closed' })).status
    ).toBe(201)
    expect(
      (await publishDataset(app, publisher, { id: 'cond', openness: 'conditional' })).status
    ).toBe(201)
    expect((await call(app, 'GET', '/api/v1/datasets/secret')).status).toBe(404)
    expect((await call(app, 'GET', '/datasets/secret.csv', { token: publisher })).status).toBe(404)
    const ids = (await (await call(app, 'GET', '/api/v1/datasets')).json()).items.map(
      (d: { id: string }) => d.id
    )
    expect(ids).not.toContain('secret')
    expect((await call(app, 'GET', '/api/v1/datasets/cond')).status).toBe(200)
    expect((await call(app, 'GET', '/datasets/cond.csv')).status).toBe(403)
    const other = await token({ role: 'conditional_reader', grants: ['schools'] })
    expect((await call(app, 'GET', '/api/v1/datasets/cond/rows', { token: other })).status).toBe(
      403
    )
    const granted = await token({ role: 'conditional_reader', grants: ['cond'] })
    const ok = await call(app, 'GET', '/datasets/cond.csv', { token: granted })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('cache-control')).toContain('private')
  })

  it('refuses publishing without a token, for another org, twice, or with bad rows', async () => {
    const { app, publisher, token } = await withData()
    expect((await publishDataset(app, '')).status).toBe(401)
    const other = await token({ role: 'publisher', org: 'other-district' })
    // Publishing for another organisation: 404, as for an organisation that does not exist.
    expect((await publishDataset(app, other, { id: 'x2' })).status).toBe(404)
    const taken = await publishDataset(app, publisher)
    expect(taken.status).toBe(409)
    expect((await taken.json()).error.code).toBe('id_unavailable')
    const bad = await publishDataset(
      app,
      publisher,
      { id: 'broken' },
      '编号,名称,区,学生数\r\nabc,,长宁,1\r\n'
    )
    expect(bad.status).toBe(422)
    expect((await bad.json()).error.details.reason).toBe('invalid_rows')
  })

  it('refuses an unconditional dataset with personal information: 422 personal_information', async () => {
    const { app, publisher } = await withData()
    const r = await publishDataset(
      app,
      publisher,
      { id: 'pii' },
      '编号,名称,区,学生数\r\n1,愚园路小学 校长手机13812345678,长宁,800\r\n'
    )
    expect(r.status).toBe(422)
    const body = await r.json()
    expect(body.error.code).toBe('personal_information')
    expect(body.error.message).toContain('(mobile)')
    expect(body.error.details).toEqual([
      {
        pointer: '/rows/0/名称',
        rule: 'mobile',
        value: '138****5678',
        override: '/fields/1/privacy/allow',
      },
    ])
    expect((await call(app, 'GET', '/api/v1/datasets/pii')).status).toBe(404)
  })

  it('lets only one of two concurrent creates of one id through, whatever their organisations', async () => {
    const { app, publisher, token } = await withData()
    const other = await token({ role: 'publisher', org: 'other-district' })
    const answers = await Promise.all([
      publishDataset(app, publisher, { id: 'race' }),
      publishDataset(app, other, {
        id: 'race',
        publisher: { id: 'other-district', name: '另一区' },
      }),
    ])
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([201, 409])
    const loser = answers.find((r) => r.status === 409)
    if (!loser) throw new Error('no 409')
    expect((await loser.json()).error.code).toBe('id_unavailable')
    const shown = await (await call(app, 'GET', '/api/v1/datasets/race')).json()
    expect(shown.versions).toHaveLength(1)
  })

  it('refuses URL fields that are not http(s) or mailto, naming the pointer', async () => {
    const { app, publisher } = await withData()
    for (const over of [
      { id: 'x-license', license: 'javascript:alert(document.cookie)' },
      { id: 'x-landing', landingPage: 'data:text/html,<script>alert(1)</script>' },
      { id: 'x-contact', contact: { name: '专员', url: 'vbscript:msgbox(1)' } },
    ]) {
      const r = await publishDataset(app, publisher, over)
      expect(r.status).toBe(422)
      const pointers = (await r.json()).error.details.errors.map(
        (e: { pointer: string }) => e.pointer
      )
      const field = Object.keys(over).find((k) => k !== 'id')
      expect(pointers.some((p: string) => p.startsWith(`/descriptor/${field}`))).toBe(true)
    }
    const mail = await publishDataset(app, publisher, {
      id: 'x-mail',
      contact: { name: '专员', url: 'mailto:xxgk@example.gov.cn' },
    })
    expect(mail.status).toBe(201)
  })

  it('adds a version and withdraws one with a reason', async () => {
    const { app, publisher } = await withData()
    const total = async () =>
      (await (await call(app, 'GET', '/api/v1/datasets/schools/rows')).json()).total
    expect(await total()).toBe(3)
    const v2 = await call(app, 'POST', '/api/v1/datasets/schools/versions', {
      token: publisher,
      json: { csv: `${schoolCsv}4,新学校,长宁,10\r\n` },
    })
    expect(v2.status).toBe(201)
    expect((await v2.json()).version).toBe(2)
    // The same query answers from the new version (cached pages are keyed by dataset state).
    expect(await total()).toBe(4)
    const w = await call(app, 'POST', '/api/v1/datasets/schools/versions/2/withdrawal', {
      token: publisher,
      json: { reason: '数据有误' },
    })
    expect(w.status).toBe(200)
    expect((await call(app, 'GET', '/datasets/schools.csv?version=2')).status).toBe(410)
    expect(await total()).toBe(3)
    expect(await (await call(app, 'GET', '/datasets/schools.csv')).text()).toBe(schoolCsv)
    const atom = await (await call(app, 'GET', '/feeds/updates.atom')).text()
    expect(atom).toContain('dataset.withdrawn')
  })

  it('serves a new version published by another process on the same store at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-rows-'))
    const a = await setup({}, dir)
    const b = await setup({}, dir)
    const publisher = await a.token({ role: 'publisher' })
    expect((await publishDataset(a.app, publisher)).status).toBe(201)
    const page = async () =>
      (await call(a.app, 'GET', '/api/v1/datasets/schools/rows?区=长宁')).json()
    expect((await page()).total).toBe(2)
    expect((await page()).version).toBe(1)
    const v2 = await call(b.app, 'POST', '/api/v1/datasets/schools/versions', {
      token: publisher,
      json: { csv: `${schoolCsv}4,新学校,长宁,10\r\n` },
    })
    expect(v2.status).toBe(201)
    const after = await page()
    expect(after.version).toBe(2)
    expect(after.total).toBe(3)
  })
})
