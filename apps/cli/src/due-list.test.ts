import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openAccessRequests } from '@gongkai/gateway'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

function gongkai(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('gongkai due-list', () => {
  it('lists applications for 有条件开放 data undecided past openData.conditionalAcceptDays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-due-list-'))
    expect(gongkai(['init', dir], dir).code).toBe(0)
    // An application filed on 2021-09-30 (the day before 国庆): due 5 working days later, 2021-10-13.
    const store = openSqliteStore(join(dir, '.gongkai', 'store.db'))
    const requests = openAccessRequests(store, {
      now: () => new Date('2021-09-30T02:00:00Z'),
      acceptDays: 5,
    })
    const { request } = await requests.create({
      dataset: 'beds',
      org: 'demo-district',
      applicant: { name: '张三', org: '某所', contact: '13800138000' },
      purpose: '研究',
      scenario: '统计',
      securityMeasures: '内网',
    })
    await store.close()

    const onDue = gongkai(['due-list', '--as-of', '2021-10-13', '--json'], dir)
    expect(onDue.code).toBe(0)
    // The list also holds the sample workspace's other due items (catalogue entries, cases): the
    // application is what this test follows.
    const access = (out: string) =>
      JSON.parse(out).items.filter((i: { kind: string }) => i.kind === 'access_request')
    expect(JSON.parse(onDue.stdout).asOf).toBe('2021-10-13')
    expect(access(onDue.stdout)).toEqual([])
    const after = gongkai(['due-list', '--as-of', '2021-10-14', '--json'], dir)
    const listed = access(after.stdout)
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({
      kind: 'access_request',
      id: request.id,
      dataset: 'beds',
      dueDate: '2021-10-13',
    })
    // Personal data stays out of the list.
    expect(after.stdout).not.toContain('张三')
    const text = gongkai(['due-list', '--as-of', '2021-10-14'], dir)
    expect(text.stdout).toContain(`2021-10-13\t有条件开放申请\t${request.id}`)
    expect(gongkai(['due-list', '--as-of', '2021-13-01'], dir).code).toBe(2)
  }, 60_000)
})
