// Records/s of @gongkai/schema's validateCatalogueEntry and validateCatalogue against ajv compiling
// the same schemas at run time with the same options, formats and custom keywords (the peer), in
// interleaved rounds; plus the cold import time of the built package (median of fresh processes).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import {
  type CatalogueEntry,
  createKeywords,
  validateCatalogue,
  validateCatalogueEntry,
} from '@gongkai/schema'
import * as ajvModule from 'ajv'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { size, smoke } from './smoke.js'
import { median } from './stats.js'

const ENTRIES = size(2000, 200)
const ROUNDS = size(9, 3)
// Time per contender per round; long enough for the JIT, short enough to interleave often.
const ROUND_MS = size(250, 20)
const COLD_RUNS = size(15, 3)

const require = createRequire(import.meta.url)
const readSchema = (name: string) =>
  JSON.parse(readFileSync(require.resolve(`@gongkai/schemas/${name}.schema.json`), 'utf8'))

const CHANNELS = [
  'gov_website',
  'gov_gazette',
  'two_micro_one_app',
  'bulletin_board',
  'service_center',
] as const
const TIME_LIMITS: CatalogueEntry['timeLimit'][] = [
  {
    type: 'after_event',
    text: '信息形成或者变更之日起20个工作日内',
    trigger: 'formed_or_changed',
    amount: 20,
    unit: 'working_day',
  },
  {
    type: 'recurring',
    text: '每季度公布一次',
    recurrence: 'quarterly',
    publicityPeriod: { amount: 7, unit: 'working_day' },
  },
  { type: 'fixed_date', text: '每年1月31日前', month: 1, day: 31 },
  { type: 'qualitative', text: '实时公开', kind: 'realtime', onChange: true },
  {
    type: 'after_event',
    text: '本级人大或其常委会批准后20日内',
    trigger: 'budget_approved',
    amount: 20,
    unit: 'calendar_day',
  },
]

/** ~2,000 realistic, valid catalogue entries. */
function makeEntries(n: number): CatalogueEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `entry-${i}`,
    seq: i + 1,
    code: String(i).padStart(4, '0'),
    item: { level1: `一级事项${i % 20}`, level2: `二级事项${i}` },
    contentElements: ['事项名称', '办理依据', '办理条件', '办理流程'].slice(0, 1 + (i % 4)),
    legalBasis: [
      {
        title: '《中华人民共和国政府信息公开条例》',
        docNo: '国务院令第711号',
        article: '第二十条',
        kind: 'administrative_regulation',
      },
    ],
    timeLimit: TIME_LIMITS[i % TIME_LIMITS.length] as CatalogueEntry['timeLimit'],
    responsibleBodies: ['区政府办公室', `街道办事处${i % 10}`],
    channels: CHANNELS.slice(0, 1 + (i % CHANNELS.length)).map((code, j) => ({
      code,
      required: j === 0,
    })),
    audience: { general: i % 3 !== 0, specificGroups: i % 3 === 0 ? ['辖区居民'] : [] },
    modes: i % 5 === 0 ? ['proactive', 'on_request'] : ['proactive'],
    levels: [
      { code: 'county', label: '县级' },
      { code: 'township', label: '乡级' },
    ],
    fiveOpenness: ['execution', 'result'],
    source: {
      title: '基层政务公开标准目录',
      copies: [
        {
          url: 'https://www.gov.cn/zhengce/content/2019-12/01/content_5457450.htm',
          title: '国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见',
        },
      ],
      status: 'N',
    },
  }))
}

/** Calls per second of `fn` over `records`, for about `ms` milliseconds (after one warm pass). */
function perSecond(fn: (x: unknown) => unknown, records: readonly unknown[], ms: number): number {
  for (const r of records) fn(r)
  let count = 0
  const start = performance.now()
  let elapsed = 0
  do {
    for (const r of records) fn(r)
    count += records.length
    elapsed = performance.now() - start
  } while (elapsed < ms)
  return (count / elapsed) * 1000
}

/** Import time of the built package in fresh processes (each after booting the ESM loader). */
function coldImports(runs: number): number[] {
  const url = import.meta.resolve('@gongkai/schema')
  // A first import of a tiny file module boots Node's ESM file loader (~2-3 ms paid once by any
  // ESM program), so the timed import measures this package only.
  const warm = import.meta.resolve('@gongkai/schemas/package.json')
  const code = `await import(${JSON.stringify(warm)},{with:{type:'json'}});const t=performance.now();await import(${JSON.stringify(url)});console.log(performance.now()-t)`
  return Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', code], {
        encoding: 'utf8',
      }).trim()
    )
  )
}

