// Saves screenshots of the portal's main pages to docs/screenshots/ (1000 px wide) for the README.
// Run from anywhere in the repository: npx tsx packages/portal/scripts/screenshots.ts
// Every page is checked (HTTP 200, HTML, the page's own content) and the files are written only
// when all of them are, so an error page never replaces a good image.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Without a Chinese font every character is drawn as a box: refuse rather than write such images.
const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
if (fonts.status === 0 && fonts.stdout.trim() === '') {
  console.error(
    'no Chinese font is installed, so every character would be a box: apt-get install fonts-noto-cjk'
  )
  process.exit(1)
}

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const tsconfig = join(packageDir, 'tsconfig.json')

// tsx compiles JSX with the tsconfig of the current folder, and the pages need the gateway's
// (hono/jsx). Run again with it unless it is already the one in use.
if (process.env.TSX_TSCONFIG_PATH !== tsconfig && process.cwd() !== packageDir.replace(/\/$/, '')) {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
  })
  process.exit(r.status ?? 1)
}

const { startHarness } = await import('../src/browser-harness.js')
const { FIXTURE_COMMITTEE, FIXTURE_DATASET, FIXTURE_EDUCATION } = await import(
  '../src/portal-fixture.js'
)

const out = join(packageDir, '../../docs/screenshots')
const shots: { name: string; png: Buffer }[] = []
const h = await startHarness()
try {
  const page = await h.browser.newPage({ viewport: { width: 1000, height: 760 } })
  /** Opens `path` and fails unless it answers 200 with an HTML page that has its main content. */
  const open = async (path: string) => {
    const res = await page.goto(`${h.base}${path}`)
    const type = res?.headers()['content-type'] ?? ''
    if (res?.status() !== 200 || !type.startsWith('text/html'))
      throw new Error(
        `GET ${path} answered ${res?.status() ?? 'nothing'} ${type}: not a page to show`
      )
    if ((await page.locator('main h1').count()) === 0)
      throw new Error(`GET ${path}: the page has no <main> heading; not a page to show`)
  }
  const shot = async (name: string, path: string) => {
    await open(path)
    shots.push({ name, png: await page.screenshot() })
  }
  await shot('home', '/')
  await shot('catalogue', `/catalogues/${FIXTURE_EDUCATION}`)
  const edu = await h.fixture.source.catalogue(FIXTURE_EDUCATION)
  await shot('entry', `/catalogues/${FIXTURE_EDUCATION}/entries/${edu?.entries[0]?.id}`)
  await shot('documents', '/documents')
  await shot('dataset', `/datasets/${FIXTURE_DATASET}`)
  // Log in and show the generated form with its errors, as a committee sees it.
  await open('/committees/login')
  await page.fill('#token', h.fixture.committeeToken)
  await page.click('main form button[type="submit"]')
  await page.waitForURL(/\/committees\/[^/]+$/)
  await open(`/committees/${FIXTURE_COMMITTEE.id}/records/new?entry=finance.working_funds`)
  await page.fill('[name="year"]', '2024')
  await page.fill('[name="quarter"]', '5')
  await page.click('button[value="submit"]')
  await page.waitForSelector('.error-summary')
  shots.push({ name: 'committee-form', png: await page.screenshot() })
} finally {
  await h.close()
}
mkdirSync(out, { recursive: true })
for (const { name, png } of shots) {
  writeFileSync(join(out, `${name}.png`), png)
  console.log(`docs/screenshots/${name}.png`)
}
