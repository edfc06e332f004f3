import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

// `gongkai request …` and `gongkai annual-report` through the built binary, in child processes.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

let ws = ''
function gongkai(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: ws, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const json = (...args: string[]) => {
  const r = gongkai(...args, '--json')
  return { ...r, body: JSON.parse(r.stdout) }
}

const ORGANS = [
  { id: 'district-gov', name: '示例区人民政府', kind: 'government', org: 'demo' },
  {
    id: 'district-edu',
    name: '示例区教育局',
    kind: 'department',
    parent: 'district-gov',
    org: 'demo',
  },
]

function add(organ: string, type: string, applicant: string, received: string, channel = 'online') {
  const r = json(
    'request',
    'add',
    '--org',
    organ,
    '--channel',
    channel,
    '--applicant-type',
    type,
    '--applicant-id',
    applicant,
    '--applicant-name',
    '张三',
    '--contact',
    '13800000000',
    '--subject',
    '2020年低保资金发放情况',
    '--received',
    received
  )
  expect(r.code, r.stderr).toBe(0)
  return r.body.id as string
}

describe('gongkai request (subprocess)', () => {
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'gongkai-requests-'))
    writeFileSync(
      join(ws, 'gongkai.config.json'),
      JSON.stringify({ organisation: { id: 'demo', name: '示例区人民政府' }, organs: ORGANS })
    )
  })

  it('adds a request and reads its clock across 国庆, then with a 20-day extension', () => {
    const id = add('district-gov', 'natural_person', 'a-1', '2021-09-24')
    expect(id).toMatch(/^ysq-2021-/)
    // 20 working days after Fri 24 Sep 2021: 国庆 1–7 Oct off, Sun 26 Sep and Sat 9 Oct are 调休
    // working days: 26–30 Sep (5), 8–9 Oct (7), 11–15 (12), 18–22 (17), 25–27 (20).
    let shown = json('request', 'show', id, '--as-of', '2021-09-30')
    expect(shown.code).toBe(0)
    expect(shown.body.clock).toMatchObject({ dueDate: '2021-10-27', paused: false, overdue: false })
    expect(shown.body.applicant).toMatchObject({ id: 'a-1', name: '张三' })
    const ext = json(
      'request',
      'event',
      id,
      'extended',
      '--date',
      '2021-10-20',
      '--approver',
      '王主任'
    )
    expect(ext.code, ext.stderr).toBe(0)
    expect(ext.body.event).toMatchObject({ type: 'extended', workingDays: 20 })
    shown = json('request', 'show', id, '--as-of', '2021-10-25')
    // 20 more: 28–29 Oct (2), 1–5 Nov (7), 8–12 (12), 15–19 (17), 22–24 (20).
    expect(shown.body.clock.dueDate).toBe('2021-11-24')
    expect(shown.body.events.map((e: { type: string }) => e.type)).toEqual(['received', 'extended'])
  })

  it('refuses an impossible history with exit 1 and the offending event; malformed flags with 2', () => {
    const id = add('district-edu', 'commercial', 'c-1', '2021-03-01')
    const early = json(
      'request',
      'event',
      id,
      'replied',
      '--date',
      '2021-02-20',
      '--outcome',
      'granted'
    )
    expect(early.code).toBe(1)
    expect(early.body.error.code).toBe('impossible_history')
    expect(early.body.error.details.event).toMatchObject({ type: 'replied', date: '2021-02-20' })
    expect(early.stderr).toMatch(/impossible_history/)
    const unknown = gongkai(
      'request',
      'event',
      id,
      'replied',
      '--date',
      '2021-03-10',
      '--outcome',
      'maybe'
    )
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/unknown_outcome/)
    expect(
      json('request', 'event', id, 'extended', '--date', '2021-03-05', '--approver', '甲').code
    ).toBe(0)
    const second = json(
      'request',
      'event',
      id,
      'extended',
      '--date',
      '2021-03-08',
      '--approver',
      '乙'
    )
    expect(second.body.error).toMatchObject({
      code: 'impossible_history',
      details: { rule: 'second_extension' },
    })
    // Nothing was stored by the refused events.
    expect(json('request', 'show', id, '--as-of', '2021-03-09').body.events).toHaveLength(2)
    const channel = gongkai(
      'request',
      'add',
      '--org',
      'district-gov',
      '--channel',
      'pigeon',
      '--applicant-type',
      'other',
      '--applicant-id',
      'x',
      '--received',
      '2021-03-01'
    )
    expect(channel.code).toBe(2)
    expect(channel.stderr).toMatch(/channel/)
    const organ = gongkai(
      'request',
      'add',
      '--org',
      'nowhere',
      '--channel',
      'online',
      '--applicant-type',
      'other',
      '--applicant-id',
      'x',
      '--received',
      '2021-03-01'
    )
    expect(organ.code).toBe(2)
    expect(organ.stderr).toMatch(/organ/)
    expect(gongkai('request', 'add', '--as-of', '2021-01-01').code).toBe(2)
    expect(gongkai('request', 'show', 'ysq-none', '--json').code).toBe(1)
  })

  it('lists open requests by due date, per organ, as { items, total }', () => {
    const r = json('request', 'list', '--org', 'district-gov', '--as-of', '2021-10-25')
    expect(r.code).toBe(0)
    expect(r.body.total).toBe(r.body.items.length)
    expect(r.body.items.every((i: { organ: string }) => i.organ === 'district-gov')).toBe(true)
    const dues = r.body.items.map((i: { clock: { dueDate: string } }) => i.clock.dueDate)
    expect(dues).toEqual([...dues].sort())
    expect(gongkai('request', 'list', '--status', 'sideways').code).toBe(2)
  })

  it('computes fees: the 11th request of a month costs 100 yuan, 150 pages 1,700 yuan', () => {
    let last = ''
    for (let i = 1; i <= 11; i++)
      last = add(
        'district-gov',
        'natural_person',
        'fee-1',
        `2021-05-${String(i + 9).padStart(2, '0')}`
      )
    const perRequest = json('request', 'fee', last, '--mode', 'per_request')
    expect(perRequest.code).toBe(0)
    expect(perRequest.body).toMatchObject({ mode: 'per_request', totalYuan: 100 })
    const perVolume = json('request', 'fee', last, '--mode', 'per_volume', '--pages', '150')
    // 1–30 free, 31–100 at 10, 101–150 at 20 (国办函〔2020〕109号).
    expect(perVolume.body.totalYuan).toBe(70 * 10 + 50 * 20)
    expect(gongkai('request', 'fee', last, '--mode', 'per_volume', '--pages', 'many').code).toBe(2)
  })

  it('imports carried-over requests all or nothing, naming the row and column of a bad one', () => {
    const header = 'id,organ,channel,applicant_type,applicant_id,received,replied,outcome'
    writeFileSync(
      join(ws, 'bad.csv'),
      `${header}\nold-1,district-edu,online,natural_person,p1,2020-12-01,2021-01-05,granted\nold-2,district-edu,online,natural_person,p2,2020-12-02,2020-11-30,granted\n`
    )
    const bad = gongkai('request', 'import', 'bad.csv')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/bad\.csv:3: /)
    expect(gongkai('request', 'show', 'old-1').code).toBe(1)
    writeFileSync(
      join(ws, 'good.csv'),
      `${header}\nold-1,district-edu,online,natural_person,p1,2020-12-01,2021-01-05,granted\nold-2,district-edu,letter,research,p2,2020-12-28,,\n`
    )
    const good = json('request', 'import', 'good.csv')
    expect(good.code, good.stderr).toBe(0)
    expect(good.body).toMatchObject({ ok: true, imported: 2 })
  })
})

