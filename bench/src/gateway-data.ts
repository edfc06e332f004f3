// The 1M-row store the gateway benchmarks share (generated once, cached in
// bench/.data/gateway-<rows>, gitignored) and the child processes that serve it (gateway-server.ts).
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatastore } from '@gongkai/open-data'
import { openSqliteStore } from '@gongkai/store'
import { size } from './smoke.js'

const here = dirname(fileURLToPath(import.meta.url))
/** Rows of the `big` dataset: 1,000,000 (5,000 in a smoke run; GATEWAY_BENCH_ROWS overrides). */
export const ROWS = size(1_000_000, 5_000, 'GATEWAY_BENCH_ROWS')
/** Folder of the cached store and files. */
const dataDir = join(here, '..', '.data', `gateway-${ROWS}`)
/** Distinct values of 街道 (an indexed filter column). */
export const STREETS = 200
const DISTRICTS = [
  '长宁区',
  '徐汇区',
  '静安区',
  '黄浦区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
]

/** Generates the store once: dataset `big` with 编号, 区, 街道 (indexed filters), 名称, 金额, 日期. */
export async function ensureData(): Promise<void> {
  const marker = join(dataDir, 'ready')
  if (existsSync(marker)) return
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const store = openSqliteStore(join(dataDir, 'store.db'))
  const ds = await openDatastore(store, {
    filesDir: join(dataDir, 'files'),
    baseUrl: 'http://127.0.0.1',
  })
  const t = performance.now()
  function* rows() {
    for (let i = 1; i <= ROWS; i++) {
      yield {
        编号: i,
        区: DISTRICTS[i % DISTRICTS.length],
        街道: `第${(i % STREETS) + 1}街道`,
        名称: `示例单位${i}号`,
        金额: (i * 37) % 100_000,
        日期: `2021-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      }
    }
  }
  const r = await ds.publish({
    descriptor: {
      id: 'big',
      title: '百万行示例数据',
      description: '基准测试用的一百万行数据集',
      publisher: { id: 'bench-district', name: '基准区人民政府' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      openness: 'unconditional',
    },
    schema: {
      fields: [
        { name: '编号', type: 'integer' },
        { name: '区', type: 'string' },
        { name: '街道', type: 'string' },
        { name: '名称', type: 'string' },
        { name: '金额', type: 'integer' },
        { name: '日期', type: 'date' },
      ],
      primaryKey: '编号',
      filterColumns: ['区', '街道'],
    },
    source: { rows: rows() },
  })
  if (!r.ok)
    throw new Error(
      `publishing the bench dataset failed: ${r.reason} ${JSON.stringify(r.errors.slice(0, 3))}`
    )
  console.log(
    `generated ${ROWS} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (cached in ${dataDir})`
  )
  await store.close()
  writeFileSync(marker, new Date().toISOString())
}

/** Starts one server of gateway-server.ts in its own process; resolves with its URL. */
export function startChild(
  mode: 'bare' | 'gateway' | 'baseline' | 'file' | 'inline'
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'gateway-server.ts'), mode, dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /READY (\S+)/.exec(out)
      if (m?.[1]) resolve({ url: m[1], child })
    })
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)))
  })
}
