import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

// `gongkai message …`, `gongkai consultation …` and `gongkai due-list` through the built binary.
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
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : undefined }
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

describe('gongkai message / consultation / due-list (subprocess)', () => {
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'gongkai-messages-'))
    writeFileSync(
      join(ws, 'gongkai.config.json'),
      JSON.stringify({
        organisation: { id: 'demo', name: '示例区人民政府' },
        organs: ORGANS,
        online: { replyDays: 5, simpleReplyDays: 1 },
      })
    )
    // The workspace's own holiday file: 2021-10-11 declared a rest day (a local exception on top of
    // the bundled 2021 data), so every clock here must skip it too.
    mkdirSync(join(ws, 'holidays'))
    writeFileSync(
      join(ws, 'holidays', '2021.json'),
      JSON.stringify({
        year: 2021,
        papers: [],
        days: [{ name: '测试', date: '2021-10-11', isOffDay: true }],
      })
    )
  })

  it('adds a message and reads its clock across 国庆 and the workspace holiday', () => {
    const add = json(
      'message',
      'add',
      '--org',
      'district-gov',
      '--channel',
      'website',
      '--received',
      '2021-09-29',
      '--question',
      '请问低保怎么申请？',
      '--sender',
      '李四'
    )
    expect(add.code, add.stderr).toBe(0)
    const id = add.body.id as string
    // 09-30, 10-08, 10-09 (补班), [10-11 off here], 10-12, 10-13.
    const shown = json('message', 'show', id, '--as-of', '2021-10-08')
    expect(shown.body.clock).toMatchObject({
      dueDate: '2021-10-13',
      workingDaysLeft: 3,
      overdue: false,
    })
    expect(shown.body.sender).toBe('李四')
    const late = json('message', 'show', id, '--as-of', '2021-10-14')
    expect(late.body.clock).toMatchObject({ workingDaysLeft: -1, overdue: true })
    const simple = json(
      'message',
      'add',
      '--org',
      'district-edu',
      '--channel',
      'hotline_12345',
      '--received',
      '2021-09-30',
      '--simple'
    )
    expect(
      json('message', 'show', simple.body.id, '--as-of', '2021-09-30').body.clock.dueDate
    ).toBe('2021-10-08')
    const answered = json(
      'message',
      'event',
      id,
      'answered',
      '--date',
      '2021-10-12',
      '--text',
      '请到街道社区事务受理服务中心办理。',
      '--publish'
    )
    expect(answered.code, answered.stderr).toBe(0)
    // The published answer is in the store's search index at once, found by its question.
    const found = json('search', '低保怎么申请', '--type', 'answer')
    expect(found.body.items.map((i: { url: string }) => i.url)).toContain(`/zmhd/${id}`)
    const list = json('message', 'list', '--status', 'all', '--as-of', '2021-10-12')
    expect(list.body.total).toBe(2)
    expect(json('message', 'list', '--as-of', '2021-10-12').body.total).toBe(1)
  })

  it('refuses personal information in a published answer (exit 1) and bad flags (exit 2)', () => {
    const add = json(
      'message',
      'add',
      '--org',
      'district-gov',
      '--channel',
      'mailbox',
      '--received',
      '2021-10-08'
    )
    const r = json(
      'message',
      'event',
      add.body.id,
      'answered',
      '--date',
      '2021-10-09',
      '--text',
      '请联系13812345678',
      '--publish'
    )
    expect(r.code).toBe(1)
    expect(r.body.error.code).toBe('personal_information')
    expect(r.body.error.details[0]).toMatchObject({ pointer: '/text', rule: 'mobile' })
    const bad = json(
      'message',
      'add',
      '--org',
      'district-gov',
      '--channel',
      'fax',
      '--received',
      '2021-10-08'
    )
    expect(bad.code).toBe(2)
    expect(bad.body.error.details).toMatchObject({ parameter: 'channel' })
    expect(gongkai('message', 'add', '--org', 'district-gov').code).toBe(2)
  })

  it('records a consultation and lists its feedback as due, and everything in due-list', () => {
    const add = json(
      'consultation',
      'add',
      '--org',
      'district-gov',
      '--title',
      '《示例区老旧小区改造办法（征求意见稿）》',
      '--opened',
      '2021-09-01',
      '--closes',
      '2021-09-20'
    )
    expect(add.code, add.stderr).toBe(0)
    const id = add.body.id as string
    const op = json(
      'consultation',
      'event',
      id,
      'opinions_received',
      '--date',
      '2021-09-10',
      '--channel',
      'website',
      '--count',
      '7'
    )
    expect(op.code, op.stderr).toBe(0)
    // The issued document must be in the content index: an unknown id is refused.
    const unknown = json(
      'consultation',
      'event',
      id,
      'document_issued',
      '--date',
      '2021-09-28',
      '--content-id',
      'nope'
    )
    expect(unknown.code).toBe(2)
    expect(unknown.body.error.details).toMatchObject({ parameter: 'contentId' })

    const due = json('due-list', '--as-of', '2021-10-12', '--due-soon-days', '3')
    expect(due.code, due.stderr).toBe(0)
    const kinds = due.body.items.map((i: { kind: string; organ: string }) => `${i.kind}:${i.organ}`)
    expect(kinds).toContain('message:district-gov')
    expect(due.body.total).toBe(due.body.items.length)
    for (const i of due.body.items) expect(i.workingDaysLeft).toBeLessThanOrEqual(3)
    const edu = json('due-list', '--org', 'district-edu', '--as-of', '2021-10-08')
    expect(edu.body.items.every((i: { organ: string }) => i.organ === 'district-edu')).toBe(true)
    expect(gongkai('due-list', '--org', 'nowhere').code).toBe(2)
  })
})
