import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { bufferIo } from './io.js'
import { main } from './main.js'

// The built binary, exactly what `npm i -g @gongkai/cli` installs (turbo builds it before testing).
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

/** Runs the real command in a child process, as a user would. */
function gongkai(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Runs `main` in this process: for wrong calls, which need no child process to be checked. */
async function inProcess(args: string[], cwd?: string) {
  const io = bufferIo(cwd)
  return { code: await main(args, io), stdout: io.stdout, stderr: io.stderr }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'gongkai-cli-'))

const catalogue = {
  $schema: 'https://gongkai.dev/schemas/catalogue.schema.json',
  id: 'demo',
  title: '示例目录',
  kind: 'standard',
  field: 'compulsory_education',
  version: '1',
  entries: [
    {
      id: 'enrolment.enrolment_policy',
      seq: 1,
      item: { level1: '招生管理', level2: '招生政策' },
      contentElements: ['招生实施方案'],
      legalBasis: [],
      timeLimit: {
        type: 'after_event',
        text: '信息形成或者变更之日起20个工作日内',
        trigger: 'formed_or_changed',
        amount: 20,
        unit: 'working_day',
      },
      responsibleBodies: ['区教育局'],
      channels: [{ code: 'gov_website', required: true }],
      audience: { general: true, specificGroups: [] },
      modes: ['proactive'],
      source: { title: '示例', status: 'L', copies: [] },
    },
  ],
}

