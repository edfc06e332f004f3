// Parsing a ~23.5 MB CSV (10 columns of Chinese text, numbers and dates; ~5 % of cells quoted, some
// with doubled quotes, commas and line breaks inside; CRLF line ends) into arrays of strings: the
// @gongkai/text CSV parser against csv-parse, in interleaved rounds, both from one string and fed in
// 64 KB chunks as a file is read. Both must return the same cells, so they did the same work.
import { createHash } from 'node:crypto'
import { CsvParser, parseCsv } from '@gongkai/text'
import { parse as csvParseStream } from 'csv-parse'
import { parse as csvParseSync } from 'csv-parse/sync'
import { size } from './smoke.js'
import { loadAverage, median } from './stats.js'

const TARGET_BYTES = size(23.5e6, 0.5e6, 'BENCH_CSV_PARSE_BYTES')
const ROUNDS = size(5, 2)
const CHUNK = 64 * 1024

/** A deterministic CSV text of about `bytes` UTF-8 bytes. */
export function makeCsv(bytes: number): { text: string; rows: number } {
  let seed = 7
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T
  const streets = ['华阳路街道', '江苏路街道', '新华路街道', '周家桥街道', '天山路街道', '虹桥街道']
  const words = ['招生', '范围', '公共', '服务', '社区', '卫生', '养老', '教育', '文化', '交通']
  const kinds = ['行政许可', '行政处罚', '公共服务', '财政资金']
  // RFC 4180: quote a field with a comma, quote or line break; double the quotes inside.
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  const quoted = () => rand() < 0.05
  const lines = ['id,名称,街道,位置,金额,数量,日期,更新时间,类别,备注']
  let size = Buffer.byteLength(lines[0] as string) + 2
  let rows = 0
  while (size < bytes) {
    rows++
    const name = `${pick(words)}${pick(words)}项目${rows}`
    const cells = [
      String(rows),
      quoted() ? `${name},分项` : name,
      pick(streets),
      `长宁区${pick(streets)}${Math.floor(rand() * 999)}号${quoted() ? '，1单元,2室' : ''}`,
      (Math.round(rand() * 1e7) / 100).toFixed(2),
      String(Math.floor(rand() * 5000)),
      `2024-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      `2024-06-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T08:30:00Z`,
      quoted() ? `${pick(kinds)}, 其他` : pick(kinds),
      quoted() ? `备注"${pick(words)}"\r\n第二行` : `${pick(words)}说明`,
    ]
    const line = cells.map(field).join(',')
    size += Buffer.byteLength(line) + 2
    lines.push(line)
  }
  return { text: `${lines.join('\r\n')}\r\n`, rows }
}

/** Record count and a hash of every cell, to check both parsers returned the same table. */
function digest(records: string[][]): { records: number; hash: string } {
  const h = createHash('sha256')
  for (const r of records) h.update(`${r.join('\u0001')}\u0002`)
  return { records: records.length, hash: h.digest('hex').slice(0, 16) }
}

const chunks = (text: string): string[] => {
  const out: string[] = []
  for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK))
  return out
}

const contenders: Record<string, (text: string, parts: string[]) => Promise<string[][]>> = {
  'ours, whole string (parseCsv)': async (text) => parseCsv(text),
  'csv-parse, whole string (csv-parse/sync)': async (text) => csvParseSync(text) as string[][],
  'ours, 64 KB chunks (CsvParser.push)': async (_text, parts) => {
    const p = new CsvParser(',')
    const out: string[][] = []
    for (const part of parts) for (const r of p.push(part)) out.push(r)
    for (const r of p.end()) out.push(r)
    return out
  },
  'csv-parse, 64 KB chunks (stream API)': (_text, parts) =>
    new Promise((resolve, reject) => {
      const out: string[][] = []
      const parser = csvParseStream()
      parser.on('readable', () => {
        for (let r = parser.read(); r !== null; r = parser.read()) out.push(r as string[])
      })
      parser.on('error', reject)
      parser.on('end', () => resolve(out))
      for (const part of parts) parser.write(part)
      parser.end()
    }),
}

/** Runs the benchmark and prints a table. */
export async function run(): Promise<void> {
  const { text, rows } = makeCsv(TARGET_BYTES)
  const parts = chunks(text)
  const mb = Buffer.byteLength(text) / 1e6
  const names = Object.keys(contenders)
  const times = new Map<string, number[]>(names.map((n) => [n, []]))
  const digests = new Map<string, string>()
  console.log(`load average before: ${await loadAverage()}`)
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order, so neither side always runs after the other's garbage.
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const name of order) {
      const parse = contenders[name] as (typeof contenders)[string]
      const t0 = performance.now()
      const records = await parse(text, parts)
      times.get(name)?.push(performance.now() - t0)
      if (round === 0) {
        const d = digest(records)
        digests.set(name, `${d.records} records, ${d.hash}`)
      }
    }
  }
  console.log(`load average after: ${await loadAverage()}\n`)
  const same = new Set(digests.values()).size === 1
  console.log(
    `${mb.toFixed(1)} MB, ${rows.toLocaleString('en')} rows x 10 columns; ${ROUNDS} interleaved rounds; median times; outputs ${same ? 'identical' : 'DIFFER'} (${[...digests.values()][0]})\n`
  )
  console.log('| contender | median ms | MB/s |')
  console.log('|---|---:|---:|')
  for (const name of names) {
    const ms = median(times.get(name) as number[])
    console.log(`| ${name} | ${ms.toFixed(0)} | ${(mb / (ms / 1000)).toFixed(1)} |`)
  }
  const ratio = (ours: string, peer: string) => {
    const o = times.get(ours) as number[]
    const p = times.get(peer) as number[]
    return median(o.map((t, i) => (p[i] as number) / t))
  }
  const whole = ratio(names[0] as string, names[1] as string)
  const streamed = ratio(names[2] as string, names[3] as string)
  console.log(
    `\nours / csv-parse (median of per-round ratios): whole string ${whole.toFixed(1)}x, 64 KB chunks ${streamed.toFixed(1)}x; target >= 5x: ${whole >= 5 && streamed >= 5 ? 'met' : 'NOT met'}`
  )
  if (!same) throw new Error(`the parsers disagree: ${JSON.stringify([...digests])}`)
}
