// Cold load of the bundled catalogues: import the layers, resolve every one (national <- .sh <-
// .changning-2021) validating each layer and each result, then index all of them; against a bare
// JSON.parse of the same files, each in a fresh node process. Then keyword queries over all entries.
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { size } from './smoke.js'
import { median } from './stats.js'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')

const coldLoad = `
const t0 = performance.now()
const { layers } = await import('@gongkai/catalogues')
const { resolveCatalogues, createIndex } = await import('@gongkai/catalogue')
const r = resolveCatalogues(layers, { validate: true })
if (r.errors.length) throw new Error(r.errors[0].catalogue + '#' + r.errors[0].pointer + ' ' + r.errors[0].message)
const index = createIndex(r.catalogues)
const extending = layers.filter((c) => c.extends).length
console.log(JSON.stringify({ ms: performance.now() - t0, entries: index.entries.length, catalogues: r.catalogues.length, layers: extending }))
`

const bareParse = `
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
const t0 = performance.now()
const dir = join(dirname(createRequire(import.meta.url + '/').resolve('@gongkai/catalogues/package.json')), 'data')
let entries = 0
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) entries += JSON.parse(readFileSync(join(dir, f), 'utf8')).entries.length
console.log(JSON.stringify({ ms: performance.now() - t0, entries }))
`

function inFreshProcess(code: string): {
  ms: number
  entries: number
  catalogues?: number
  layers?: number
} {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: benchDir,
    encoding: 'utf8',
  })
  return JSON.parse(out.trim().split('\n').pop() as string)
}

/** Runs the benchmark and prints a small table. */
export async function run() {
  // Median of 5 cold runs, interleaved, so one slow start on a shared machine does not decide; the
  // smoke run measures the same (each cold process takes a fraction of a second).
  const runs = 5
  const ours: ReturnType<typeof inFreshProcess>[] = []
  const bare: ReturnType<typeof inFreshProcess>[] = []
  for (let i = 0; i < runs; i++) {
    ours.push(inFreshProcess(coldLoad))
    bare.push(inFreshProcess(bareParse))
  }
  const oursMs = median(ours.map((r) => r.ms))
  const bareMs = median(bare.map((r) => r.ms))
  const entries = ours[0]?.entries ?? 0

  const { catalogues } = await import('@gongkai/catalogues')
  const { createIndex } = await import('@gongkai/catalogue')
  const index = createIndex(catalogues)
  const keywords = ['招生', '公示', '补贴', '预算', '许可']
  const hits = keywords.map((k) => index.query({ keyword: k }).length)
  const n = size(1000, 50)
  const t0 = performance.now()
  for (let i = 0; i < n; i++) index.query({ keyword: keywords[i % keywords.length] })
  const queryMs = (performance.now() - t0) / n

  console.log(
    `catalogues: ${ours[0]?.catalogues} (${ours[0]?.layers} of them layers over another), entries: ${entries}`
  )
  console.log('| measure | ms | target |')
  console.log('|---|---:|---|')
  console.log(
    `| cold load + resolve + validate + index of every layer (median of ${runs}) | ${oursMs.toFixed(1)} | < 300 |`
  )
  console.log(
    `| cold bare JSON.parse of data/*.json (median of ${runs}) | ${bareMs.toFixed(1)} | |`
  )
  const ratio = median(ours.map((o, i) => o.ms / (bare[i] as { ms: number }).ms))
  console.log(`| ratio ours / bare (median of per-round ratios) | ${ratio.toFixed(1)}x | |`)
  console.log(
    `| keyword query, mean of ${n} (${keywords.map((k, i) => `${k}:${hits[i]}`).join(' ')}) | ${queryMs.toFixed(4)} | < 1 |`
  )
}
