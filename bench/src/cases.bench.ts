// @gongkai/cases (issue 17), self-contained:
// - the annual report over 100,000 requests read from the store (target < 2 s), and the pure
//   computation over the same cases in memory;
// - the officers' list of 10,000 open cases (target p99 < 200 ms): a page of 50 in due-date order
//   (the first, and one 5,000 rows in), read through the stored order key with only the page's
//   clocks computed; and, for reference, all 10,000 with their clocks in one answer;
// - 100,000 reply clocks (random starts 2021–2022, pauses, extensions) against a naive day-by-day
//   count on the same calendar (ratio printed; both must agree).
// The store is built once through the public CSV import and cached in bench/.data/cases (gitignored).
// Sizes: CASES_BENCH_REQUESTS (100000), CASES_BENCH_OPEN (10000), CASES_BENCH_CLOCKS (100000);
// `--smoke` runs 2,000 / 200 / 2,000.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultCalendar } from '@gongkai/calendar'
import {
  type ClockPause,
  checkAnnualReport,
  computeAnnualReport,
  createClockEngine,
  OUTCOME_CODES,
  openCases,
} from '@gongkai/cases'
import { openSqliteStore } from '@gongkai/store'
import { size } from './smoke.js'

const here = dirname(fileURLToPath(import.meta.url))
const REQUESTS = size(100_000, 2_000, 'CASES_BENCH_REQUESTS')
const OPEN = size(10_000, 200, 'CASES_BENCH_OPEN')
const CLOCKS = size(100_000, 2_000, 'CASES_BENCH_CLOCKS')
const dataDir = join(here, '..', '.data', 'cases')
const ORGAN = 'bench-gov'
const TYPES = [
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other',
]
const CHANNELS = ['in_person', 'letter', 'registered_mail', 'online', 'fax']
// other.fee_unpaid needs fee events, which the import does not carry.
const CODES = OUTCOME_CODES.filter((c) => c !== 'other.fee_unpaid')

// A small deterministic generator, so every run measures the same data.
let seed = 20211231
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
const plusDays = (date: string, n: number): string => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

const HEADER =
  'organ,channel,applicant_type,applicant_id,received,correction_requested,correction_received,extended,extension_days,extension_approver,replied,outcome,withdrawn'

// Closed requests are received Jan–Oct 2021 and answered within 40 days; open ones arrive in
// Nov–Dec 2021 and are still open on 31 Dec (some corrected or extended).
function csvRow(open: boolean): string {
  const received = open
    ? plusDays('2021-11-01', Math.floor(rand() * 55))
    : plusDays('2021-01-04', Math.floor(rand() * 300))
  const cells: Record<string, string> = {
    organ: ORGAN,
    channel: pick(CHANNELS),
    applicant_type: pick(TYPES),
    applicant_id: `app-${Math.floor(rand() * 20_000)}`,
    received,
  }
  const code = open ? undefined : rand() < 0.05 ? 'withdrawn' : pick(CODES)
  if (
    code === 'other.correction_overdue' ||
    code === 'unable.unclear_after_correction' ||
    rand() < 0.1
  ) {
    cells.correction_requested = plusDays(received, 1)
    if (code !== 'other.correction_overdue') cells.correction_received = plusDays(received, 3)
  }
  if (rand() < 0.1 && code !== 'other.correction_overdue') {
    cells.extended = plusDays(received, 4)
    cells.extension_days = String(1 + Math.floor(rand() * 20))
    cells.extension_approver = '办公室主任'
  }
  if (code === 'withdrawn') cells.withdrawn = plusDays(received, 5 + Math.floor(rand() * 35))
  else if (code) {
    cells.replied = plusDays(received, 5 + Math.floor(rand() * 35))
    cells.outcome = code
  }
  return HEADER.split(',')
    .map((c) => cells[c] ?? '')
    .join(',')
}

async function ensureStore(): Promise<string> {
  const path = join(dataDir, `store-${REQUESTS}-${OPEN}.db`)
  const marker = `${path}.ready`
  if (existsSync(marker)) return path
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const store = openSqliteStore(path)
  const cases = await openCases(store, { today: () => '2022-12-31' })
  const t = performance.now()
  // Imported in chunks of 10,000 rows so one file stays small; each chunk is one transaction.
  for (let done = 0; done < REQUESTS; ) {
    const n = Math.min(10_000, REQUESTS - done)
    const lines = [HEADER]
    for (let i = 0; i < n; i++) lines.push(csvRow(done + i >= REQUESTS - OPEN))
    const r = await cases.importCsv(lines.join('\n'), { source: 'bench' })
    if (!r.ok) throw new Error(`bench import failed: ${JSON.stringify(r.errors.slice(0, 3))}`)
    done += n
  }
  console.log(
    `imported ${REQUESTS} requests in ${((performance.now() - t) / 1000).toFixed(1)} s (${Math.round(REQUESTS / ((performance.now() - t) / 1000))}/s; cached in bench/.data/cases)`
  )
  await store.close()
  writeFileSync(marker, new Date().toISOString())
  return path
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] as number

