import { getRecordExamples } from '@gongkai/catalogues'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminToken } from '../auth/tokens.js'
import { depsSource } from './deps-source.js'
import {
  COMMITTEE,
  CONDITIONAL_DATASET,
  CONTENT,
  ENTRY,
  type GatewayPortalFixture,
  gatewayPortalFixture,
  OPEN_DATASET,
} from './portal-fixture.js'

// The portal as the gateway serves it: mounted after the API, on the gateway's own services. The
// pages themselves (markup, forms, accessibility) are tested in @gongkai/portal.

let f: GatewayPortalFixture
beforeAll(async () => {
  f = await gatewayPortalFixture()
})
afterAll(async () => {
  await f?.close()
})

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await f.app.request(path, { headers })
  return { res, html: await res.text() }
}
const bytes = async (path: string) => Buffer.from(await (await f.app.request(path)).arrayBuffer())
const cookieOf = (res: Response, name: string) =>
  (res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? '').split(';')[0] ?? ''
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
const post = (path: string, cookie: string, form: Record<string, string>) =>
  f.app.request(path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })

/** Logs in on the login page with `token`; returns the session cookie and its CSRF token. */
async function login(token: string) {
  const form = await f.app.request('/committees/login')
  const res = await post('/committees/login', cookieOf(form, 'gk_login_csrf'), {
    _csrf: csrfOf(await form.text()),
    token,
  })
  const cookie = cookieOf(res, 'gk_session')
  const page = await f.app.request(res.headers.get('location') ?? '/', { headers: { cookie } })
  return { res, cookie, csrf: csrfOf(await page.text()) }
}

/** The form fields of a valid 工作经费 statement, as the record page posts them. */
function statementForm(csrf: string): Record<string, string> {
  const valid = getRecordExamples('residents_committee', 'finance.working_funds')?.valid[0]
  const form: Record<string, string> = { _csrf: csrf, _action: 'submit' }
  for (const [k, v] of Object.entries(valid as Record<string, unknown>)) {
    if (typeof v !== 'object') form[k] = String(v)
  }
  const lines = valid as {
    income: { lines: { item: string; amount: number }[]; total: number }
    expenditure: { lines: { item: string; purpose?: string; amount: number }[]; total: number }
  }
  for (const part of ['income', 'expenditure'] as const) {
    form[`${part}.total`] = String(lines[part].total)
    form[`_rows.${part}.lines`] = String(lines[part].lines.length)
    lines[part].lines.forEach((l, i) => {
      for (const [k, v] of Object.entries(l)) form[`${part}.lines.${i}.${k}`] = String(v)
    })
  }
  return form
}

describe('the portal mounted in the gateway', () => {
  it('answers every page type as HTML with the security headers, the API as JSON', async () => {
    for (const path of [
      '/',
      '/search?q=示例',
      '/catalogues',
      `/catalogues/${ENTRY.catalogue}`,
      `/catalogues/${ENTRY.catalogue}/entries/${ENTRY.entry}`,
      '/documents',
      '/datasets',
      `/datasets/${OPEN_DATASET}`,
      '/reports',
      '/committees',
      `/committees/${COMMITTEE.id}`,
      '/committees/login',
    ]) {
      const { res } = await get(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/)
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'")
    }
    const api = await get('/api/v1/catalogues?field=compulsory_education')
    expect(api.res.headers.get('content-type')).toMatch(/^application\/json/)
  })

  it("shows the content index's bindings with due dates, late items and the dead link", async () => {
    const table = await get(`/catalogues/${ENTRY.catalogue}`)
    expect(table.html).toContain('3 条内容')
    expect(table.html).toContain('✕ 断链/错链 1')
    const entry = await get(`/catalogues/${ENTRY.catalogue}/entries/${ENTRY.entry}`)
    expect(entry.html).toContain('2024-04-18')
    expect(entry.html).toContain('✕ 断链')
    const [items] = [...(await depsSource(f.deps).contentFor(ENTRY.catalogue, [ENTRY.entry]))]
    const late = items?.[1].filter((b) => b.onTime === false).map((b) => b.item.url)
    expect(late).toEqual([CONTENT[2]?.url])
    expect((await get('/documents')).html).toContain('示教〔2024〕3号')
    // The national table's row of the same id shows the content bound on the top layer.
    expect((await get('/catalogues/compulsory_education')).html).toContain('3 条内容')
  })

  it("previews 无条件开放 rows only, and links the dataset's byte-exact CSV and CSVW", async () => {
    const { html } = await get(`/datasets/${OPEN_DATASET}?page=2`)
    expect(html).toContain('第 2/3 页')
    expect(html).toContain('第21养老院')
    // The JSON-LD is open-data's schema.org writer's, with the version's downloads.
    const ld = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}'
    )
    expect(ld['@type']).toBe('Dataset')
    expect(JSON.stringify(ld.distribution)).toContain(
      `/datasets/${OPEN_DATASET}/versions/1/data.csv`
    )
    // The page's download link answers the canonical CSV, and its CSVW metadata names the same bytes.
    const csvHref = /<a href="([^"]+)" download="">下载 CSV<\/a>/.exec(html)?.[1] ?? ''
    expect(csvHref).toBe(`/datasets/${OPEN_DATASET}.csv`)
    const served = await bytes(csvHref)
    expect(served.length).toBeGreaterThan(0)
    const metaHref = /<a href="([^"]+)">CSVW 表格元数据<\/a>/.exec(html)?.[1] ?? ''
    expect(metaHref).toBe(`/datasets/${OPEN_DATASET}.csv-metadata.json`)
    const metaUrl = new URL(metaHref, 'http://gk.test/')
    const meta = await f.app.request(metaUrl.pathname + metaUrl.search)
    expect(meta.status).toBe(200)
    const described = new URL(((await meta.json()) as { url: string }).url, metaUrl)
    expect((await bytes(described.pathname + described.search)).equals(served)).toBe(true)

    const conditional = await get(`/datasets/${CONDITIONAL_DATASET}`)
    expect(conditional.res.status).toBe(200)
    // 有条件开放: no preview and no data link, the conditions and the application form instead.
    expect(conditional.html).toContain('有条件开放数据不在页面预览')
    expect(conditional.html).not.toContain(`href="/datasets/${CONDITIONAL_DATASET}.csv"`)
    expect(conditional.html).not.toContain('第1养老院')
  })

  it("draws one chart per department of the linker's report", async () => {
    const report = await depsSource(f.deps).report()
    expect(report?.departments.map((d) => d.department)).toEqual(['教育部门'])
    const d = report?.departments[0]
    expect(d).toMatchObject({ covered: 1, due: 3, onTime: 2, brokenLinks: 1 })
    const { html } = await get('/reports')
    expect(html.match(/<figure[ >]/g)).toHaveLength(1)
    expect(html).toContain('<figcaption>教育部门</figcaption>')
  })
})

