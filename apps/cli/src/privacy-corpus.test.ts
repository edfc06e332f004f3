import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ScanAnswer } from './commands/privacy.js'
import { bufferIo } from './io.js'
import { main } from './main.js'

// The labelled corpus (test-corpus/privacy/): every case goes through `gongkai privacy scan`,
// in this process (main, exactly as the binary runs it) and, for one case, through the binary.
// Recall is counted per personal value (a value case, or a column a personal table must refuse);
// false refusals per institutional column (a value case, or a column that must pass).
const root = fileURLToPath(new URL('../../../test-corpus/privacy/', import.meta.url))
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

interface Case {
  class: string
  input: { value?: string; table?: { title?: string; columns: string[]; rows: unknown[][] } }
  expect: { refuse: boolean; rules?: string[]; columns?: string[] }
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f)
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.json') ? [p] : []
    })
}

async function scan(file: string): Promise<ScanAnswer> {
  const io = bufferIo(root)
  const code = await main(['privacy', 'scan', file, '--json'], io)
  const answer = JSON.parse(io.stdout) as ScanAnswer
  expect(code).toBe(answer.ok ? 0 : 1)
  return answer
}

interface Figures {
  personal: number
  caught: number
  institutional: number
  refused: number
  cases: number
  exact: number
  misses: string[]
}

async function measure(half: string): Promise<Figures> {
  const fig: Figures = {
    personal: 0,
    caught: 0,
    institutional: 0,
    refused: 0,
    cases: 0,
    exact: 0,
    misses: [],
  }
  for (const file of files(join(root, half))) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Case
    const answer = await scan(file)
    const blocking = answer.findings.filter((f) => !f.allowed)
    const rules = new Set(blocking.map((f) => f.rule))
    const name = relative(root, file)
    fig.cases++
    const exact =
      blocking.length > 0 === c.expect.refuse &&
      (c.expect.rules ?? []).every((r) => rules.has(r as never))
    if (exact) fig.exact++
    if (c.input.value !== undefined) {
      if (c.expect.refuse) {
        fig.personal++
        if (exact) fig.caught++
        else fig.misses.push(`missed ${name}`)
      } else {
        fig.institutional++
        if (blocking.length > 0) {
          fig.refused++
          fig.misses.push(`refused ${name}: ${[...rules].join(',')}`)
        }
      }
      continue
    }
    const columns = c.input.table?.columns ?? []
    const flagged = new Set(blocking.map((f) => f.column))
    const personalColumns = new Set(c.expect.columns ?? [])
    for (const col of columns) {
      if (personalColumns.has(col)) {
        fig.personal++
        if (flagged.has(col)) fig.caught++
        else fig.misses.push(`missed ${name} column ${col}`)
      } else {
        fig.institutional++
        if (flagged.has(col)) {
          fig.refused++
          fig.misses.push(`refused ${name} column ${col}`)
        }
      }
    }
    if (c.expect.refuse && !exact) fig.misses.push(`rules ${name}: got ${[...rules].join(',')}`)
  }
  return fig
}

const pct = (a: number, b: number) => (b === 0 ? 1 : a / b)

describe('the privacy corpus through gongkai privacy scan', () => {
  it('has the size the issue asks for', () => {
    const all = [...files(join(root, 'tuning')), ...files(join(root, 'held-out'))].map(
      (f) => JSON.parse(readFileSync(f, 'utf8')) as Case
    )
    expect(all.filter((c) => c.input.value !== undefined).length).toBeGreaterThanOrEqual(150)
    expect(all.filter((c) => c.input.table).length).toBeGreaterThanOrEqual(40)
    const perClass = new Map<string, number>()
    for (const c of all) perClass.set(c.class, (perClass.get(c.class) ?? 0) + 1)
    for (const [cls, n] of perClass) expect(n, cls).toBeGreaterThanOrEqual(5)
  })

  it('catches personal data (recall ≥ 0.98) and lets institutional data through (false refusals ≤ 0.05), both halves', async () => {
    const halves: Record<string, Figures> = {}
    for (const half of ['tuning', 'held-out']) halves[half] = await measure(half)
    const total = Object.values(halves).reduce((a, b) => ({
      personal: a.personal + b.personal,
      caught: a.caught + b.caught,
      institutional: a.institutional + b.institutional,
      refused: a.refused + b.refused,
      cases: a.cases + b.cases,
      exact: a.exact + b.exact,
      misses: [...a.misses, ...b.misses],
    }))
    for (const [half, f] of [...Object.entries(halves), ['all', total] as const]) {
      console.log(
        `privacy corpus ${half}: recall ${pct(f.caught, f.personal).toFixed(3)} (${f.caught}/${f.personal} personal values), false refusals ${pct(f.refused, f.institutional).toFixed(3)} (${f.refused}/${f.institutional} institutional columns), cases exactly right ${f.exact}/${f.cases}`
      )
      for (const m of f.misses) console.log(`  ${m}`)
    }
    expect(pct(total.caught, total.personal)).toBeGreaterThanOrEqual(0.98)
    expect(pct(total.refused, total.institutional)).toBeLessThanOrEqual(0.05)
  })

  it('reads a case from standard input through the binary, exit 1 when it refuses', () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli"`)
    const run = (text: string) =>
      spawnSync(process.execPath, [bin, 'privacy', 'scan', '-', '--json'], {
        input: text,
        encoding: 'utf8',
      })
    const refused = run(JSON.stringify({ value: '手机 138-1234-5678' }))
    expect(refused.status).toBe(1)
    expect(JSON.parse(refused.stdout)).toEqual({
      ok: false,
      findings: [{ pointer: '', rule: 'mobile', value: '138-****-5678', override: null }],
    })
    const passed = run('学校名称,电话\n上海市愚园路第一小学,021-62521234\n')
    expect(passed.status).toBe(0)
    expect(JSON.parse(passed.stdout)).toEqual({ ok: true, findings: [] })
  })
})
