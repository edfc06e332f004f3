/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type PortalFixture, portalFixture } from './portal-fixture.js'

/** The browser: `GONGKAI_CHROMIUM`, else where CI (and `apt-get install chromium`) puts Debian's. */
export const CHROMIUM = process.env.GONGKAI_CHROMIUM || '/usr/bin/chromium'

// The gateway's Content-Security-Policy, so the pages are driven under the policy they are served
// with (no inline script, own styles and images only).
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The portal on a free loopback port, on the fixture's data, plus headless Chromium. */
export interface Harness {
  base: string
  fixture: PortalFixture
  browser: Browser
  close(): Promise<void>
}

/**
 * Starts the server and the browser. Throws (so the tests fail, never skip) when Chromium is
 * missing, with the command that installs it.
 */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the portal's browser tests need it. Install it with "apt-get update && apt-get install -y chromium" (.ci/run does this), or name another build in GONGKAI_CHROMIUM.`
    )
  }
  // The app is bound after the port is known, because QR codes and links carry the base URL.
  let handler: (req: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 })
  const server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`
  const fixture = await portalFixture({ baseUrl: base })
  handler = async (req) => {
    const res = await fixture.app.fetch(req)
    // A copy: some responses (redirects) have immutable headers.
    const out = new Response(res.body, res)
    out.headers.set('content-security-policy', CSP)
    return out
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
  return {
    base,
    fixture,
    browser,
    async close() {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await fixture.close()
    },
  }
}

const require = createRequire(import.meta.url)
/** Path of axe-core's browser bundle. */
export const AXE_PATH = require.resolve('axe-core/axe.min.js')

/** One axe violation, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns every violation. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object
          ): Promise<{
            violations: {
              id: string
              impact: string | null
              help: string
              nodes: { target: string[] }[]
            }[]
          }>
        }
      }
    ).axe
    const r = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }))
  })
}

/** A focus stop whose focused style does not differ from its unfocused style. */
export interface InvisibleFocus {
  stop: number
  element: string
}

/**
 * Presses Tab up to `maxStops` times and checks that every focused element looks different when
 * focused (outline, box-shadow or background) than when not. Returns the stops and failures.
 */
export async function tabThrough(page: Page, maxStops = 60) {
  const failures: InvisibleFocus[] = []
  const seen: string[] = []
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab')
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return undefined
      const desc = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''}`
      const look = () => {
        const s = getComputedStyle(el)
        const outline = s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2
        return {
          outline,
          text: `${s.outlineStyle}|${s.outlineWidth}|${s.outlineColor}|${s.boxShadow}|${s.backgroundColor}`,
        }
      }
      const focused = look()
      el.blur()
      const blurred = look()
      el.focus()
      return { desc, visible: focused.outline || focused.text !== blurred.text }
    })
    if (!r) break
    if (seen.length > 0 && seen[0] === r.desc && i > 2) break
    seen.push(r.desc)
    if (!r.visible) failures.push({ stop: i + 1, element: r.desc })
  }
  return { stops: seen.length, failures }
}
