/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { getRecordExamples } from '@gongkai/catalogues'
import jsQR from 'jsqr'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, runAxe, startHarness, tabThrough } from './browser-harness.js'
import {
  FIXTURE_COMMITTEE,
  FIXTURE_CONDITIONAL,
  FIXTURE_DATASET,
  FIXTURE_EDUCATION,
  FIXTURE_PUBLISHER_TOKEN,
} from './portal-fixture.js'

// pngjs ships no type declarations; this is the one call used.
const require = createRequire(import.meta.url)
const { PNG } = require('pngjs') as {
  PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } }
}

let h: Harness
let ctx: BrowserContext
let page: Page
/** Public pages, plus committee pages filled in as the workflow test creates them. */
const pages: string[] = []
let entryPath = ''

beforeAll(async () => {
  h = await startHarness()
  const edu = await h.fixture.source.catalogue(FIXTURE_EDUCATION)
  entryPath = `/catalogues/${FIXTURE_EDUCATION}/entries/${edu?.entries[0]?.id}`
  pages.push(
    '/',
    '/search?q=招生',
    '/search?q=低保',
    `/search?q=${encodeURIComponent('底保')}`,
    '/search?q=招生&type=document',
    '/catalogues',
    `/catalogues/${FIXTURE_EDUCATION}`,
    '/catalogues/compulsory_education',
    entryPath,
    '/documents',
    '/datasets',
    `/datasets/${FIXTURE_DATASET}`,
    `/datasets/${FIXTURE_CONDITIONAL}`,
    '/access-requests',
    '/reports',
    '/committees',
    `/committees/${FIXTURE_COMMITTEE.id}`,
    '/committees/login'
  )
  // axe is injected as a script; the pages' CSP (rightly) forbids that, so this context bypasses it.
  ctx = await h.browser.newContext({ bypassCSP: true, acceptDownloads: true, locale: 'zh-CN' })
  page = await ctx.newPage()
  // Starting Chromium and rendering ten pages takes about 5 s alone, far longer on two shared cores.
}, 120_000)

afterAll(async () => {
  await ctx?.close()
  await h?.close()
})

const valid = () =>
  getRecordExamples('residents_committee', 'finance.working_funds')?.valid[0] as {
    year: number
    quarter: number
    openingBalance: number
    income: { lines: { item: string; amount: number }[]; total: number }
    expenditure: { lines: { item: string; purpose?: string; amount: number }[]; total: number }
    closingBalance: number
    handledBy: string
    reviewedBy: string
    publishedAt: string
  }

