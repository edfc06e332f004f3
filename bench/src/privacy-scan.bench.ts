// The privacy guard's own cost: the table guard over the open-data-csv benchmark's row shape (10
// columns of Chinese text, numbers and dates, nothing personal: the ingest's usual case), against
// a bare loop that reads every cell; then the detectors over every value of the labelled corpus
// (test-corpus/privacy/), where most values hold something. CPU time, median of the rounds.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { detectPersonalInfo, TableScanner } from '@gongkai/privacy'
import { size } from './smoke.js'
import { loadAverage, median } from './stats.js'

const ROWS = size(1_000_000, 20_000, 'BENCH_PRIVACY_ROWS')
const ROUNDS = size(5, 1, 'BENCH_PRIVACY_ROUNDS')
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-corpus', 'privacy')

const FIELDS = [
  ['id', 'integer'],
  ['名称', 'string'],
  ['街道', 'string'],
  ['位置', 'string'],
  ['金额', 'number'],
  ['数量', 'integer'],
  ['日期', 'date'],
  ['更新时间', 'datetime'],
  ['类别', 'string'],
  ['备注', 'string'],
].map(([name, type]) => ({ name: name as string, type }))

/** The open-data-csv benchmark's pool of row templates (the same generator, seeded alike). */
function pool(): unknown[][] {
  const streets = ['华阳路街道', '江苏路街道', '新华路街道', '周家桥街道', '天山路街道']
  const more = ['仙霞新村街道', '虹桥街道', '程家桥街道', '北新泾街道', '新泾镇']
  const all = [...streets, ...more]
  const words = ['招生', '范围', '公共', '服务', '社区', '卫生', '养老', '教育', '文化', '体育']
  const kinds = ['行政许可', '行政处罚', '公共服务', '财政资金']
  let seed = 42
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T
  const out: unknown[][] = []
  for (let i = 0; i < 4096; i++) {
    const q = () => rand() < 0.0555
    out.push([
      i,
      `${pick(words)}${pick(words)}${pick(words)}项目${i}`,
      pick(all),
      `长宁区${pick(all)}${Math.floor(rand() * 999)}号${q() ? '，1单元,2室' : ''}`,
      Math.round(rand() * 1e7) / 100,
      Math.floor(rand() * 5000),
      '2024-05-01',
      '2024-06-01T10:30:00Z',
      pick(kinds),
      q() ? `备注"${pick(words)}"\n第二行` : `${pick(words)}${pick(words)}说明`,
    ])
  }
  return out
}

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage()
  fn()
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1000
}

function corpusValues(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return corpusValues(p)
    if (!p.endsWith('.json')) return []
    const c = JSON.parse(readFileSync(p, 'utf8')) as {
      input: { value?: string; table?: { rows: unknown[][] } }
    }
    if (c.input.value !== undefined) return [c.input.value]
    return (c.input.table?.rows ?? []).flat().filter((v): v is string => typeof v === 'string')
  })
}

/** Runs the rounds and prints the table. */
export async function run(): Promise<void> {
  const rows = pool()
  const guard: number[] = []
  const bare: number[] = []
  let sink = 0
  for (let r = 0; r < ROUNDS; r++) {
    guard.push(
      cpuMs(() => {
        const s = new TableScanner({ title: '基准数据', fields: FIELDS, valuesMasked: true })
        for (let i = 0; i < ROWS; i++) s.scanRow(rows[i & 4095] as unknown[], i + 2)
        if (s.count !== 0) throw new Error(`findings in clean rows: ${s.findings[0]?.pointer}`)
      })
    )
    bare.push(
      cpuMs(() => {
        for (let i = 0; i < ROWS; i++) {
          const row = rows[i & 4095] as unknown[]
          for (const v of row) if (typeof v === 'string') sink += v.length
        }
      })
    )
  }
  const values = corpusValues(corpus)
  const reps = Math.max(1, Math.round(size(200_000, 2_000) / values.length))
  const detect = cpuMs(() => {
    for (let k = 0; k < reps; k++) for (const v of values) sink += detectPersonalInfo(v).length
  })
  const g = median(guard)
  const b = median(bare)
  console.log(`load average ${await loadAverage()}; ${sink > 0 ? '' : ' '}`)
  console.log('| what | ours | reference | |')
  console.log('|---|---|---|---|')
  console.log(
    `| table guard, ${ROWS.toLocaleString('en')} clean rows × 10 columns | ${Math.round(ROWS / (g / 1000)).toLocaleString('en')} rows/s (${((g / ROWS) * 1000).toFixed(2)} µs/row) | bare loop over the cells ${Math.round(ROWS / (b / 1000)).toLocaleString('en')} rows/s | target ≥ 1,000,000 rows/s |`
  )
  console.log(
    `| detectors over the corpus's ${values.length} values × ${reps} | ${Math.round((values.length * reps) / (detect / 1000)).toLocaleString('en')} values/s | — | — |`
  )
}
