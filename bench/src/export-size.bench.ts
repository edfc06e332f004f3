// Size of the static site `gongkai export` writes, against what it offers. A workspace made by
// `gongkai init` gets one more 无条件开放 dataset of ROWS rows (Chinese text, numbers, dates),
// published through the datastore; then `gongkai export --out` runs in a child process. Measured:
// the site's bytes on disk (each file once, however many names link to it) against the reference,
// the sum of the download formats it offers (every exported version's data.csv, data-excel.csv,
// data.json, data.ndjson and CSVW file: one copy of each is the least a site can hold), and the
// apparent bytes (every name counted: what a host that does not keep hard links stores). The
// issue's target: at most 2.5x the sum. Time: the export against `cp -r` of the version files.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatastore } from '@gongkai/open-data'
import { openSqliteStore } from '@gongkai/store'
import { size } from './smoke.js'
import { loadAverage, median } from './stats.js'

const ROWS = size(300_000, 2_000, 'BENCH_EXPORT_ROWS')
const ROUNDS = size(3, 1, 'BENCH_EXPORT_ROUNDS')
const bin = fileURLToPath(new URL('../../apps/cli/dist/bin.js', import.meta.url))

function gongkai(args: string[], cwd: string): string {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (r.status !== 0) throw new Error(`gongkai ${args.join(' ')}: ${r.status}\n${r.stderr}`)
  return r.stdout
}

function* rows(n: number) {
  const streets = ['仙霞新村街道', '天山路街道', '虹桥街道', '江苏路街道', '华阳路街道']
  for (let i = 1; i <= n; i++) {
    yield {
      编号: i,
      名称: `第${i}号养老服务机构, "长者照护"`,
      街道: streets[i % streets.length],
      床位: 20 + (i % 300),
      金额: Math.round(i * 137.31) / 100,
      日期: `2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    }
  }
}

/** Bytes on disk (each inode once) and apparent bytes (every name) under `dir`. */
function treeBytes(dir: string): { bytes: number; apparent: number } {
  let bytes = 0
  let apparent = 0
  const seen = new Set<string>()
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue
    const st = statSync(join(e.parentPath, e.name))
    apparent += st.size
    if (seen.has(`${st.dev}:${st.ino}`)) continue
    seen.add(`${st.dev}:${st.ino}`)
    bytes += st.size
  }
  return { bytes, apparent }
}

/** The sum of the download formats in the exported site: every version folder's files. */
function offeredBytes(out: string): number {
  let sum = 0
  for (const e of readdirSync(join(out, 'datasets'), { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\/versions\/\d+$/.test(e.parentPath))
      sum += statSync(join(e.parentPath, e.name)).size
  }
  return sum
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`

/** Runs the benchmark and prints the table. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-bench-export-'))
  try {
    const ws = join(dir, 'ws')
    gongkai(['init', ws], dir)
    const store = openSqliteStore(join(ws, '.gongkai', 'store.db'))
    const ds = await openDatastore(store, { filesDir: join(ws, '.gongkai', 'files') })
    const published = await ds.publish({
      descriptor: {
        id: 'bench-care-homes',
        title: '养老服务机构（基准）',
        description: '导出体积基准数据',
        publisher: { id: 'demo-district', name: '示例区人民政府' },
        license: 'https://creativecommons.org/licenses/by/4.0/',
        openness: 'unconditional',
      },
      schema: {
        fields: [
          { name: '编号', type: 'integer' },
          { name: '名称', type: 'string' },
          { name: '街道', type: 'string' },
          { name: '床位', type: 'integer' },
          { name: '金额', type: 'number', unit: '万元' },
          { name: '日期', type: 'date' },
        ],
      },
      source: { rows: rows(ROWS) },
    })
    await store.close()
    if (!published.ok) throw new Error(`publish failed: ${JSON.stringify(published).slice(0, 300)}`)

    const exportMs: number[] = []
    const copyMs: number[] = []
    let last = { bytes: 0, apparent: 0, offered: 0, data: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const out = join(dir, `site-${round}`)
      const copy = join(dir, `copy-${round}`)
      const sides = [
        () => {
          const t = performance.now()
          gongkai(['export', '--out', out, '--json'], ws)
          exportMs.push(performance.now() - t)
        },
        () => {
          const t = performance.now()
          execFileSync('cp', ['-r', join(ws, '.gongkai', 'files'), copy])
          copyMs.push(performance.now() - t)
        },
      ]
      // The order flips each round, so a load spike does not always hit the same side.
      for (const side of round % 2 ? sides.reverse() : sides) side()
      const t = treeBytes(out)
      last = { ...t, offered: offeredBytes(out), data: treeBytes(join(out, 'datasets')).bytes }
      rmSync(out, { recursive: true, force: true })
      rmSync(copy, { recursive: true, force: true })
    }
    const ratio = last.bytes / last.offered
    console.log(`rows: ${ROWS}; rounds: ${ROUNDS}; load average ${await loadAverage()}`)
    console.log('| measure | bytes | ratio to the download formats offered |')
    console.log('|---|---|---|')
    console.log(`| download formats offered (reference) | ${mb(last.offered)} | 1.00 |`)
    console.log(`| exported site on disk | ${mb(last.bytes)} | ${ratio.toFixed(2)} |`)
    console.log(
      `| of which datasets/ (downloads, metadata) | ${mb(last.data)} | ${(last.data / last.offered).toFixed(2)} |`
    )
    console.log(
      `| of which the rest (catalogue and entry JSON pages: fixed, not per row) | ${mb(last.bytes - last.data)} | ${((last.bytes - last.data) / last.offered).toFixed(2)} |`
    )
    console.log(
      `| exported site, every name counted | ${mb(last.apparent)} | ${(last.apparent / last.offered).toFixed(2)} |`
    )
    console.log(
      `export ${(median(exportMs) / 1000).toFixed(2)} s vs cp -r of the version files ${(median(copyMs) / 1000).toFixed(2)} s: ${(median(exportMs) / median(copyMs)).toFixed(1)}x`
    )
    console.log(`target <= 2.5x: ${ratio <= 2.5 ? 'met' : 'NOT met'}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