describe('click-throughs', () => {
  it('searches from the home page', async () => {
    await page.goto(`${h.base}/`)
    await page.fill('#home-q', '招生')
    await page.press('#home-q', 'Enter')
    await page.waitForURL(/\/search\?q=/)
    expect(await page.textContent('h1')).toContain('招生')
    expect(await page.locator('main a[href*="/entries/"]').count()).toBeGreaterThan(0)
  })

  it('searches, filters by a facet and follows "did you mean" from the keyboard alone', async () => {
    await page.goto(`${h.base}/search`)
    // Tab from the top of the page to the site search box, type a question, submit with Enter.
    let onBox = false
    for (let i = 0; i < 30 && !onBox; i++) {
      await page.keyboard.press('Tab')
      onBox = await page.evaluate(() => document.activeElement?.id === 'site-q')
    }
    expect(onBox).toBe(true)
    await page.keyboard.type('怎么申请低保')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/search\?q=/)
    expect(await page.locator('main ol.cards > li').count()).toBeGreaterThan(0)
    expect(await page.locator('main ol.cards mark').count()).toBeGreaterThan(0)
    // Tab on to the 政府文件 facet and take it with Enter.
    let onFacet = false
    for (let i = 0; i < 60 && !onFacet; i++) {
      await page.keyboard.press('Tab')
      onFacet = await page.evaluate(
        () =>
          document.activeElement?.closest('nav.facets') !== null &&
          document.activeElement?.textContent?.startsWith('政府文件') === true
      )
    }
    expect(onFacet).toBe(true)
    await page.keyboard.press('Enter')
    await page.waitForURL(/type=document/)
    const tags = await page.locator('main ol.cards > li .tag').allTextContents()
    expect(tags.length).toBeGreaterThan(0)
    expect(new Set(tags)).toEqual(new Set(['政府文件']))
    // A near miss offers the correction as a link.
    await page.goto(`${h.base}/search?q=${encodeURIComponent('底保')}`)
    const suggestion = page.getByRole('link', { name: '低保', exact: true })
    await suggestion.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/q=%E4%BD%8E%E4%BF%9D/)
  }, 60_000)

  it('opens a catalogue and follows an entry to its content', async () => {
    await page.goto(`${h.base}/`)
    await page.getByRole('link', { name: '义务教育' }).first().click()
    await page.waitForURL(new RegExp(`/catalogues/${FIXTURE_EDUCATION.replace(/\./g, '\\.')}$`))
    expect(await page.locator('caption').textContent()).toContain('义务教育')
    await page.locator('a', { hasText: '一键查阅' }).first().click()
    await page.waitForURL(/\/entries\//)
    const links = page.locator('#content-caption ~ tbody a, table a[href^="https://"]')
    expect(await links.count()).toBe(3)
    expect(await page.textContent('main')).toContain('✕ 断链')
  })

  it('filters datasets by facet and by search', async () => {
    await page.goto(`${h.base}/datasets`)
    await page.getByRole('link', { name: '养老', exact: true }).click()
    await page.waitForURL(/tag=/)
    expect(await page.textContent('#results-title')).toContain('共 1 个数据集')
    await page.fill('#ds-q', '不存在的数据')
    await page.click('form.filters button')
    await page.waitForURL(/q=/)
    expect(await page.textContent('#results-title')).toContain('共 0 个数据集')
  })

  it('downloads the catalogue table as CSV', async () => {
    await page.goto(`${h.base}/catalogues/${FIXTURE_EDUCATION}`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href$=".csv"]'),
    ])
    const bytes = readFileSync((await download.path()) as string)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text).toContain('序号,一级事项,二级事项')
    // The national table's rows (15 found in official copies), the header and the last line end.
    expect(text.split('\r\n').length).toBeGreaterThan(15)
  })

  it('logs in as a committee, submits an invalid then a valid statement, prints it with a QR code', async () => {
    await page.goto(`${h.base}/committees/login`)
    await page.fill('#token', h.fixture.committeeToken)
    await page.click('main form button[type="submit"]')
    await page.waitForURL(new RegExp(`/committees/${FIXTURE_COMMITTEE.id}$`))
    await page.click('a[href*="/records/new?entry=finance.working_funds"]')
    await page.waitForURL(/records\/new/)
    pages.push(new URL(page.url()).pathname + new URL(page.url()).search)

    const v = valid()
    const fill = async (name: string, value: string | number) =>
      page.fill(`[name="${name}"]`, String(value))
    await fill('year', v.year)
    await fill('quarter', v.quarter)
    await fill('openingBalance', v.openingBalance)
    for (const [i, l] of v.income.lines.entries()) {
      await fill(`income.lines.${i}.item`, l.item)
      await fill(`income.lines.${i}.amount`, l.amount)
    }
    await fill('income.total', v.income.total)
    // Four expenditure lines but three blank rows: add rows the no-script way.
    await page.click('button[value="add:expenditure.lines"]')
    await page.waitForSelector('[name="expenditure.lines.5.item"]')
    for (const [i, l] of v.expenditure.lines.entries()) {
      await fill(`expenditure.lines.${i}.item`, l.item)
      await fill(`expenditure.lines.${i}.amount`, l.amount)
    }
    await fill('expenditure.total', v.expenditure.total)
    await fill('closingBalance', 100) // wrong on purpose
    await fill('handledBy', v.handledBy)
    await fill('publishedAt', v.publishedAt)
    // 审核人 left empty on purpose.
    await page.click('button[value="submit"]')
    await page.waitForSelector('.error-summary')
    expect(await page.getAttribute('#f-reviewedBy', 'aria-invalid')).toBe('true')
    expect(await page.textContent('#f-reviewedBy-error')).toContain('审核人')
    expect(await page.textContent('#f-closingBalance-error')).toContain(
      '期末结余 = 期初结余 + 收入合计 − 支出合计：应为'
    )
    // The summary links to the field.
    await page.click('.error-summary a[href="#f-reviewedBy"]')
    expect(page.url()).toMatch(/#f-reviewedBy$/)

    await fill('reviewedBy', v.reviewedBy)
    await fill('closingBalance', v.closingBalance)
    await page.click('button[value="submit"]')
    await page.waitForURL(/\/records\/rec-[^/]+\?published=1$/)
    const recordPath = new URL(page.url()).pathname
    expect(await page.textContent('[role="status"]')).toContain('已提交')
    pages.push(recordPath, `${recordPath}/print`)

    await page.goto(`${h.base}/committees/${FIXTURE_COMMITTEE.id}`)
    expect(await page.textContent('main')).toContain('2024年第1季度')

    // The print stylesheet hides navigation and search.
    await page.goto(`${h.base}${recordPath}`)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header.site-header').isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })

    await page.click('a[href$="/print"]')
    await page.waitForURL(/\/print$/)
    const png = PNG.sync.read(await page.locator('svg.qr').screenshot())
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(code?.data).toBe(`${h.base}${recordPath}`)
  }, 120_000)
})

