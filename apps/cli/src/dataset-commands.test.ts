import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

function gongkai(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** An 18-digit resident ID with its GB 11643 check digit computed here. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0)
  return first17 + '10X98765432'[sum % 11]
}

const typed = {
  fields: [
    { name: '编号', type: 'integer', constraints: { required: true, unique: true } },
    { name: '名称', type: 'string' },
    { name: '金额', type: 'number', constraints: { minimum: 0 } },
    { name: '日期', type: 'date' },
  ],
}

let ws = ''
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-ds-'))
  expect(gongkai(['init', 'ws', '--no-samples'], dir).code).toBe(0)
  ws = join(dir, 'ws')
  // A messy but valid file: BOM, CRLF, a quoted field with a comma, a quote and a newline.
  writeFileSync(
    join(ws, 'good.csv'),
    '\uFEFF编号,名称,金额,日期\r\n1,"愚园路小学,""一部""\r\n分校",12.5,2024-01-02\r\n2,天山中学,0,2024-02-29\r\n3,仙霞小学,7,2024-03-01\r\n'
  )
  writeFileSync(join(ws, 'typed.json'), JSON.stringify(typed))
  writeFileSync(
    join(ws, 'bad.csv'),
    '编号,名称,金额,日期\n1,甲,10,2024-01-02\n2,乙,abc,2024-01-03\n3,丙,7,2024-13-01\n1,丁,8,2024-02-01\n5,戊,-1,2024-02-02\n'
  )
})

