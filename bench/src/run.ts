// Runs every `src/*.bench.ts` in turn (or those whose name contains an argument), so
// `npm run bench` measures everything and `npm run bench -- csv` just the CSV ones.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

let failed = 0
for (const f of files) {
  console.log(`\n## ${f.replace('.bench.ts', '')}\n`)
  try {
    const mod = await import(pathToFileURL(join(here, f)).href)
    await mod.run()
  } catch (err) {
    failed++
    console.error(`bench ${f} failed:`, err)
  }
}
process.exit(failed ? 1 : 0)
