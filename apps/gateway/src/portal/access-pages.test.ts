import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminToken } from '../auth/tokens.js'
import {
  CONDITIONAL_DATASET,
  type GatewayPortalFixture,
  gatewayPortalFixture,
  OPEN_DATASET,
} from './portal-fixture.js'

// The dataset pages and the 有条件开放 application flow as the gateway serves them, on its own
// services: the page a data user works with, the form an applicant posts, the publisher's decision.

let f: GatewayPortalFixture
beforeAll(async () => {
  f = await gatewayPortalFixture()
})
afterAll(async () => {
  await f?.close()
})

const html = async (path: string, headers: Record<string, string> = {}) => {
  const res = await f.app.request(path, { headers })
  return { res, html: await res.text() }
}
const cookieOf = (res: Response, name: string) =>
  (res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? '').split(';')[0] ?? ''
const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''
const post = (path: string, form: Record<string, string>, cookie = '') =>
  f.app.request(path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
const hrefs = (page: string) => [...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '')

const APPLICATION = {
  name: '李四',
  org: '某某科技有限公司',
  contact: 'lisi@example.com',
  purpose: '养老服务供需分析',
  scenario: '内部决策参考',
  securityMeasures: '专人保管，加密存储',
}

describe('the dataset page', () => {
  it('shows the data dictionary from the table schema, downloads that work, versions and API calls', async () => {
    const { res, html: page } = await html(`/datasets/${OPEN_DATASET}`)
    expect(res.status).toBe(200)
    expect(page).not.toContain('暂无表结构')
    expect(page).toContain('床位数')
    expect(page).toMatch(/<td>张<\/td>/)
    expect(page).toContain('≥ 0')
    expect(page).toContain('Excel 用 CSV')
    // Every download and version link answers 200 (none advertises a 403).
    const links = hrefs(page).filter(
      (h) => h.startsWith(`/datasets/${OPEN_DATASET}`) && !h.includes('#')
    )
    expect(links).toEqual(
      expect.arrayContaining([
        `/datasets/${OPEN_DATASET}.csv`,
        `/datasets/${OPEN_DATASET}.excel.csv`,
        `/datasets/${OPEN_DATASET}/datapackage.json`,
        `/datasets/${OPEN_DATASET}/versions/1/data.csv`,
      ])
    )
    for (const link of links) expect((await f.app.request(link)).status, link).toBe(200)
    expect(page).toContain(`/api/3/action/package_show?id=${OPEN_DATASET}`)
    expect(page).toContain(`/datasets/${OPEN_DATASET}.jsonld`)
  })

  it('filters the preview by a column value and by text, and says why a filter cannot run', async () => {
    const one = await html(`/datasets/${OPEN_DATASET}?col=beds&val=21`)
    expect(one.html).toContain('共 1 行')
    expect(one.html).toContain('第2养老院')
    const text = await html(`/datasets/${OPEN_DATASET}?q=${encodeURIComponent('第4')}`)
    // 第4, 第40…第45: seven rows.
    expect(text.html).toContain('共 7 行')
    const bad = await html(`/datasets/${OPEN_DATASET}?col=beds&val=many`)
    expect(bad.res.status).toBe(400)
    expect(bad.html).toContain('无法按此条件筛选')
  })

  it('for 有条件开放 data: the conditions and the form, and no link that would answer 403', async () => {
    const { html: page } = await html(`/datasets/${CONDITIONAL_DATASET}`)
    expect(page).toContain('仅限科研和公共服务用途')
    expect(page).toContain(`action="/access-requests/apply?dataset=${CONDITIONAL_DATASET}"`)
    for (const link of hrefs(page).filter((h) => h.startsWith('/datasets/'))) {
      const status = (await f.app.request(link)).status
      expect(status, link).not.toBe(403)
    }
  })
})

describe('applying and deciding in the portal', () => {
  it('an empty form is refused field by field, keeping what was typed', async () => {
    const res = await post(`/access-requests/apply?dataset=${CONDITIONAL_DATASET}`, {
      ...APPLICATION,
      purpose: '',
      securityMeasures: ' ',
    })
    expect(res.status).toBe(422)
    const page = await res.text()
    expect(page).toContain('请填写使用目的')
    expect(page).toContain('请填写安全保障措施')
    expect(page).toContain('value="某某科技有限公司"')
    const long = await post(`/access-requests/apply?dataset=${CONDITIONAL_DATASET}`, {
      ...APPLICATION,
      scenario: '长'.repeat(5000),
    })
    expect(long.status).toBe(422)
    expect(await long.text()).toContain('apply-scenario')
  })

  it('apply → status page → publisher logs in and approves → the token once → it reads the data', async () => {
    const applied = await post(`/access-requests/apply?dataset=${CONDITIONAL_DATASET}`, APPLICATION)
    expect(applied.status).toBe(303)
    const statusPath = applied.headers.get('location') ?? ''
    expect(statusPath).toMatch(/^\/access-requests\/ar-[0-9a-f]+\?key=/)
    const pending = await html(statusPath)
    expect(pending.html).toContain('审核中')
    expect(pending.html).not.toContain('李四')
    expect(pending.res.headers.get('cache-control')).toBe('no-store')

    // The publisher logs in with its token and sees the application with the applicant.
    const { token } = await createAdminToken(f.store, { org: 'demo-district', role: 'publisher' })
    const form = await f.app.request('/access-requests')
    const login = await post(
      '/access-requests/login',
      { _csrf: csrfOf(await form.text()), token },
      cookieOf(form, 'gk_login_csrf')
    )
    expect(login.status).toBe(303)
    const session = cookieOf(login, 'gk_session')
    const list = await html('/access-requests', { cookie: session })
    expect(list.html).toContain('李四')
    expect(list.html).toContain('养老服务供需分析')
    // Working days left to decide, counted as the due date was.
    expect(list.html).toMatch(/（还剩 \d+ 个工作日）/)
    const id = /\/access-requests\/(ar-[0-9a-f]+)\?/.exec(statusPath)?.[1] ?? ''
    const csrf = csrfOf(list.html)

    // Without the session's CSRF token nothing is decided.
    const forged = await post(
      `/access-requests/${id}/decision`,
      { _csrf: 'x', decision: 'approve', expiresAt: '2999-01-01' },
      session
    )
    expect(forged.status).toBe(403)
    const noDate = await post(
      `/access-requests/${id}/decision`,
      { _csrf: csrf, decision: 'approve' },
      session
    )
    expect(noDate.status).toBe(422)
    const ok = await post(
      `/access-requests/${id}/decision`,
      { _csrf: csrf, decision: 'approve', expiresAt: '2999-01-01' },
      session
    )
    expect(ok.status).toBe(303)
    // No SMTP here: the publisher reads that the token waits on the status link.
    expect((await html('/access-requests', { cookie: session })).html).toContain(
      '申请人凭查询链接领取'
    )

    const approved = await html(statusPath)
    expect(approved.html).toContain('已同意')
    const secret = /id="access-token">(gk_[A-Za-z0-9_-]+)</.exec(approved.html)?.[1] ?? ''
    expect(secret).toMatch(/^gk_/)
    expect((await html(statusPath)).html).not.toContain(secret)
    const csv = await f.app.request(`/datasets/${CONDITIONAL_DATASET}.csv`, {
      headers: { authorization: `Bearer ${secret}` },
    })
    expect(csv.status).toBe(200)
    expect(await csv.text()).toContain('第1养老院')

    // A committee session is not a publisher session.
    const committee = await html('/access-requests', { cookie: 'gk_session=forged' })
    expect(committee.html).toContain('发布令牌')
  })

  it('a wrong key shows nothing', async () => {
    const r = await html(`/access-requests/ar-00000000?key=${'a'.repeat(43)}`)
    expect(r.res.status).toBe(404)
  })
})

describe('有条件开放 in DCAT and CKAN: nothing advertised answers 403', () => {
  it('restricted distributions keep accessURL = the dataset page and carry no downloadURL', async () => {
    const doc = (await (await f.app.request(`/datasets/${CONDITIONAL_DATASET}.jsonld`)).json()) as {
      '@graph': Record<string, unknown>[]
    }
    const page = `http://gk.test/datasets/${CONDITIONAL_DATASET}`
    const dataset = doc['@graph'].find((n) => n['@id'] === page)
    expect(JSON.stringify(dataset?.['dct:accessRights'])).toContain('access-right/RESTRICTED')
    const distributions = doc['@graph'].filter((n) => n['@type'] === 'dcat:Distribution')
    expect(distributions.length).toBeGreaterThan(0)
    for (const d of distributions) {
      expect(d).not.toHaveProperty('dcat:downloadURL')
      expect(d['dcat:accessURL']).toEqual({ '@id': page })
    }
    const open = (await (await f.app.request(`/datasets/${OPEN_DATASET}.jsonld`)).json()) as {
      '@graph': Record<string, unknown>[]
    }
    expect(
      open['@graph'].filter((n) => n['@type'] === 'dcat:Distribution' && n['dcat:downloadURL'])
        .length
    ).toBeGreaterThan(0)
  })

  it('CKAN keeps the package public with its access rights, and no resource URL answers 403', async () => {
    const r = (await (
      await f.app.request(`/api/3/action/package_show?id=${CONDITIONAL_DATASET}`)
    ).json()) as {
      result: {
        private: boolean
        extras: { key: string; value: string }[]
        resources: { url: string }[]
      }
    }
    expect(r.result.private).toBe(false)
    expect(r.result.extras).toContainEqual({
      key: 'access_rights',
      value: 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED',
    })
    for (const res of r.result.resources) {
      const u = new URL(res.url)
      const status = (await f.app.request(`${u.pathname}${u.search}`)).status
      expect(status, res.url).not.toBe(403)
    }
  })
})