describe('gongkai (subprocess)', () => {
  it('prints help and exits 2 without a command, 0 with --help', () => {
    const none = gongkai([])
    expect(none.code).toBe(2)
    expect(none.stdout).toContain('Commands:')
    expect(gongkai(['--help']).code).toBe(0)
    const unknown = gongkai(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
  })

  it('init creates a workspace and refuses to overwrite it', () => {
    const dir = join(tmp(), 'ws')
    const r = gongkai([
      'init',
      dir,
      '--org-id',
      'changning',
      '--org-name',
      '长宁区人民政府',
      '--json',
    ])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).created).toContain('gongkai.config.json')
    // The demo workspace carries sample messages and consultations (samples/interaction/).
    expect(JSON.parse(r.stdout).interaction).toEqual({ messages: 4, consultations: 2 })
    const published = gongkai(
      ['message', 'list', '--status', 'all', '--as-of', '2025-12-31', '--json'],
      dir
    )
    expect(JSON.parse(published.stdout).total).toBe(4)
    const feedback = gongkai(['consultation', 'list', '--as-of', '2025-12-31', '--json'], dir)
    const done = JSON.parse(feedback.stdout).items.find(
      (c: { status: string }) => c.status === 'feedback_published'
    )
    expect(done.document.contentId).toMatch(/^https?:\/\//)
    expect(done.feedback).toMatchObject({ collected: 31, adopted: 19 })
    const config = JSON.parse(readFileSync(join(dir, 'gongkai.config.json'), 'utf8'))
    expect(config.organisation).toEqual({ id: 'changning', name: '长宁区人民政府' })
    const again = gongkai(['init', dir])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
    expect(gongkai(['init', dir, '--org-id', 'Not Valid']).code).toBe(2)
  })

  it('validate reports every error with file and pointer, exit 1', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'good.json'), JSON.stringify(catalogue))
    const bad = structuredClone(catalogue) as Record<string, unknown> & {
      entries: Record<string, unknown>[]
    }
    bad.field = 'no_such_field'
    const entry = bad.entries[0] as Record<string, unknown>
    entry.channels = [{ code: 'gov_website' }]
    delete entry.timeLimit
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad))
    writeFileSync(join(dir, 'broken.json'), '{\n  "id": "x",\n  oops\n}')
    const ok = gongkai(['validate', 'good.json'], dir)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('ok good.json (catalogue)')
    const r = gongkai(['validate', 'good.json', 'bad.json', 'broken.json'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('bad.json#/field')
    expect(r.stderr).toContain('bad.json#/entries/0/channels/0/required')
    expect(r.stderr).toContain('bad.json#/entries/0/timeLimit')
    expect(r.stderr).toMatch(/broken\.json:3:\d+: invalid JSON/)
    const json = JSON.parse(gongkai(['validate', 'bad.json', '--json'], dir).stdout)
    expect(json.ok).toBe(false)
    expect(json.files[0].errors.length).toBeGreaterThanOrEqual(3)
  })

  it('validate exits 2 for a missing file or a bad --type', async () => {
    const dir = tmp()
    expect((await inProcess(['validate', 'nope.json'], dir)).code).toBe(2)
    expect((await inProcess(['validate'], dir)).code).toBe(2)
    writeFileSync(join(dir, 'a.json'), '{}')
    expect((await inProcess(['validate', 'a.json', '--type', 'banana'], dir)).code).toBe(2)
  })

  it('due counts Chinese working days with 调休', () => {
    const r = gongkai(['due', '2021-04-14', '--working-days', '20'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe('2021-05-13')
    expect(gongkai(['due', '2021-01-22', '--calendar-days', '20']).stdout.trim()).toBe('2021-02-18')
    const q = gongkai([
      'due',
      '2021-01-01',
      '--recurring',
      'quarterly',
      '--to',
      '2021-12-31',
      '--json',
    ])
    expect(JSON.parse(q.stdout).dates).toHaveLength(4)
  })

  it('due flags dates past the official schedule as provisional and uses workspace holidays', () => {
    const r = gongkai(['due', '2026-12-20', '--working-days', '20', '--json'])
    const out = JSON.parse(r.stdout)
    expect(out.provisional).toBe(true)
    expect(out.reason).toContain('2027')
    const dir = join(tmp(), 'ws')
    expect(gongkai(['init', dir]).code).toBe(0)
    mkdirSync(join(dir, 'holidays'), { recursive: true })
    writeFileSync(
      join(dir, 'holidays', '2027.json'),
      JSON.stringify({
        year: 2027,
        papers: [],
        days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }],
      })
    )
    const withData = JSON.parse(
      gongkai(['due', '2026-12-30', '--working-days', '2', '--workspace', dir, '--json']).stdout
    )
    // 12-31 (Thu) counts; 2027-01-01 is off; 01-02/03 weekend; so the 2nd working day is 01-04.
    expect(withData.date).toBe('2027-01-04')
    expect(withData.provisional).toBe(false)
    writeFileSync(join(dir, 'holidays', 'bad.json'), JSON.stringify({ year: 'x' }))
    const broken = gongkai(['due', '2026-12-30', '--working-days', '2', '--workspace', dir])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('bad.json')
  })

  it('due refuses wrong calls with exit 2', async () => {
    for (const args of [
      ['due', '2021-02-30', '--working-days', '3'],
      ['due', '2021-02-01'],
      ['due', '2021-02-01', '--working-days', '-3'],
      ['due', '2021-02-01', '--recurring', 'fortnightly'],
      ['due', '2021-02-01', '--working-days', '3', '--bogus'],
      ['due', '2021-02-01', '2021-02-02', '--working-days', '3'],
    ])
      expect((await inProcess(args)).code, args.join(' ')).toBe(2)
  })
})

