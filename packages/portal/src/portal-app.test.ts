import { getRecordExamples } from '@gongkai/catalogues'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FIXTURE_COMMITTEE,
  FIXTURE_DATASET,
  FIXTURE_EDUCATION,
  type PortalFixture,
  portalFixture,
} from './portal-fixture.js'
import { recordToForm } from './record-form-model.js'
import { ReportsPage } from './reports-page.js'

let f: PortalFixture
beforeAll(async () => {
  f = await portalFixture()
})
afterAll(async () => {
  await f?.close()
})

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await f.app.request(path, { headers })
  return { res, html: await res.text() }
}
const cookieOf = (res: Response, name: string) =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
const cookieValue = (header: string | undefined) => header?.split(';')[0] ?? ''

/** Logs in as the fixture committee; returns the Cookie header and the session's CSRF token. */
async function login() {
  const form = await f.app.request('/committees/login')
  const pre = cookieValue(cookieOf(form, 'gk_login_csrf'))
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
  const res = await f.app.request('/committees/login', {
    method: 'POST',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, token: f.committeeToken }).toString(),
  })
  const session = cookieOf(res, 'gk_session')
  const cookie = cookieValue(session)
  const page = await f.app.request(`/committees/${FIXTURE_COMMITTEE.id}`, { headers: { cookie } })
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
  return { res, session, cookie, csrf: token }
}

const post = (path: string, cookie: string, form: Record<string, string>) =>
  f.app.request(path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })

const NEW_RECORD = `/committees/${FIXTURE_COMMITTEE.id}/records/new?entry=finance.working_funds`

