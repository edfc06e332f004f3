// Bad input refused cheaply: a 2 GB file of zeros (sparse, so it takes no disk) and a CSV head on
// 2 GB of zeros, each published (`ds.publish`, what `gongkai dataset add` runs) in its own child
// process, which reports its wall time and peak RSS. Targets: refused in < 10 s at < 300 MB RSS.
// There is no peer doing the same work; `wc -c` reading the whole file is printed as the cost of
// merely reading it, so the refusal can be seen not to read it.
import { execFileSync } from 'node:child_process'
import { closeSync, ftruncateSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { size } from './smoke.js'
import { loadAverage, median } from './stats.js'

const BYTES = size(2 * 1024 ** 3, 64 * 1024 ** 2, 'BENCH_INPUT_BYTES')
const ROUNDS = size(3, 1, 'BENCH_INPUT_ROUNDS')
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.data', 'ingest-input')

interface ChildResult {
  name: string
  ms: number
  maxRssMb: number
  refused: boolean
  message: string
}

/** A sparse file of `bytes`, starting with `head` (the rest zeros). */
function sparse(path: string, head: string, bytes: number): void {
  const fd = openSync(path, 'w')
  try {
    if (head) writeSync(fd, Buffer.from(head))
    ftruncateSync(fd, bytes)
  } finally {
    closeSync(fd)
  }
}

/** In the child: publishes `file` into a fresh datastore and reports time, RSS and the refusal. */
async function child(name: string, file: string): Promise<void> {
  const { openDatastore } = await import('@gongkai/open-data')
  const { openSqliteStore } = await import('@gongkai/store')
  const dir = join(DIR, `store-${name}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const ds = await openDatastore(openSqliteStore(join(dir, 'store.db')), {
    filesDir: join(dir, 'files'),
  })
  const t0 = performance.now()
  const r = await ds.publish({
    descriptor: {
      id: 'bad',
      title: '坏文件',
      description: '坏文件',
      publisher: { id: 'bench', name: '基准' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness: 'unconditional',
    },
    schema: { fields: [{ name: '名称', type: 'string' }] },
    source: file,
  })
  const ms = performance.now() - t0
  const result: ChildResult = {
    name,
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    refused: !r.ok,
    message: r.ok ? 'published' : (r.errors[0]?.message ?? r.reason).slice(0, 90),
  }
  console.log(`RESULT ${JSON.stringify(result)}`)
}

function runChild(name: string, file: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, file],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const line = out.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`child ${name} printed no result:\n${out}`)
  return JSON.parse(line.slice(7)) as ChildResult
}

/** Time to read the whole file (`wc -c` over the zeros): what a refusal must not cost. */
function readAllMs(file: string): number {
  const t0 = performance.now()
  execFileSync('sh', ['-c', `cat "${file}" | wc -c`], { encoding: 'utf8' })
  return performance.now() - t0
}

export async function run(): Promise<void> {
  mkdirSync(DIR, { recursive: true })
  const files = {
    zeros: join(DIR, 'zeros.csv'),
    'csv-head-on-zeros': join(DIR, 'head-on-zeros.csv'),
  }
  sparse(files.zeros, '', BYTES)
  sparse(files['csv-head-on-zeros'], `名称\n${'机构\n'.repeat(4000)}`, BYTES)
  const results: Record<string, ChildResult[]> = {}
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const names = Object.keys(files) as (keyof typeof files)[]
      if (round % 2) names.reverse()
      for (const name of names) {
        const list = results[name] ?? []
        list.push(runChild(name, files[name]))
        results[name] = list
      }
    }
    const read = readAllMs(files.zeros)
    console.log(
      `${(BYTES / 1024 ** 3).toFixed(2)} GiB sparse files, ${ROUNDS} round(s); load average ${await loadAverage()}`
    )
    console.log('| file | refused in (median) | peak RSS (max) | target | answer |')
    console.log('|---|---|---|---|---|')
    for (const [name, rs] of Object.entries(results)) {
      const ms = median(rs.map((r) => r.ms))
      const rss = Math.max(...rs.map((r) => r.maxRssMb))
      const ok = rs.every((r) => r.refused) && ms < 10_000 && rss < 300
      console.log(
        `| ${name} | ${(ms / 1000).toFixed(2)} s | ${rss.toFixed(0)} MB | < 10 s, < 300 MB ${ok ? 'met' : 'MISSED'} | ${rs[0]?.message} |`
      )
    }
    console.log(`reading the whole file once (cat | wc -c): ${(read / 1000).toFixed(2)} s`)
  } finally {
    for (const f of Object.values(files)) rmSync(f, { force: true })
  }
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0 && process.argv[1] === fileURLToPath(import.meta.url)) {
  child(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