async function reportAndList(rows: string[][]): Promise<void> {
  const store = openSqliteStore(await ensureStore())
  const cases = await openCases(store)
  const organ = { id: ORGAN, name: '基准区人民政府', kind: 'government' as const }

  const reportMs: number[] = []
  let total = 0
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const r = await cases.annualReport({ year: 2021, organ })
    reportMs.push(performance.now() - t)
    if (!checkAnnualReport(r).ok) throw new Error('bench report fails its own check')
    total = r.table3.new.total
  }
  const loaded = await cases.loadCases({ organs: [ORGAN], upTo: '2021-12-31' })
  const pureMs: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    computeAnnualReport({ year: 2021, organ, cases: loaded })
    pureMs.push(performance.now() - t)
  }

  const runs = Number(process.env.CASES_BENCH_LIST_RUNS ?? 30)
  let listed = 0
  const timeList = async (page: { limit?: number; offset?: number }) => {
    const ms: number[] = []
    for (let i = 0; i < runs + 2; i++) {
      const t = performance.now()
      const l = await cases.list({ organ: ORGAN, asOf: '2021-12-31', ...page })
      // The first two runs warm the statement cache and the JIT.
      if (i >= 2) ms.push(performance.now() - t)
      listed = l.total
    }
    return `${(ms.reduce((s, x) => s + x, 0) / ms.length).toFixed(0)} / ${quantile(ms, 0.99).toFixed(0)}`
  }
  const PAGE = 50
  const deep = Math.min(5000, Math.floor(OPEN / 2))
  const first = await timeList({ limit: PAGE })
  const later = await timeList({ limit: PAGE, offset: deep })
  const whole = await timeList({})
  await store.close()
  rows.push([
    `annual report from the store, ${total.toLocaleString('en')} requests (median of 3)`,
    median(reportMs).toFixed(0),
    '< 2000',
  ])
  rows.push([
    `  of which the computation over loaded cases (median of 3)`,
    median(pureMs).toFixed(0),
    '',
  ])
  const of = `${listed.toLocaleString('en')} open cases`
  rows.push([
    `officers' list of ${of}: first page of ${PAGE}, mean / p99 of ${runs}`,
    first,
    'p99 < 200',
  ])
  rows.push([`  the page ${deep.toLocaleString('en')} rows in, mean / p99`, later, 'p99 < 200'])
  rows.push([`  reference: all ${of} with clocks in one answer, mean / p99`, whole, ''])
}

function clocks(rows: string[][]): void {
  const calendar = defaultCalendar()
  const specs: { start: string; workingDays: number; pauses: ClockPause[] }[] = []
  for (let i = 0; i < CLOCKS; i++) {
    const start = plusDays('2021-01-01', Math.floor(rand() * 700))
    const pauses: ClockPause[] = []
    if (rand() < 0.3) {
      const s = plusDays(start, Math.floor(rand() * 20))
      pauses.push({ start: s, end: plusDays(s, Math.floor(rand() * 30)) })
    }
    specs.push({ start, workingDays: 20 + (rand() < 0.1 ? 20 : 0), pauses })
  }
  const engine = createClockEngine()
  engine.due(specs[0] as (typeof specs)[number]) // builds the working-day index once
  const t0 = performance.now()
  const fast = specs.map((s) => engine.due(s).dueDate)
  const fastMs = performance.now() - t0

  // The obvious way: walk day by day, asking the calendar about each day.
  const t1 = performance.now()
  const naive = specs.map(({ start, workingDays, pauses }) => {
    let day = start
    let counted = 0
    while (counted < workingDays) {
      day = plusDays(day, 1)
      const paused = pauses.some((p) => day > p.start && day <= (p.end as string))
      if (!paused && calendar.isWorkingDay(day)) counted++
    }
    return day
  })
  const naiveMs = performance.now() - t1
  const differ = fast.filter((d, i) => d !== naive[i]).length
  if (differ) throw new Error(`${differ} clocks differ from the naive count`)
  rows.push([
    `${CLOCKS.toLocaleString('en')} reply clocks (engine / naive day-by-day: ${naiveMs.toFixed(0)} ms)`,
    fastMs.toFixed(0),
    `${(naiveMs / fastMs).toFixed(1)}× faster`,
  ])
}

/** Runs the benchmark and prints a small table. */
export async function run() {
  const rows: string[][] = []
  await reportAndList(rows)
  clocks(rows)
  console.log('| measure | ms | target / ratio |')
  console.log('|---|---:|---|')
  for (const r of rows) console.log(`| ${r.join(' | ')} |`)
}
