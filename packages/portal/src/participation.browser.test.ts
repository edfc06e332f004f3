/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, runAxe, startHarness, tabThrough } from './browser-harness.js'

// 政民互动 and 意见征集 in a real Chromium: axe (WCAG 2.1 AA) with no violation and no horizontal
// scroll at 375 and 1280 px on the public and officer pages, a visible focus on every Tab stop, and
// each page used from the keyboard alone: the answers found by search, a consultation's "how to send
// an opinion", a policy's feedback, and an officer answering a message, which then shows publicly.

let h: Harness
let ctx: BrowserContext
let page: Page
let policyPath = ''

beforeAll(async () => {
  h = await startHarness()
  const docs = await h.fixture.source.documents()
  policyPath = `/documents/view?id=${encodeURIComponent(docs[0]?.url ?? '')}`
  // axe is injected as a script; the pages' CSP (rightly) forbids that, so this context bypasses it.
  ctx = await h.browser.newContext({ bypassCSP: true, locale: 'zh-CN' })
  page = await ctx.newPage()
}, 120_000)

afterAll(async () => {
  await ctx?.close()
  await h?.close()
})

/** Presses Tab until the focused element matches `selector` (at most `max` times); false if never. */
async function tabTo(selector: string, max = 80): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
      return true
  }
  return false
}

/** Logs in as the fixture's officer from the keyboard. */
async function officerLogin() {
  await page.goto(`${h.base}/officer/login`)
  expect(await tabTo('#officer-token')).toBe(true)
  await page.keyboard.type(h.fixture.officerToken)
  await Promise.all([page.waitForURL('**/officer/requests'), page.keyboard.press('Enter')])
}

const publicPages = () => [
  '/zmhd',
  `/zmhd/${h.fixture.participation.published}`,
  '/yjzj',
  `/yjzj/${h.fixture.participation.open}`,
  `/yjzj/${h.fixture.participation.withFeedback}`,
  policyPath,
  '/xxgk',
  '/',
]
const officerPages = () => [
  '/officer/messages',
  `/officer/messages/${h.fixture.participation.overdue}`,
  '/officer/consultations',
  `/officer/consultations/${h.fixture.participation.feedbackDue}`,
]

describe.each([375, 1280])('at %i px', (width) => {
  it('has no axe violations and no horizontal scroll, public and officer pages', async () => {
    await page.setViewportSize({ width, height: 800 })
    await officerLogin()
    const found: string[] = []
    for (const path of [...publicPages(), ...officerPages()]) {
      const res = await page.goto(`${h.base}${path}`)
      expect(res?.status(), path).toBe(200)
      for (const v of await runAxe(page))
        found.push(`${path}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`)
      const w = await page.evaluate(() => document.documentElement.scrollWidth)
      if (w > width) found.push(`${path}: scrollWidth ${w} > ${width}`)
    }
    expect(found).toEqual([])
  }, 120_000)

  it('shows a visible focus on every Tab stop', async () => {
    await page.setViewportSize({ width, height: 800 })
    await officerLogin()
    const found: string[] = []
    for (const path of [...publicPages().slice(0, 6), ...officerPages()]) {
      await page.goto(`${h.base}${path}`)
      const { stops, failures } = await tabThrough(page, 60)
      if (stops === 0) found.push(`${path}: no focusable element`)
      for (const f of failures) found.push(`${path}: stop ${f.stop} ${f.element}`)
    }
    expect(found).toEqual([])
  }, 120_000)
})

describe('from the keyboard alone', () => {
  it('finds a published answer by its question through the search form and opens it', async () => {
    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(`${h.base}/zmhd`)
    expect(await tabTo('#site-q')).toBe(true)
    await page.keyboard.type('招生报名')
    await Promise.all([page.waitForURL('**/search?**'), page.keyboard.press('Enter')])
    const answer = `a[href="/zmhd/${h.fixture.participation.published}"]`
    expect(await tabTo(answer)).toBe(true)
    await Promise.all([
      page.waitForURL(`**/zmhd/${h.fixture.participation.published}`),
      page.keyboard.press('Enter'),
    ])
    expect(await page.textContent('main')).toContain('上海市义务教育入学报名系统')
  }, 60_000)

  it('reaches an open consultation’s way to send an opinion', async () => {
    await page.goto(`${h.base}/yjzj`)
    expect(await tabTo('a[href$="#send"]')).toBe(true)
    await Promise.all([page.waitForURL('**#send'), page.keyboard.press('Enter')])
    const send = await page.textContent('#send + p')
    expect(send).toContain('2024-05-24 前')
    expect(await page.locator('a[href="mailto:jyj@shcn.gov.cn"]').count()).toBe(1)
  }, 60_000)

  it('goes from a policy’s 意见征集情况 to its consultation', async () => {
    await page.goto(`${h.base}${policyPath}`)
    expect(await page.textContent('#consultation-feedback')).toBe('意见征集情况')
    const link = `#consultation-feedback ~ h3 a[href="/yjzj/${h.fixture.participation.withFeedback}"]`
    expect(await tabTo(link)).toBe(true)
    await Promise.all([page.waitForURL('**/yjzj/**'), page.keyboard.press('Enter')])
    expect(await page.textContent('main')).toContain('未采纳的理由')
  }, 60_000)

  it('lets an officer answer a message and publish it; the answer then shows on /zmhd', async () => {
    const id = h.fixture.participation.dueSoon
    await officerLogin()
    await page.goto(`${h.base}/officer/messages`)
    expect(await tabTo(`a[href="/officer/messages/${id}"]`)).toBe(true)
    await Promise.all([page.waitForURL(`**/officer/messages/${id}`), page.keyboard.press('Enter')])
    expect(await tabTo('#answer-text')).toBe(true)
    await page.keyboard.type('少儿阅览室周一闭馆，周二至周日开放。')
    // The date keeps today's default; on to the publish box, ticked with the space bar.
    expect(await tabTo('#answer-publish', 10)).toBe(true)
    await page.keyboard.press('Space')
    expect(await page.isChecked('#answer-publish')).toBe(true)
    expect(await tabTo('button[type="submit"]', 5)).toBe(true)
    await Promise.all([page.waitForURL('**?saved=1'), page.keyboard.press('Enter')])
    expect(await page.textContent('[role="status"]')).toContain('答复已保存并公开')
    await page.goto(`${h.base}/zmhd`)
    expect(await page.textContent('main')).toContain('区图书馆少儿阅览室周一开放吗？')
    await page.goto(`${h.base}/zmhd/${id}`)
    expect(await page.textContent('main')).toContain('少儿阅览室周一闭馆，周二至周日开放。')
    expect(await page.textContent('main')).not.toContain('13912345678')
  }, 60_000)
})
