/// <reference lib="dom" />
import { accessSync, constants, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type PortalFixture, portalFixture } from './portal-fixture.js'

/** Where Debian's `apt-get install chromium` (and so `.ci/run`) puts the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/**
 * The browser the tests drive: `GONGKAI_CHROMIUM`, else {@link DEFAULT_CHROMIUM}. Throws (so the
 * browser tests fail, never skip, in CI and out of it) when that is not an executable file, naming
 * the path and how to install one.
 */
export function resolveChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.GONGKAI_CHROMIUM || DEFAULT_CHROMIUM
  let problem: string | undefined
  try {
    if (!statSync(path).isFile()) problem = 'is not a file'
    else accessSync(path, constants.X_OK)
  } catch (err) {
    problem ??=
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not executable'
  }
  if (problem) {
    const where = env.GONGKAI_CHROMIUM ? 'GONGKAI_CHROMIUM' : 'the default path'
    throw new Error(
      `Chromium ${path} (${where}) ${problem}: the portal's browser tests need it${env.CI ? ' and CI is set, so they fail rather than skip' : ''}. Install it with "apt-get update && apt-get install -y chromium" (.ci/run does this), or name another build in GONGKAI_CHROMIUM.`
    )
  }
  return path
}

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
  const executablePath = resolveChromium()
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
  const browser = await chromium.launch({ executablePath, args: FLAGS, headless: true })
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
const AXE_PATH = require.resolve('axe-core/axe.min.js')

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
interface InvisibleFocus {
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