describe('gongkai catalogue', () => {
  it('lists the bundled catalogues, including all 26 grassroots fields', () => {
    const r = gongkai(['catalogue', 'list', '--json'])
    expect(r.code).toBe(0)
    const rows = JSON.parse(r.stdout) as { id: string; kind: string; entries: number }[]
    expect(rows.filter((x) => x.kind === 'standard').length).toBeGreaterThanOrEqual(26)
    // The national table holds the rows found in official copies; the Changning layer adds the
    // earlier rows no official copy supports.
    expect(rows.find((x) => x.id === 'compulsory_education')?.entries).toBe(15)
    expect(rows.find((x) => x.id === 'compulsory_education.changning-2021')?.entries).toBe(37)
  })

  it('shows an entry with Chinese channel labels and ■/□', () => {
    const r = gongkai([
      'catalogue',
      'show',
      'compulsory_education',
      '--entry',
      'enrolment.enrolment_policy',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('招生管理 / 招生政策')
    expect(r.stdout).toContain('■政府网站')
    expect(gongkai(['catalogue', 'show', 'no_such_catalogue']).code).toBe(2)
  })

  it('exports the official table and imports it back to the same catalogue', () => {
    const dir = tmp()
    expect(
      gongkai(['catalogue', 'export', 'health', '--format', 'html', '--out', 'h.html'], dir).code
    ).toBe(0)
    expect(readFileSync(join(dir, 'h.html'), 'utf8')).toContain('公开渠道和载体')
    expect(gongkai(['catalogue', 'import', 'h.html', '--out', 'h.json'], dir).code).toBe(0)
    const d = JSON.parse(gongkai(['catalogue', 'diff', 'health', 'h.json', '--json'], dir).stdout)
    expect([d.added.length, d.removed.length, d.changed.length]).toEqual([0, 0, 0])
  })

  it('instantiates the 居务公开 template into the workspace, placeholders filled', () => {
    const dir = join(tmp(), 'ws')
    expect(gongkai(['init', dir]).code).toBe(0)
    const r = gongkai([
      'catalogue',
      'instantiate',
      'residents_committee',
      '--name',
      '新华居委会',
      '--value',
      '街道名称=新华路街道',
      '--id',
      'rc-xinhua',
      '--workspace',
      dir,
    ])
    expect(r.code).toBe(0)
    const text = readFileSync(join(dir, 'catalogues', 'rc-xinhua.json'), 'utf8')
    expect(text).toContain('新华居委会')
    expect(text).not.toMatch(/\{居委会名称\}|\{街道名称\}/)
    const listed = JSON.parse(gongkai(['catalogue', 'list', '--workspace', dir, '--json']).stdout)
    expect(listed.some((c: { id: string }) => c.id === 'rc-xinhua')).toBe(true)
    // A placeholder left unfilled is refused.
    const missing = gongkai([
      'catalogue',
      'instantiate',
      'residents_committee',
      '--name',
      '某居委会',
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('街道名称')
  })
})

describe('gongkai init with samples', () => {
  it('copies the sample files and seeds the store with linked content', () => {
    const dir = join(tmp(), 'demo')
    const r = gongkai(['init', dir, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.seeded.contentItems).toBeGreaterThan(100)
    expect(out.seeded.bindings).toBeGreaterThan(100)
    expect(
      readFileSync(join(dir, 'datasets', 'compulsory-schools', 'descriptor.json'), 'utf8')
    ).toContain('义务教育学校名录')
    const bindings = JSON.parse(readFileSync(join(dir, 'bindings.json'), 'utf8'))
    expect(bindings.rules.length).toBeGreaterThan(0)
    // The sample rules name the national tables; they bind to the layer the workspace works on.
    expect(bindings.catalogues).toContain('compulsory_education')
    const covered = (ws: string) => {
      const report = JSON.parse(
        gongkai(['report', '--workspace', ws, '--as-of', '2021-12-31']).stdout
      )
      return Object.fromEntries(
        (report.catalogues as { id: string; entries: { covered: boolean }[] }[]).map((c) => [
          c.id,
          c.entries.filter((e) => e.covered).length,
        ])
      )
    }
    const top = covered(dir)
    expect(top['compulsory_education.changning-2021']).toBeGreaterThan(0)
    expect(top.compulsory_education).toBeUndefined()
    const national = join(tmp(), 'national')
    expect(gongkai(['init', national, '--layer', 'national']).code).toBe(0)
    const n = covered(national)
    expect(n.compulsory_education).toBeGreaterThan(0)
    expect(n['compulsory_education.changning-2021']).toBeUndefined()
  })
})

describe('gongkai init on impossible folders', () => {
  it('fails with a clear error instead of hanging', () => {
    const file = join(tmp(), 'a-file')
    writeFileSync(file, 'x')
    const below = gongkai(['init', join(file, 'ws')])
    expect(below.code).toBe(1)
    expect(below.stderr).toContain('is not a folder')
    const proc = gongkai(['init', '/proc/gongkai-test-ws'])
    expect(proc.code).toBe(1)
    expect(proc.stderr).toContain('cannot create the workspace folder')
  })
})