describe('gongkai annual-report (subprocess)', () => {
  it('reports the year from the stored requests, checked, in json, csv and html', () => {
    const r = json('annual-report', '2021', '--org', 'district-edu')
    expect(r.code, r.stderr).toBe(0)
    // district-edu: received in 2021 one commercial request (open), carried in two from 2020, one
    // replied in 2021 (granted) and the research one still open at the end of the year.
    expect(r.body.table3.new.commercial).toBe(1)
    expect(r.body.table3.carried_in.total).toBe(2)
    expect(r.body.table3.granted.natural_person).toBe(1)
    expect(r.body.table3.carried_out.total).toBe(2)
    expect(r.body.dueDate).toBe('2022-01-31')
    const csv = gongkai('annual-report', '2021', '--org', 'district-edu', '--format', 'csv')
    expect(csv.stdout.split('\r\n')).toContain('table3,granted,natural_person,1')
    const out = gongkai(
      'annual-report',
      '2021',
      '--org',
      'district-gov',
      '--include',
      'district-edu',
      '--format',
      'html',
      '--out',
      'report.html'
    )
    expect(out.code, out.stderr).toBe(0)
    const html = readFileSync(join(ws, 'report.html'), 'utf8')
    expect(html).toContain('政府信息公开')
    expect(html).not.toContain('张三')
    expect(html).not.toContain('13800000000')
    expect(
      gongkai('annual-report', '2021', '--org', 'district-edu', '--include', 'district-gov').code
    ).toBe(2)
  })

  it('reads declared counts and prose from reports/<year>/, and locates a bad file', () => {
    const dir = join(ws, 'reports', '2021')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'district-edu.json'), JSON.stringify({ permits: 12, penalties: 3 }))
    writeFileSync(join(dir, 'district-edu.overview.md'), '本年度，我局认真贯彻落实《条例》。')
    const r = json('annual-report', '2021', '--org', 'district-edu')
    expect(r.body.table2.permit.decisions).toBe(12)
    expect(r.body.text.overview).toContain('认真贯彻')
    writeFileSync(join(dir, 'district-edu.json'), JSON.stringify({ permits: -1 }))
    const bad = gongkai('annual-report', '2021', '--org', 'district-edu')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('reports/2021/district-edu.json at /permits')
    writeFileSync(join(dir, 'district-edu.json'), '{}')
  })

  it('check: an edited cell fails with exit 1 naming it; the untouched report passes', () => {
    const report = json('annual-report', '2021', '--org', 'district-gov').body
    writeFileSync(join(ws, 'ok.json'), JSON.stringify(report))
    expect(gongkai('annual-report', 'check', 'ok.json').code).toBe(0)
    report.table3.total.natural_person += 1
    writeFileSync(join(ws, 'edited.json'), JSON.stringify(report))
    const r = gongkai('annual-report', 'check', 'edited.json')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('table3.total.natural_person')
  })
})