interface Pair {
  name: string
  ours: (x: unknown) => unknown
  peer: (x: unknown) => unknown
  records: readonly unknown[]
}

/** Interleaved rounds (the order flips every round); medians of rates and of per-round ratios. */
function compare(pair: Pair) {
  const ours: number[] = []
  const peer: number[] = []
  const ratios: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    let o: number
    let p: number
    if (i % 2 === 0) {
      o = perSecond(pair.ours, pair.records, ROUND_MS)
      p = perSecond(pair.peer, pair.records, ROUND_MS)
    } else {
      p = perSecond(pair.peer, pair.records, ROUND_MS)
      o = perSecond(pair.ours, pair.records, ROUND_MS)
    }
    ours.push(o)
    peer.push(p)
    ratios.push(o / p)
  }
  return {
    ours: median(ours),
    peer: median(peer),
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
  }
}

/** Runs the benchmark and prints a table. */
export async function run(): Promise<void> {
  const entries = makeEntries(ENTRIES)
  const catalogue = {
    id: 'bench',
    title: '基准目录',
    kind: 'standard',
    field: 'policy_documents',
    version: '1',
    entries,
  }
  const check = validateCatalogue(catalogue)
  if (!check.ok) throw new Error(`bench data invalid: ${JSON.stringify(check.errors.slice(0, 3))}`)

  // The peer: what a developer gets by compiling the same schemas with ajv at run time. Same
  // options as the package's generator, the same formats (ajv-formats "full") and custom keywords.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
  })
  addFormats(ajv)
  for (const def of createKeywords(ajvModule)) ajv.addKeyword(def)
  for (const name of ['codes', 'time-limit', 'catalogue']) ajv.addSchema(readSchema(name))
  const peerEntry = ajv.getSchema('https://gongkai.dev/schemas/catalogue.schema.json#/$defs/entry')
  const peerCatalogue = ajv.getSchema('https://gongkai.dev/schemas/catalogue.schema.json')
  if (!peerEntry || !peerCatalogue) throw new Error('catalogue schema not found')
  if (!peerCatalogue(catalogue)) throw new Error('the peer rejects the bench catalogue')

  const entry = compare({
    name: 'entry',
    ours: (x) => validateCatalogueEntry(x),
    peer: (x) => peerEntry(x),
    records: entries,
  })
  const whole = compare({
    name: 'catalogue',
    ours: (x) => validateCatalogue(x),
    peer: (x) => peerCatalogue(x),
    records: [catalogue],
  })
  const cold = coldImports(COLD_RUNS)
  const coldMs = median(cold)
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  console.log(
    `${ENTRIES.toLocaleString('en')} valid entries; ${ROUNDS} interleaved rounds of ${ROUND_MS} ms per contender; medians (ratio: median of per-round ratios, min–max)\n`
  )
  console.log('| measure | ours | ajv at run time, same keywords | ratio | target |')
  console.log('|---|---:|---:|---:|---|')
  console.log(
    `| validateCatalogueEntry, entries/s | ${fmt(entry.ours)} | ${fmt(entry.peer)} | ${entry.ratio.toFixed(2)} (${entry.low.toFixed(2)}–${entry.high.toFixed(2)}) | >= 0.83: ${entry.ratio >= 0.83 ? 'met' : 'NOT met'} |`
  )
  console.log(
    `| validateCatalogue (${ENTRIES} entries), catalogues/s | ${whole.ours.toFixed(1)} | ${whole.peer.toFixed(1)} | ${whole.ratio.toFixed(2)} (${whole.low.toFixed(2)}–${whole.high.toFixed(2)}) | |`
  )
  console.log(
    `\ncold import of the built @gongkai/schema: median ${coldMs.toFixed(2)} ms of ${COLD_RUNS} fresh processes (min ${Math.min(...cold).toFixed(2)}, max ${Math.max(...cold).toFixed(2)}); target < 10 ms: ${coldMs < 10 ? 'met' : 'NOT met'}${smoke ? ' (smoke run)' : ''}`
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