describe('accessibility of every page type', () => {
  it('has no serious or critical axe violations', async () => {
    const found: string[] = []
    for (const path of pages) {
      await page.goto(`${h.base}${path}`)
      for (const v of await runAxe(page)) {
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(`${path}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`)
        else if (process.env.AXE_VERBOSE)
          console.log(`${path}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`)
      }
    }
    expect(found).toEqual([])
    expect(pages.length).toBeGreaterThanOrEqual(15)
    // axe on 17 pages takes about 40 s on an idle 2-core machine; far longer when it is shared.
  }, 300_000)

  it('shows a visible focus indicator on every Tab stop', async () => {
    const found: string[] = []
    for (const path of pages) {
      await page.goto(`${h.base}${path}`)
      const { stops, failures } = await tabThrough(page, 40)
      if (stops === 0) found.push(`${path}: no focusable element`)
      for (const f of failures) found.push(`${path}: stop ${f.stop} ${f.element}`)
    }
    expect(found).toEqual([])
  }, 40_000)

  it("opens a row's 来源 from the keyboard, and without script", async () => {
    await page.goto(`${h.base}/catalogues/${FIXTURE_EDUCATION}`)
    // Tab to the first 来源 control as a keyboard user would.
    let stops = 0
    const onSummary = () => page.evaluate(() => document.activeElement?.tagName === 'SUMMARY')
    while (!(await onSummary()) && stops++ < 200) await page.keyboard.press('Tab')
    expect(await onSummary()).toBe(true)
    const details = page.locator('details.source').first()
    const isOpen = () => details.evaluate((d) => (d as HTMLDetailsElement).open)
    expect(await isOpen()).toBe(false)
    await page.keyboard.press('Enter')
    expect(await isOpen()).toBe(true)
    expect(await details.locator('dd').first().textContent()).toMatch(
      /^(国家标准指引|上海市规定|地方实践|待核实)（(N|SH|L|\?)）$/
    )
    expect(await details.isVisible()).toBe(true)
    await page.keyboard.press('Space')
    expect(await isOpen()).toBe(false)
    // The element is the browser's own: it opens with script off as well.
    const off = await h.browser.newContext({ javaScriptEnabled: false })
    const p = await off.newPage()
    await p.goto(`${h.base}/catalogues/${FIXTURE_EDUCATION}`)
    await p.locator('details.source summary').first().click()
    expect(await p.locator('details.source').first().getAttribute('open')).toBe('')
    await off.close()
  }, 40_000)

  it('never scrolls horizontally at 320 CSS px (and at 200 % zoom of 640 px)', async () => {
    // 200 % zoom of a 1280 px window lays out like a 640 CSS px viewport; 320 px is 400 %.
    const p = await h.browser.newPage({ viewport: { width: 320, height: 640 } })
    const found: string[] = []
    for (const path of pages) {
      await p.setViewportSize({ width: 320, height: 640 })
      await p.goto(`${h.base}${path}`)
      for (const width of [320, 640]) {
        await p.setViewportSize({ width, height: 640 })
        const w = await p.evaluate(() => document.documentElement.scrollWidth)
        if (w > width) found.push(`${path}: scrollWidth ${w} > ${width}`)
      }
    }
    await p.close()
    expect(found).toEqual([])
  }, 120_000)
})

