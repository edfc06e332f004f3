/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, runAxe, startHarness, tabThrough } from './browser-harness.js'
import { FIXTURE_EDUCATION, FIXTURE_SITE } from './portal-fixture.js'

// The 政府信息公开 column and a catalogue in a real Chromium at a phone's width (375 px) and a
// desktop's (1280 px): axe (WCAG 2.1 AA), a visible focus on every Tab stop, no horizontal scroll;
// and at 375 px the catalogue's rows as one card each, carrying every column of the desktop table.

let h: Harness
let ctx: BrowserContext
let page: Page

const PAGES = [
  '/xxgk',
  '/xxgk/guide',
  '/xxgk/rules',
  '/xxgk/proactive',
  '/xxgk/annual-reports',
  '/xxgk/apply',
  `/catalogues/${FIXTURE_EDUCATION}`,
  '/catalogues',
  '/catalogues/institution_gas',
  '/no/such/page',
]
const WIDTHS = [375, 1280]

beforeAll(async () => {
  h = await startHarness()
  // axe is injected as a script; the pages' CSP (rightly) forbids that, so this context bypasses it.
  ctx = await h.browser.newContext({ bypassCSP: true, locale: 'zh-CN' })
  page = await ctx.newPage()
}, 120_000)

afterAll(async () => {
  await ctx?.close()
  await h?.close()
})

describe.each(WIDTHS)('at %i px', (width) => {
  it('has no axe violations, no horizontal scroll, and the site identity in the footer', async () => {
    await page.setViewportSize({ width, height: 800 })
    const found: string[] = []
    for (const path of PAGES) {
      const res = await page.goto(`${h.base}${path}`)
      expect(res?.status(), path).toBe(path.startsWith('/no/') ? 404 : 200)
      for (const v of await runAxe(page))
        found.push(`${path}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`)
      const w = await page.evaluate(() => document.documentElement.scrollWidth)
      if (w > width) found.push(`${path}: scrollWidth ${w} > ${width}`)
      const footer = (await page.textContent('footer')) ?? ''
      for (const t of [FIXTURE_SITE.organ.name, FIXTURE_SITE.websiteCode, FIXTURE_SITE.icp])
        if (!footer.includes(t)) found.push(`${path}: footer lacks ${t}`)
    }
    expect(found).toEqual([])
  }, 120_000)

  it('shows a visible focus on every Tab stop', async () => {
    await page.setViewportSize({ width, height: 800 })
    const found: string[] = []
    for (const path of PAGES) {
      await page.goto(`${h.base}${path}`)
      const { stops, failures } = await tabThrough(page, 40)
      if (stops === 0) found.push(`${path}: no focusable element`)
      for (const f of failures) found.push(`${path}: stop ${f.stop} ${f.element}`)
    }
    expect(found).toEqual([])
  }, 120_000)
})

/** Visible text with white space collapsed. */
const norm = (s: string) => s.replace(/\s+/g, '')

describe('the catalogue on a phone', () => {
  it("shows each row as a card with every desktop column's text, labelled, and 一键查阅 in view", async () => {
    const path = `${h.base}/catalogues/${FIXTURE_EDUCATION}`
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(path)
    // Each desktop row's cells as the eye reads them (innerText: only what is shown).
    const rowTexts = () =>
      page.$$eval('table.catalogue-table tbody tr', (trs) =>
        trs.map((tr) =>
          // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is compared
          Array.from(tr.children, (td) => (td as HTMLElement).innerText)
        )
      )
    const rows = await rowTexts()
    expect(rows.length).toBeGreaterThan(5)
    const desktopRow = await page.$eval(
      'table.catalogue-table tbody tr',
      (tr) => getComputedStyle(tr).display
    )
    expect(desktopRow).toBe('table-row')

    await page.setViewportSize({ width: 375, height: 800 })
    await page.goto(path)
    // The same rows, one card each: a block no wider than the screen, every cell shown with its
    // column's name before it (the header row is only for screen readers there).
    const cards = await page.$$eval('table.catalogue-table tbody tr', (trs) =>
      trs.map((tr) => {
        const box = tr.getBoundingClientRect()
        return {
          display: getComputedStyle(tr).display,
          left: box.left,
          right: box.right,
          cells: Array.from(tr.children, (td) => ({
            // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is compared
            text: (td as HTMLElement).innerText,
            label: getComputedStyle(td, '::before').content,
            name: td.getAttribute('data-label'),
            isRowHeader: td.tagName === 'TH',
          })),
        }
      })
    )
    expect(cards.length).toBe(rows.length)
    const problems: string[] = []
    cards.forEach((card, i) => {
      if (card.display !== 'flex') problems.push(`row ${i + 1}: displayed as ${card.display}`)
      if (card.left < 0 || card.right > 375)
        problems.push(`row ${i + 1}: ${card.left}–${card.right} px`)
      card.cells.forEach((cell, j) => {
        if (norm(cell.text) !== norm(rows[i]?.[j] ?? ''))
          problems.push(`row ${i + 1}: ${rows[i]?.[j]}`)
        if (!cell.isRowHeader && cell.label !== JSON.stringify(cell.name))
          problems.push(`row ${i + 1} cell ${j + 1}: label ${cell.label}`)
      })
    })
    expect(problems).toEqual([])
    // The header rows are clipped to a pixel (their words are on every card) but stay for screen readers.
    const headHeight = () =>
      page.$eval('table.catalogue-table thead', (t) => t.getBoundingClientRect().height)
    expect(await headHeight()).toBeLessThanOrEqual(1)
    expect(await page.locator('table.catalogue-table thead th').count()).toBeGreaterThan(5)
    // 一键查阅 is within the 375 px viewport's width (no horizontal scrolling to reach it).
    const link = page.locator('table.catalogue-table a', { hasText: '一键查阅' }).first()
    const box = await link.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true)
    // In print the official table comes back.
    await page.emulateMedia({ media: 'print' })
    const printed = await page.$eval(
      'table.catalogue-table tbody tr',
      (tr) => getComputedStyle(tr).display
    )
    expect(printed).toBe('table-row')
    expect(await headHeight()).toBeGreaterThan(10)
    await page.emulateMedia({ media: 'screen' })
  }, 60_000)
})
