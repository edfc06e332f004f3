import { gunzipSync } from 'node:zlib'
import { perRequestUnitYuan, perVolumeFee } from '@gongkai/cases'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.js'
import {
  ENTRY,
  type GatewayPortalFixture,
  gatewayPortalFixture,
  SITE,
  SITE_ORGAN,
} from './portal-fixture.js'

// The site's identity, the 政府信息公开 column and the HTML error pages as the gateway serves them,
// from the workspace config's `site`, `organs[]` and `xxgk`.

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

const COLUMN = ['/xxgk', '/xxgk/guide', '/xxgk/rules', '/xxgk/proactive']

describe('site identity', () => {
  it('names the government in the header and the organ, contact and filing numbers in the footer', async () => {
    for (const path of ['/', '/catalogues', `/catalogues/${ENTRY.catalogue}`, ...COLUMN]) {
      const { res, html } = await get(path)
      expect(res.status, path).toBe(200)
      const header = /<header[\s\S]*?<\/header>/.exec(html)?.[0] ?? ''
      const footer = /<footer[\s\S]*?<\/footer>/.exec(html)?.[0] ?? ''
      expect(header, path).toContain(SITE.governmentName)
      for (const text of [
        SITE_ORGAN.name,
        SITE_ORGAN.address,
        SITE_ORGAN.phone,
        SITE_ORGAN.email,
        `网站标识码：${SITE.websiteCode}`,
        SITE.icp,
        SITE.psb,
      ])
        expect(footer, `${path}: ${text}`).toContain(text)
      expect(footer).toContain('https://beian.miit.gov.cn/')
      expect(footer).toContain('code=31019902000001')
    }
  })

  it('gives every page its own meta description and the favicon', async () => {
    const seen = new Set<string>()
    for (const path of ['/', '/catalogues', `/catalogues/${ENTRY.catalogue}`, ...COLUMN]) {
      const { html } = await get(path)
      const d = /<meta name="description" content="([^"]+)"/.exec(html)?.[1]
      expect(d, path).toBeTruthy()
      seen.add(d as string)
      expect(html).toContain('<link rel="icon" href="/assets/favicon.svg"')
    }
    expect(seen.size).toBe(7)
    const ico = await f.app.request('/favicon.ico')
    expect(ico.headers.get('content-type')).toBe('image/x-icon')
    const bytes = Buffer.from(await ico.arrayBuffer())
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0])
    const svg = await get('/assets/favicon.svg')
    expect(svg.res.headers.get('content-type')).toBe('image/svg+xml')
    expect(svg.html).toMatch(/^<svg /)
  })

  it('compresses HTML pages for a client that accepts gzip', async () => {
    const res = await f.app.request(`/catalogues/${ENTRY.catalogue}`, {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i)
    const html = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('一键查阅')
    const plain = await f.app.request(`/catalogues/${ENTRY.catalogue}`)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(html)
  })
})

describe('error pages', () => {
  it('answers unknown pages with the HTML 404 in the layout, and JSON only under /api', async () => {
    const page = await get('/no/such/page', { 'accept-encoding': 'identity' })
    expect(page.res.status).toBe(404)
    expect(page.res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.html).toContain('<h1>页面不存在</h1>')
    expect(page.html).toContain(SITE.icp)
    expect(page.html).toContain('/no/such/page')
    const api = await get('/api/v1/no-such-thing')
    expect(api.res.status).toBe(404)
    expect(JSON.parse(api.html).error.code).toBe('not_found')
    const asked = await get('/no/such/page', { accept: 'application/json' })
    expect(JSON.parse(asked.html).error.code).toBe('not_found')
  })

  it('shows an unexpected failure as the HTML 500 page, and as JSON under /api', async () => {
    const broken = buildApp({
      ...f.deps,
      contentIndex: {
        ...f.deps.contentIndex,
        entrySummaries: async () => {
          throw new Error('store exploded')
        },
        query: async () => {
          throw new Error('store exploded')
        },
      },
    })
    const quiet = console.error
    console.error = () => {}
    try {
      const page = await broken.request(`/catalogues/${ENTRY.catalogue}`)
      expect(page.status).toBe(500)
      const html = await page.text()
      expect(html).toContain('<h1>服务暂时出错</h1>')
      expect(html).not.toContain('store exploded')
      const api = await broken.request('/api/v1/content')
      expect(api.status).toBe(500)
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('internal')
    } finally {
      console.error = quiet
    }
  })
})