describe('with JavaScript off', () => {
  it('loads every page type, follows links and submits forms', async () => {
    const off = await h.browser.newContext({ javaScriptEnabled: false })
    const p = await off.newPage()
    for (const path of pages.filter((x) => !x.includes('/records/new'))) {
      const res = await p.goto(`${h.base}${path}`)
      expect(res?.status(), path).toBe(200)
      expect(await p.locator('h1').count(), path).toBe(1)
    }
    await p.goto(`${h.base}/catalogues/${FIXTURE_EDUCATION}`)
    await p.selectOption('#f-channel', 'gov_website')
    await p.click('form.filters button')
    await p.waitForURL(/channel=gov_website/)
    await p.locator('a', { hasText: '一键查阅' }).first().click()
    await p.waitForURL(/\/entries\//)
    await p.goto(`${h.base}/committees/login`)
    await p.fill('#token', h.fixture.committeeToken)
    await p.click('main form button[type="submit"]')
    await p.waitForURL(new RegExp(`/committees/${FIXTURE_COMMITTEE.id}$`))
    expect(await p.textContent('main')).toContain('居委会填报')
    await off.close()
  }, 120_000)
})

/** Serious and critical axe violations of the page as it stands (after a login, a decision…). */
async function seriousViolations(): Promise<string[]> {
  return (await runAxe(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`)
}

describe('the data page, an application for 有条件开放 data and its decision', () => {
  it('reads the dictionary, links the Excel CSV and filters the preview', async () => {
    await page.goto(`${h.base}/datasets/${FIXTURE_DATASET}`)
    const dict = page.locator('table').first()
    expect(await dict.locator('tbody tr').count()).toBe(4)
    expect(await dict.textContent()).toContain('张')
    expect(await page.locator('a', { hasText: 'Excel 用 CSV' }).first().getAttribute('href')).toBe(
      `/datasets/${FIXTURE_DATASET}.excel.csv`
    )
    await page.selectOption('#pv-col', 'street')
    await page.fill('#pv-val', '天山路街道')
    await Promise.all([page.waitForURL(/col=street/), page.click('form.filters button')])
    expect(new URL(page.url()).searchParams.get('val')).toBe('天山路街道')
  }, 60_000)

  it('an applicant applies with the form; the publisher decides; the status page shows the token once', async () => {
    await page.goto(`${h.base}/datasets/${FIXTURE_CONDITIONAL}`)
    expect(await page.textContent('main')).toContain('仅限科研和公共服务用途')
    // Submitting with a field left out keeps what was typed and names the field.
    await page.fill('#apply-name', '李四')
    await page.fill('#apply-org', '某某大学')
    await page.fill('#apply-contact', 'lisi@example.edu.cn')
    await page.fill('#apply-purpose', '研究养老机构服务质量')
    await page.fill('#apply-scenario', '学术论文')
    await page.click('form[action^="/access-requests/apply"] button')
    expect(await page.textContent('.error-summary')).toContain('请填写安全保障措施')
    expect(await page.inputValue('#apply-org')).toBe('某某大学')
    await page.fill('#apply-securityMeasures', '内网存放，专人管理')
    await Promise.all([
      page.waitForURL(/\/access-requests\/ar-/),
      page.click('form[action^="/access-requests/apply"] button'),
    ])
    const statusUrl = page.url()
    expect(await page.textContent('#access-status')).toBe('审核中')

    // The publisher logs in with its token and approves.
    await page.goto(`${h.base}/access-requests`)
    await page.fill('#pub-token', FIXTURE_PUBLISHER_TOKEN)
    await Promise.all([
      page.waitForURL(/\/access-requests$/),
      page.click('form[action="/access-requests/login"] button'),
    ])
    expect(await page.textContent('main')).toContain('研究养老机构服务质量')
    // Working days left to decide (5 after the fixture's Monday), and the page passes axe.
    expect(await page.textContent('.due-left')).toBe('2024-05-13（还剩 5 个工作日）')
    expect(await seriousViolations()).toEqual([])
    await page.fill('input[name=expiresAt]', '2099-12-31')
    await Promise.all([page.waitForURL(/\/access-requests$/), page.click('button[value=approve]')])
    expect(await page.textContent('main')).toContain('同意，至 2099-12-31')
    // No SMTP behind the fixture: the publisher is told the token waits on the status link.
    expect(await page.textContent('.token-delivery')).toBe('申请人凭查询链接领取')
    expect(await seriousViolations()).toEqual([])

    await page.goto(statusUrl)
    expect(await page.textContent('#access-status')).toBe('已同意')
    expect(await page.textContent('#access-token')).toMatch(/^gk_/)
    expect(await seriousViolations()).toEqual([])
    await page.goto(statusUrl)
    expect(await page.locator('#access-token').count()).toBe(0)
  }, 90_000)
})