describe('every page type', () => {
  const pages = [
    '/',
    '/search?q=招生',
    '/catalogues',
    `/catalogues/${FIXTURE_EDUCATION}`,
    `/catalogues/${FIXTURE_COMMITTEE.id}/entries/finance.working_funds`,
    '/documents',
    '/datasets',
    `/datasets/${FIXTURE_DATASET}`,
    '/reports',
    '/committees',
    `/committees/${FIXTURE_COMMITTEE.id}`,
    '/committees/login',
  ]
  it.each(pages)(
    '%s is zh-CN HTML with landmarks, a skip link and exactly one h1',
    async (path) => {
      const { res, html } = await get(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(html).toMatch(/^<!doctype html><html lang="zh-CN">/)
      expect(html.match(/<h1[ >]/g)).toHaveLength(1)
      for (const tag of [
        '<header',
        '<nav',
        '<main id="main"',
        '<footer',
        'href="#main"',
        'action="/search"',
      ])
        expect(html).toContain(tag)
    }
  )

  it('answers an unknown catalogue with an HTML 404', async () => {
    const { res, html } = await get('/catalogues/no-such-catalogue')
    expect(res.status).toBe(404)
    expect(html).toContain('页面不存在')
  })

  it('serves one long-cached style sheet', async () => {
    const { html } = await get('/')
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? ''
    const { res } = await get(href)
    expect(res.headers.get('content-type')).toMatch(/^text\/css/)
    expect(res.headers.get('cache-control')).toContain('immutable')
  })
})

describe('catalogue page', () => {
  it('renders the official two-row header with caption, scopes and one-click links', async () => {
    const { html } = await get(`/catalogues/${FIXTURE_EDUCATION}`)
    expect(html).toContain('<caption id="catalogue-caption">')
    expect(html).toMatch(/<th scope="colgroup" colspan="2">公开事项<\/th>/)
    for (const h of [
      '一级事项',
      '二级事项',
      '公开依据',
      '公开时限',
      '公开主体',
      '公开渠道和载体',
      '全社会',
      '依申请',
    ])
      expect(html).toContain(`>${h}</th>`)
    expect(html).toContain('■')
    expect(html).toContain('一键查阅')
    expect(html).toContain('3 条内容')
    expect(html).toContain('✕ 断链/错链 1')
  })

  it('filters by channel and keeps the filter in the CSV link', async () => {
    const all =
      (await get(`/catalogues/${FIXTURE_EDUCATION}`)).html.match(/<tr id="entry-/g)?.length ?? 0
    const { html } = await get(`/catalogues/${FIXTURE_EDUCATION}?channel=gazette_none`)
    expect(html.match(/<tr id="entry-/g)).toBeNull()
    const some = await get(`/catalogues/${FIXTURE_EDUCATION}?channel=gov_website`)
    const n = some.html.match(/<tr id="entry-/g)?.length ?? 0
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThanOrEqual(all)
    expect(some.html).toContain(`href="/catalogues/${FIXTURE_EDUCATION}.csv?channel=gov_website"`)
  })

  it('downloads the table as CSV with a BOM and the official columns', async () => {
    const res = await f.app.request(`/catalogues/${FIXTURE_EDUCATION}.csv`)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.split('\r\n')[0]).toMatch(
      /^\uFEFF序号,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体/
    )
  })
})

describe('entry, documents, datasets, reports', () => {
  it('shows an entry with its content, due dates and record schema', async () => {
    const { html } = await get(`/catalogues/${FIXTURE_COMMITTEE.id}/entries/finance.working_funds`)
    expect(html).toContain('期末结余')
    expect(html).toContain('收入明细')
  })

  it('puts a policy and its interpretation side by side, current ones first', async () => {
    const { html } = await get('/documents')
    expect(html).toMatch(
      /<section aria-label="政策文件">.*实施意见<\/a>.*<section aria-label="政策解读">/s
    )
    expect(html.indexOf('已废止')).toBeGreaterThan(html.indexOf('现行有效'))
    const filtered = await get('/documents?validity=repealed')
    expect(filtered.html).toContain('共 1 份文件')
  })

  it('shows a dataset with dictionary, paged preview, downloads and JSON-LD', async () => {
    const { html } = await get(`/datasets/${FIXTURE_DATASET}?page=2`)
    expect(html).toContain('<script type="application/ld+json">')
    expect(html).toContain(`href="/datasets/${FIXTURE_DATASET}.csv"`)
    expect(html).toContain('第 2/3 页')
    expect(html).toContain('长宁区第21养老服务机构')
    expect(html).toContain('床位数')
    // The dictionary comes from the table schema: unit and constraints included.
    expect(html).not.toContain('暂无表结构')
    expect(html).toMatch(/<td>张<\/td>/)
    expect(html).toContain(`href="/datasets/${FIXTURE_DATASET}.excel.csv"`)
  })

  it('filters datasets by facet', async () => {
    expect((await get('/datasets?openness=conditional')).html).toContain('共 1 个数据集')
    expect((await get('/datasets?openness=closed')).html).toContain('共 0 个数据集')
    expect((await get('/datasets?tag=养老')).html).toContain('共 1 个数据集')
  })

  it('reports coverage per department with a chart and its data table', async () => {
    const { html } = await get('/reports')
    expect(html).toContain('<svg class="chart"')
    expect(html).toMatch(/<th scope="row">[^<]+<\/th><td>\d+<\/td><td>1<\/td>/)
  })

  it('draws one captioned, labelled chart per department in the report', async () => {
    const report = await f.source.report()
    const departments = report?.departments ?? []
    expect(departments.length).toBeGreaterThan(0)
    const { html } = await get('/reports')
    const figures = html.match(/<figure[ >].*?<\/figure>/gs) ?? []
    expect(figures).toHaveLength(departments.length)
    departments.forEach((d, i) => {
      const fig = figures[i] ?? ''
      expect(fig).toContain(`<figcaption>${d.department}</figcaption>`)
      // The text alternative carries the figures; the drawn text repeats them next to the bars.
      const label = /<svg [^>]*role="img"[^>]*aria-label="([^"]+)"/.exec(fig)?.[1] ?? ''
      const cover = `${((d.covered / d.entries) * 100).toFixed(1)}%`
      expect(label).toContain(`覆盖率 ${cover}`)
      expect(label).toContain(`逾期 ${d.due - d.onTime} 条`)
      expect(label).toContain(`断链或错链 ${d.brokenLinks} 个`)
      expect(fig).toContain(`>${cover} (${d.covered}/${d.entries})</text>`)
    })
  })

  it('gives each of several departments its own chart, counts on one shared scale', async () => {
    // The fixture binds one department only; several show that charts are not merged.
    const departments = [
      { department: '区教育局', entries: 10, covered: 5, onTime: 3, due: 4, brokenLinks: 0 },
      { department: '区卫健委', entries: 8, covered: 8, onTime: 0, due: 0, brokenLinks: 2 },
      { department: '区民政局', entries: 4, covered: 1, onTime: 1, due: 5, brokenLinks: 1 },
    ]
    const html = String(
      await ReportsPage({ report: { generatedAt: '2026-01-05T09:00', departments } })
    )
    const figures = html.match(/<figure[ >].*?<\/figure>/gs) ?? []
    expect(figures).toHaveLength(departments.length)
    expect(figures.map((f) => /<figcaption>([^<]+)</.exec(f)?.[1])).toEqual(
      departments.map((d) => d.department)
    )
    expect(figures[1]).toContain('及时率：暂无可判断时效的内容')
    expect(figures[2]).toContain('逾期 4 条')
    // Largest count is 民政局's 4 late items: it fills the bar, 卫健委's 2 broken links fill half.
    const widths = (f: string | undefined, fill: string) =>
      [...(f ?? '').matchAll(new RegExp(`width="([\\d.]+)" height="16" fill="${fill}"`, 'g'))].map(
        (m) => Number(m[1])
      )
    expect(widths(figures[2], '#9b1c1c')).toEqual([280])
    expect(widths(figures[1], '#5a2d82')).toEqual([140])
    // The data table stays, one row per department.
    expect(html.match(/<th scope="row">/g)).toHaveLength(departments.length)
  })
})

describe('committee workflow', () => {
  it('sets the session cookie HttpOnly, SameSite=Strict, never the token itself', async () => {
    const { res, session } = await login()
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/committees/${FIXTURE_COMMITTEE.id}`)
    expect(session).toMatch(/HttpOnly/)
    expect(session).toMatch(/SameSite=Strict/)
    expect(session).not.toContain(f.committeeToken)
  })

  it('marks the cookie Secure over https', async () => {
    const form = await f.app.request('https://portal.example/committees/login')
    expect(cookieOf(form, 'gk_login_csrf')).toMatch(/Secure/)
  })

  it('refuses a login without the CSRF token (403) and a wrong token (400)', async () => {
    const res = await post('/committees/login', '', { token: f.committeeToken })
    expect(res.status).toBe(403)
    const form = await f.app.request('/committees/login')
    const pre = cookieValue(cookieOf(form, 'gk_login_csrf'))
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
    const bad = await post('/committees/login', pre, { _csrf: csrf, token: 'gk_wrong' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('aria-invalid="true"')
  })

  it('refuses a record POST with a wrong CSRF token', async () => {
    const { cookie } = await login()
    const res = await post(NEW_RECORD, cookie, { _csrf: 'forged', _action: 'submit' })
    expect(res.status).toBe(403)
  })

  it('sends visitors without a session to the login page', async () => {
    const res = await f.app.request(NEW_RECORD)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/committees/login')
  })

  it('adds blank line-item rows without script', async () => {
    const { cookie, csrf } = await login()
    const res = await post(NEW_RECORD, cookie, {
      _csrf: csrf,
      _action: 'add:income.lines',
      '_rows.income.lines': '3',
    })
    const html = await res.text()
    expect(html).toContain('name="income.lines.5.item"')
    expect(html).not.toContain('name="income.lines.6.item"')
  })

  it('shows errors next to the fields, then publishes a valid statement', async () => {
    const { cookie, csrf } = await login()
    const example = getRecordExamples('residents_committee', 'finance.working_funds')
    const valid = example?.valid[0] as Record<string, unknown>
    const invalid = { ...valid, reviewedBy: '', closingBalance: 1 }
    const bad = await post(NEW_RECORD, cookie, {
      _csrf: csrf,
      _action: 'submit',
      ...recordToForm(invalid),
    })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('class="error-summary"')
    expect(html).toContain('href="#f-reviewedBy"')
    expect(html).toMatch(/id="f-reviewedBy-error">[^<]*<span>错误：请填写“审核人”/)
    expect(html).toMatch(
      /id="f-reviewedBy"[^>]*aria-describedby="f-reviewedBy-hint f-reviewedBy-error"[^>]*aria-invalid="true"/
    )
    expect(html).toMatch(
      /id="f-closingBalance-error">[^<]*<span>错误：期末结余 = 期初结余 \+ 收入合计 − 支出合计：应为/
    )

    const ok = await post(NEW_RECORD, cookie, {
      _csrf: csrf,
      _action: 'submit',
      ...recordToForm(valid),
    })
    expect(ok.status).toBe(303)
    const location = ok.headers.get('location') ?? ''
    expect(location).toMatch(new RegExp(`^/committees/${FIXTURE_COMMITTEE.id}/records/rec-`))
    // The host's audit hooks heard who wrote (the session's token) and what was created.
    expect(f.audit.writers.at(-1)).toBe('tok-fixture')
    expect(f.audit.targets.at(-1)).toBe(/\/records\/([^/?]+)/.exec(location)?.[1])
    const publicPage = await get(`/committees/${FIXTURE_COMMITTEE.id}`)
    expect(publicPage.html).toContain('2024年第1季度')
    const print = await get(`${location.replace(/\?.*$/, '')}/print`)
    expect(print.html).toMatch(/<svg[^>]*class="qr"[^>]*role="img"/)
    expect(print.html).toContain('扫码看')
  })
})