describe('gongkai dataset', () => {
  it('add publishes a messy file, inferring the schema from the whole file', () => {
    const r = gongkai(['dataset', 'add', 'good.csv', '--id', 'schools', '--title', '学校'], ws)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('published schools version 1: 3 rows')
    expect(r.stderr).toContain('no --schema: inferred column types (no masks) from all 3 row(s)')
    const shown = JSON.parse(gongkai(['dataset', 'show', 'schools', '--json'], ws).stdout)
    expect(shown.descriptor.publisher.id).toBe('demo-district')
    expect(shown.schema.fields.map((f: { type: string }) => f.type)).toEqual([
      'integer',
      'string',
      'number',
      'date',
    ])
    const again = gongkai(
      [
        'dataset',
        'add',
        'good.csv',
        '--id',
        'schools',
        '--title',
        '学校',
        '--schema',
        'typed.json',
        '--json',
      ],
      ws
    )
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, version: 2, rowCount: 3 })
  })

  it('infer prints a table schema JSON for the file', () => {
    const r = gongkai(['dataset', 'infer', 'good.csv'], ws)
    expect(r.code).toBe(0)
    const schema = JSON.parse(r.stdout)
    expect(schema.fields.map((f: { name: string }) => f.name)).toEqual([
      '编号',
      '名称',
      '金额',
      '日期',
    ])
    expect(schema.fields[3].type).toBe('date')
    expect(r.stderr).toContain('3 row(s) read')
    expect(gongkai(['dataset', 'infer', 'missing.csv'], ws).code).toBe(2)
  })

  it('add refuses a file with errors, listing row, column and rule; nothing is stored', () => {
    const r = gongkai(
      ['dataset', 'add', 'bad.csv', '--id', 'bad', '--title', '坏', '--schema', 'typed.json'],
      ws
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('row 3, column 金额 [type]')
    expect(r.stderr).toContain('row 4, column 日期 [type]')
    expect(r.stderr).toContain('row 5, column 编号 [unique]')
    expect(r.stderr).toContain('row 6, column 金额 [minimum]')
    const list = JSON.parse(gongkai(['dataset', 'list', '--json'], ws).stdout)
    expect(list.map((d: { id: string }) => d.id)).not.toContain('bad')
  })

  it('add --skip-bad-rows publishes the good rows and lists the skipped ones', () => {
    const r = gongkai(
      [
        'dataset',
        'add',
        'bad.csv',
        '--id',
        'bad',
        '--title',
        '坏',
        '--schema',
        'typed.json',
        '--skip-bad-rows',
      ],
      ws
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('published bad version 1: 1 row')
    expect(r.stdout).toContain('skipped 4 bad rows with 4 errors')
    expect(r.stdout).toContain('row 3: column 金额 [type]')
  })

  it('add --skip-bad-rows counts rows, not errors, and lists each row with all its errors', () => {
    // 5 data rows; rows 3, 4 and 6 break several rules each.
    writeFileSync(
      join(ws, 'worse.csv'),
      '编号,名称,金额,日期\n1,甲,10,2024-01-02\nx,乙,abc,2024-13-01\n1,丙,-5,bad\n4,丁,1,2024-01-04\nz,戊,-1,no\n'
    )
    const args = ['dataset', 'add', 'worse.csv', '--id', 'worse', '--title', '更坏']
    const r = gongkai([...args, '--schema', 'typed.json', '--skip-bad-rows'], ws)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('published worse version 1: 2 rows')
    expect(r.stdout).toContain('skipped 3 bad rows with 9 errors')
    expect(r.stdout).toMatch(
      /row 3: column 编号 \[type\].*; column 金额 \[type\].*; column 日期 \[type\]/
    )
    expect(r.stdout).toMatch(
      /row 4: column 金额 \[minimum\].*; column 日期 \[type\].*; column 编号 \[unique\]/
    )
    const json = JSON.parse(
      gongkai([...args, '--schema', 'typed.json', '--skip-bad-rows', '--json'], ws).stdout
    )
    expect(json).toMatchObject({ ok: true, rowCount: 2, skippedCount: 3, skippedErrorCount: 9 })
    expect(json.skipped.map((s: { row: number }) => s.row)).toEqual([3, 4, 6])
    const versions = JSON.parse(gongkai(['dataset', 'versions', 'worse', '--json'], ws).stdout)
    expect(versions.map((v: { skippedCount: number }) => v.skippedCount)).toEqual([3, 3])
  })

  it('caps a long error list and says how many more', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `${i + 1},x${i},not-a-number,2024-01-01`)
    writeFileSync(join(ws, 'many.csv'), `编号,名称,金额,日期\n${rows.join('\n')}\n`)
    const r = gongkai(
      ['dataset', 'add', 'many.csv', '--id', 'many', '--title', '多', '--schema', 'typed.json'],
      ws
    )
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('80 errors:')
    expect(r.stderr).toContain('… and 30 more')
  })

  it('refuses a valid resident ID in an unmasked column of an unconditional dataset', () => {
    const id = residentId('11010519491231002')
    writeFileSync(join(ws, 'people.csv'), `编号,名称,证件号码\n1,甲,${id}\n2,乙,无\n`)
    writeFileSync(
      join(ws, 'people.json'),
      JSON.stringify({
        fields: [
          { name: '编号', type: 'integer' },
          { name: '名称', type: 'string' },
          { name: '证件号码', type: 'string' },
        ],
      })
    )
    const args = [
      'dataset',
      'add',
      'people.csv',
      '--id',
      'people',
      '--title',
      '人员',
      '--schema',
      'people.json',
    ]
    const r = gongkai(args, ws)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('refused people')
    expect(r.stderr).toMatch(/row 2, column 证件号码: id_number 110\*+\d{3}[\dX]/)
    expect(`${r.stdout}${r.stderr}`).not.toContain(id)
    const json = JSON.parse(gongkai([...args, '--json'], ws).stdout)
    expect(json.reason).toBe('privacy')
    expect(
      json.findings.some(
        (f: { rule: string; row: number }) => f.rule === 'id_number' && f.row === 2
      )
    ).toBe(true)
    // The same file as 有条件开放 is stored, with the finding as a warning.
    const c = gongkai([...args, '--openness', 'conditional'], ws)
    expect(c.code).toBe(0)
    expect(c.stdout).toContain('privacy findings (warnings')
  })

  it('add without --schema masks nothing: personal data in an unconditional dataset is refused with the list and a hint', () => {
    const id = residentId('31010519800101123')
    writeFileSync(
      join(ws, 'residents.csv'),
      `编号,姓名,身份证号,住址,备注\n1,张三,${id},上海市长宁区愚园路1088号,\n2,李四,${id},上海市长宁区仙霞路1号,复核 ${id}\n3,王五,${id},上海市长宁区天山路2号,无\n`
    )
    const args = ['dataset', 'add', 'residents.csv', '--id', 'residents', '--title', '居民']
    const r = gongkai(args, ws)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('refused residents')
    expect(r.stderr).toContain('column 姓名: name 张*')
    expect(r.stderr).toContain('column 住址: address 上海市长宁区愚园路*****')
    // Each finding names the declaration that would allow it, where a law requires it public.
    expect(r.stderr).toContain('add "name" to /fields/1/privacy/allow')
    expect(r.stderr).toMatch(/row 2, column 身份证号: id_number 310\*+\d{3}[\dX]/)
    expect(r.stderr).toMatch(/row 3, column 备注: id_number 310\*+/)
    expect(r.stderr).toContain(
      'hint: "gongkai dataset infer residents.csv > schema.json" proposes masks'
    )
    expect(r.stderr).toContain('--schema schema.json')
    expect(r.stderr).not.toContain('masked as')
    expect(`${r.stdout}${r.stderr}`).not.toContain(id)
    const json = JSON.parse(gongkai([...args, '--json'], ws).stdout)
    expect(json).toMatchObject({ ok: false, reason: 'privacy', schemaInferred: true })
    expect(json.hint).toContain('dataset infer residents.csv')
    const list = JSON.parse(gongkai(['dataset', 'list', '--json'], ws).stdout)
    expect(list.map((d: { id: string }) => d.id)).not.toContain('residents')
    // 有条件开放 without --schema: stored unmasked (no mask was declared), findings as warnings.
    const c = gongkai([...args, '--openness', 'conditional', '--json'], ws)
    expect(c.code).toBe(0)
    const shown = JSON.parse(gongkai(['dataset', 'show', 'residents', '--json'], ws).stdout)
    expect(shown.schema.fields.some((f: { mask?: unknown }) => f.mask)).toBe(false)
  })

  it('infer proposes masks from titles and whole columns, and reports single cells of free text', () => {
    const r = gongkai(['dataset', 'infer', 'residents.csv'], ws)
    expect(r.code).toBe(0)
    const schema = JSON.parse(r.stdout)
    expect(
      schema.fields.map((f: { name: string; mask?: { type: string } }) => [f.name, f.mask?.type])
    ).toEqual([
      ['编号', undefined],
      ['姓名', 'name'],
      ['身份证号', 'id_number'],
      ['住址', 'address'],
      ['备注', undefined],
    ])
    expect(r.stderr).toContain('personal information not covered by a proposed mask (1):')
    expect(r.stderr).toMatch(/row 3, column 备注: id_number 310\*+/)
    // The declaration the file would need to be published as it is (only if a law requires it).
    expect(r.stderr).toContain(
      'column 备注: holds id_number; published as it is only with "privacy": {"allow":["id_number"],"reason":"<the law that requires it public>"}'
    )
    expect(r.stderr).not.toContain(residentId('31010519800101123'))
    // The reviewed proposal as --schema: the masked columns pass; the 备注 cell still blocks.
    writeFileSync(join(ws, 'residents-schema.json'), r.stdout)
    const again = gongkai(
      [
        'dataset',
        'add',
        'residents.csv',
        '--id',
        'residents2',
        '--title',
        '居民',
        '--schema',
        'residents-schema.json',
        '--json',
      ],
      ws
    )
    expect(again.code).toBe(1)
    const refused = JSON.parse(again.stdout)
    expect(refused.reason).toBe('privacy')
    expect(refused.hint).toBeUndefined()
    expect(refused.findings.map((f: { row: number; column: string }) => [f.row, f.column])).toEqual(
      [[3, '备注']]
    )
  })

  it('validates the descriptor and the flags', () => {
    expect(gongkai(['dataset', 'add', 'good.csv', '--title', 'x'], ws).code).toBe(2)
    expect(
      gongkai(['dataset', 'add', 'good.csv', '--id', 'a', '--title', 'x', '--openness', 'open'], ws)
        .code
    ).toBe(2)
    const r = gongkai(['dataset', 'add', 'good.csv', '--id', 'Bad Id', '--title', 'x'], ws)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('#/id')
    writeFileSync(
      join(ws, 'descriptor.json'),
      JSON.stringify({ id: 'd', title: 'x', openness: 'open' })
    )
    const d = gongkai(['dataset', 'add', 'good.csv', '--descriptor', 'descriptor.json'], ws)
    expect(d.code).toBe(1)
    expect(d.stderr).toContain('descriptor.json#/openness')
  })

  it('list, show and versions; withdraw keeps the version and moves current back', () => {
    const list = gongkai(['dataset', 'list'], ws)
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/schools\s+unconditional\s+v2/)
    expect(gongkai(['dataset', 'show', 'schools'], ws).stdout).toContain('编号: integer')
    expect(gongkai(['dataset', 'show', 'nope'], ws).code).toBe(2)
    expect(gongkai(['dataset', 'withdraw', 'schools', '--version', '2'], ws).code).toBe(2)
    const w = gongkai(
      ['dataset', 'withdraw', 'schools', '--version', '2', '--reason', '金额有误'],
      ws
    )
    expect(w.code).toBe(0)
    expect(w.stdout).toContain('current version is now 1')
    const versions = JSON.parse(gongkai(['dataset', 'versions', 'schools', '--json'], ws).stdout)
    expect(versions.map((v: { status: string }) => v.status)).toEqual(['published', 'withdrawn'])
    expect(versions[1].withdrawnReason).toBe('金额有误')
    expect(gongkai(['dataset', 'versions', 'schools'], ws).stdout).toMatch(/^\* v1/m)
    expect(
      gongkai(['dataset', 'withdraw', 'schools', '--version', '9', '--reason', 'x'], ws).code
    ).toBe(1)
  })
})