describe('the 政府信息公开 column', () => {
  it('generates the 指南 from the workspace: organ, contact data, fee rules and the catalogues in force', async () => {
    const { html } = await get('/xxgk/guide')
    for (const text of [
      SITE_ORGAN.name,
      SITE_ORGAN.address,
      SITE_ORGAN.officeHours,
      SITE_ORGAN.phone,
      `mailto:${SITE_ORGAN.email}`,
    ])
      expect(html).toContain(text)
    // The tariff comes from @gongkai/cases, not from a copy.
    expect(html).toContain(`= ${perVolumeFee(150).totalYuan} 元`)
    expect(html).toContain(`每件 ${perRequestUnitYuan(11)} 元`)
    expect(html).toContain(`href="/catalogues/${ENTRY.catalogue}"`)
    // Templates are not catalogues in force.
    expect(html).not.toContain('{单位名称}')
  })

  it('shows the configured 制度 text as Markdown, never as markup', async () => {
    const { html } = await get('/xxgk/rules')
    expect(html).toContain('<h2>本区政府信息公开规定</h2>')
    expect(html).toContain('<strong>第一条</strong>')
    expect(html).toContain(
      '<a href="https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm">条例</a>'
    )
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;')
  })

  it('lists the catalogues in force as 法定主动公开内容 and links every column page from /xxgk', async () => {
    const { html } = await get('/xxgk/proactive')
    expect(html).toContain(`href="/catalogues/${ENTRY.catalogue}"`)
    const index = (await get('/xxgk')).html
    for (const p of ['guide', 'rules', 'proactive', 'annual-reports', 'apply'])
      expect(index).toContain(`href="/xxgk/${p}"`)
  })
})

describe('the catalogue page', () => {
  it('offers 一键查阅 only where content is bound, and says elsewhere what is missing and when it is due', async () => {
    const { html } = await get(`/catalogues/${ENTRY.catalogue}`)
    const table = /<table class="catalogue-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
    const rows = table.split('<tr id="entry-').slice(1)
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) {
      const id = row.slice(0, row.indexOf('"'))
      if (id === ENTRY.entry) {
        expect(row).toContain('一键查阅')
        expect(row).toContain('3 条内容')
        expect(row).toContain('最新：')
      } else {
        expect(row, id).not.toContain('一键查阅')
        expect(row, id).toContain('尚未关联公开内容')
        expect(row, id).toMatch(/应于 \d{4}-\d{2}-\d{2} 前公开|时限：/)
      }
    }
  })
})

describe('依申请公开 and the annual reports', () => {
  it('explains how to apply, with the organs and the fee rules', async () => {
    const { res, html } = await get('/xxgk/apply')
    expect(res.status).toBe(200)
    expect(html).toContain(SITE_ORGAN.phone)
    expect(html).toContain(`= ${perVolumeFee(150).totalYuan} 元`)
  })

  it("lists each organ's reports with the due date, and prints one in the national layout", async () => {
    const { html } = await get('/xxgk/annual-reports')
    // A government's report is due on 31 March of the next year (条例第四十九条).
    const year = new Date().getFullYear() - 2
    expect(html).toContain(`/annual-reports/${year}/${SITE_ORGAN.id}`)
    expect(html).toContain(`${year + 1}-03-31`)
    const report = await get(`/annual-reports/${year}/${SITE_ORGAN.id}`)
    expect(report.res.status).toBe(200)
    expect(report.html).toContain('收到和处理政府信息公开申请情况')
    expect((await get(`/annual-reports/${year}/no-such-organ`)).res.status).toBe(404)
  })
})
