// Saves screenshots of the portal's main pages to docs/screenshots/ (1000 px wide) for the README.
// Run from the repository root: npx tsx packages/portal/scripts/screenshots.ts
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startHarness } from '../src/browser-harness'
import { FIXTURE_COMMITTEE, FIXTURE_DATASET } from '../src/portal-fixture'

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots')
mkdirSync(out, { recursive: true })
const h = await startHarness()
try {
  const page = await h.browser.newPage({ viewport: { width: 1000, height: 760 } })
  const shot = async (name: string, path: string) => {
    await page.goto(`${h.base}${path}`)
    await page.screenshot({ path: join(out, `${name}.png`) })
    console.log(`docs/screenshots/${name}.png  ${path}`)
  }
  await shot('home', '/')
  await shot('catalogue', '/catalogues/compulsory_education')
  const edu = await h.fixture.source.catalogue('compulsory_education')
  await shot('entry', `/catalogues/compulsory_education/entries/${edu?.entries[0]?.id}`)
  await shot('documents', '/documents')
  await shot('dataset', `/datasets/${FIXTURE_DATASET}`)
  // Log in and show the generated form with its errors, as a committee sees it.
  await page.goto(`${h.base}/committees/login`)
  await page.fill('#token', h.fixture.committeeToken)
  await page.click('main form button[type="submit"]')
  await page.waitForURL(/\/committees\/[^/]+$/)
  await page.goto(
    `${h.base}/committees/${FIXTURE_COMMITTEE.id}/records/new?entry=finance.working_funds`
  )
  await page.fill('[name="year"]', '2024')
  await page.fill('[name="quarter"]', '5')
  await page.click('button[value="submit"]')
  await page.waitForSelector('.error-summary')
  await page.screenshot({ path: join(out, 'committee-form.png') })
  console.log('docs/screenshots/committee-form.png')
} finally {
  await h.close()
}