describe('committee writes through the pages', () => {
  it('logs in with a committee token; the audit log names the token and the record', async () => {
    const { res, cookie, csrf } = await login(f.committeeToken)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/committees/${COMMITTEE.id}`)
    const form = statementForm(csrf)
    const ok = await post(
      `/committees/${COMMITTEE.id}/records/new?entry=finance.working_funds`,
      cookie,
      form
    )
    expect(ok.status).toBe(303)
    const recordId = /\/records\/([^/?]+)\?published=1$/.exec(ok.headers.get('location') ?? '')?.[1]
    expect(recordId).toMatch(/^rec-/)
    const tokenId = (
      await f.deps.store.get<{ id: string }>(
        "SELECT id FROM gateway_tokens WHERE role = 'residents_committee' AND scope = ?",
        [COMMITTEE.id]
      )
    )?.id
    const audit = await f.deps.audit.list({ limit: 5 })
    expect(audit.items[0]).toMatchObject({
      tokenId,
      method: 'POST',
      target: recordId,
      status: 303,
    })
    // The API serves what the page published.
    const api = await get(
      `/api/v1/catalogues/${COMMITTEE.id}/entries/finance.working_funds/records/${recordId}`
    )
    expect(api.res.status).toBe(200)
  })

  it('refuses a record with an ID, a mobile and a bank card in a text field, showing each next to its field', async () => {
    const { cookie, csrf } = await login(f.committeeToken)
    const valid = getRecordExamples('residents_committee', 'finance.working_funds')?.valid[0] as
      | Record<string, unknown>
      | undefined
    const form: Record<string, string> = { _csrf: csrf, _action: 'submit' }
    for (const [k, v] of Object.entries(valid ?? {})) if (typeof v !== 'object') form[k] = String(v)
    const lines = valid as unknown as {
      income: { lines: { item: string; amount: number }[]; total: number }
      expenditure: { lines: { item: string; purpose?: string; amount: number }[]; total: number }
    }
    for (const part of ['income', 'expenditure'] as const) {
      form[`${part}.total`] = String(lines[part].total)
      form[`_rows.${part}.lines`] = String(lines[part].lines.length)
      lines[part].lines.forEach((l, i) => {
        for (const [k, v] of Object.entries(l)) form[`${part}.lines.${i}.${k}`] = String(v)
      })
    }
    form['expenditure.lines.0.purpose'] = '慰问金发放：身份证310105198506150011，手机13812345678'
    form['expenditure.lines.1.purpose'] = '打入卡号6222021001123456789'
    const before = (
      await f.deps.records.list(COMMITTEE.id, 'finance.working_funds', { limit: 200 })
    ).total
    const res = await post(
      `/committees/${COMMITTEE.id}/records/new?entry=finance.working_funds`,
      cookie,
      form
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('含有身份证号码（310***********0011，规则 id_number）')
    expect(html).toContain('含有手机号码（138****5678，规则 mobile）')
    expect(html).toContain('规则 bank_card')
    // The messages show masked values; the committee's own input stays in the form to be fixed.
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? ''
    expect(summary).toContain('用途说明')
    expect(summary).not.toContain('13812345678')
    expect(summary).not.toContain('310105198506150011')
    // Nothing was stored, so no record or 公示栏 page can show it.
    expect(
      (await f.deps.records.list(COMMITTEE.id, 'finance.working_funds', { limit: 200 })).total
    ).toBe(before)
  })

  it('masks personal information in a record stored before the guard, on the record and print pages', async () => {
    const valid = structuredClone(
      getRecordExamples('residents_committee', 'finance.working_funds')?.valid[0]
    ) as { expenditure: { lines: { purpose?: string }[] } }
    const first = valid.expenditure.lines[0]
    if (first) first.purpose = '慰问金：身份证310105198506150011，手机13812345678'
    // Written straight into the record store, as a record published before the guard would be.
    const legacy = await f.deps.store.transaction((tx) =>
      f.deps.records.publish(tx, {
        catalogue: COMMITTEE.id,
        entry: 'finance.working_funds',
        data: valid,
        at: '2024-04-10T00:00:00Z',
        tokenId: null,
      })
    )
    for (const page of ['', '/print']) {
      const { res, html } = await get(`/committees/${COMMITTEE.id}/records/${legacy.id}${page}`)
      expect(res.status).toBe(200)
      expect(html).toContain('310***********0011')
      expect(html).not.toContain('310105198506150011')
      expect(html).not.toContain('13812345678')
    }
    const api = await get(
      `/api/v1/catalogues/${COMMITTEE.id}/entries/finance.working_funds/records/${legacy.id}`
    )
    expect(api.html).not.toContain('13812345678')
  })

  it('lets a committee whose token came first instantiate its catalogue', async () => {
    const issued = await createAdminToken(f.store, {
      org: 'demo-district',
      role: 'residents_committee',
      scope: 'rc-xianxia-2',
      label: '仙霞二村居委会',
    })
    const before = await get('/committees/rc-xianxia-2')
    expect(before.html).toContain('仙霞二村居委会')
    const { cookie, csrf } = await login(issued.token)
    expect(csrf).not.toBe('')
    const made = await post('/committees/rc-xianxia-2/instantiate', cookie, {
      _csrf: csrf,
      name: '仙霞二村居委会',
      street: '仙霞新村街道',
    })
    expect(made.status).toBe(303)
    expect(made.headers.get('location')).toBe('/committees/rc-xianxia-2?created=1')
    expect((await get('/api/v1/catalogues/rc-xianxia-2')).res.status).toBe(200)
  })

  it('ends every session made with a token once the token is revoked or expires', async () => {
    const admin = await createAdminToken(f.store, { org: 'demo-district' })
    const records = async () =>
      (await f.deps.store.get<{ n: number }>('SELECT count(*) AS n FROM gateway_records'))?.n ?? 0
    const newRecord = `/committees/${COMMITTEE.id}/records/new?entry=finance.working_funds`
    for (const end of ['revoke', 'expire'] as const) {
      const issued = await createAdminToken(f.store, {
        org: 'demo-district',
        role: 'residents_committee',
        scope: COMMITTEE.id,
        expiresAt: '2099-01-01T00:00:00Z',
      })
      // Two sessions (two browsers) with the same token.
      const one = await login(issued.token)
      const two = await login(issued.token)
      expect((await get(newRecord, { cookie: one.cookie })).res.status).toBe(200)
      if (end === 'revoke') {
        const r = await f.app.request(`/api/v1/tokens/${issued.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${admin.token}` },
        })
        expect(r.status).toBe(200)
      } else {
        await f.store.run('UPDATE gateway_tokens SET expires_at = ? WHERE id = ?', [
          '2000-01-01T00:00:00Z',
          issued.id,
        ])
      }
      const before = await records()
      // The old cookie and its CSRF token publish nothing: back to the login page.
      for (const s of [one, two]) {
        const refused = await post(newRecord, s.cookie, statementForm(s.csrf))
        expect(refused.status).toBe(303)
        expect(refused.headers.get('location')).toBe('/committees/login')
        const page = await get(newRecord, { cookie: s.cookie })
        expect(page.res.status).toBe(303)
      }
      expect(await records()).toBe(before)
      const left = await f.store.get<{ n: number }>(
        'SELECT count(*) AS n FROM portal_sessions WHERE token_id = ?',
        [issued.id]
      )
      expect(left?.n).toBe(0)
    }
  })
})
