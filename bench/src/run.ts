// Runs every `src/*.bench.ts` in turn (or those whose name contains an argument), so
// `npm run bench` measures everything and `npm run bench -- csv` just the CSV ones.
// `--smoke` runs each at a tiny size (see smoke.ts).
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { loadAverage } from './stats.js'

const args = process.argv.slice(2)
const unknown = args.filter((a) => a.startsWith('-') && a !== '--smoke')
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(' ')}; usage: npm run bench -- [--smoke] [name…]`)
  process.exit(2)
}
if (args.includes('--smoke')) process.env.GONGKAI_BENCH_SMOKE = '1'

const here = dirname(fileURLToPath(import.meta.url))
const filters = args.filter((a) => !a.startsWith('-'))
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`)
  process.exit(2)
}

const started = performance.now()
console.log(
  `${process.env.GONGKAI_BENCH_SMOKE === '1' ? 'smoke run (tiny sizes, figures mean nothing)' : 'full run'}; load average ${await loadAverage()}`
)
let failed = 0
for (const f of files) {
  console.log(`\n## ${f.replace('.bench.ts', '')}\n`)
  const t0 = performance.now()
  try {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { run(): Promise<void> }
    await mod.run()
  } catch (err) {
    failed++
    console.error(`bench ${f} failed:`, err)
  }
  console.log(`\n(${f}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`)
}
console.log(
  `\n${files.length - failed} benchmarks ran, ${failed} failed, in ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${await loadAverage()}`
)
process.exit(failed ? 1 : 0)
