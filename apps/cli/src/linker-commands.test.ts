import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

/** Runs the built CLI without blocking this process, so the test's HTTP server can answer it. */
function gongkai(args: string[], cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/zsrx.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(
        '<html><head><title>关于2021年义务教育阶段学校招生入学工作的实施意见</title></head><body>正文</body></html>'
      )
    } else if (req.url === '/dibao.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(
        '<html><head><title>页面不存在</title></head><body>抱歉，您访问的页面不存在</body></html>'
      )
    } else {
      res.writeHead(404, { 'content-type': 'text/html' })
      res.end('not found')
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('content import → link → check-links → report', () => {
  it('runs the linker workflow on a workspace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-link-'))
    expect((await gongkai(['init', 'ws', '--no-samples'], dir)).code).toBe(0)
    const ws = join(dir, 'ws')
    writeFileSync(
      join(ws, 'content', 'site.csv'),
      [
        '标题,链接,发布机构,栏目,成文日期,发布日期,公开属性',
        `关于2021年义务教育阶段学校招生入学工作的实施意见,${base}/zsrx.html,区教育局,招生政策,2021-04-14,2021-05-14,主动公开`,
        `2021年最低生活保障标准调整公告,${base}/dibao.html,区民政局,最低生活保障,2021-03-01,2021-03-05,主动公开`,
        `区政府工作动态,${base}/gone.html,区政府办公室,工作动态,2021-03-01,2021-03-02,主动公开`,
        `日期写错的一条,${base}/x.html,区政府办公室,工作动态,2021-03-01,bad-date,主动公开`,
      ].join('\n')
    )
    const imported = await gongkai(['content', 'import', 'content/site.csv', '--json'], ws)
    // The bad row is reported with its line and the good rows are kept.
    expect(imported.code).toBe(1)
    expect(imported.stderr).toMatch(/site\.csv:5/)
    expect(JSON.parse(imported.stdout).sources[0].items).toBe(4)

    const linked = JSON.parse((await gongkai(['link', '--json'], ws)).stdout)
    expect(linked.bindings).toBeGreaterThanOrEqual(2)
    expect(linked.unboundUrls).toContain(`${base}/gone.html`)

    const checked = await gongkai(['check-links', '--retries', '0', '--json'], ws)
    expect(checked.code).toBe(1)
    const counts = JSON.parse(checked.stdout).counts
    expect(counts).toMatchObject({ ok: 1, dead: 2, wrong_target: 1 })

    const report = await gongkai(['report', '--as-of', '2021-06-01', '--out', 'r.json'], ws)
    expect(report.code).toBe(0)
    const r = JSON.parse(readFileSync(join(ws, 'r.json'), 'utf8'))
    // Without a selection the workspace links and reports on each field's top layer.
    const ce = r.catalogues.find(
      (c: { id: string }) => c.id === 'compulsory_education.changning-2021'
    )
    const entry = ce.entries.find(
      (e: { entry: string }) => e.entry === 'enrolment.enrolment_policy'
    )
    // Formed 2021-04-14, due 2021-05-13 (20 working days with 调休), published 05-14: one day late.
    expect(entry.timeliness.late).toBe(1)
    expect(entry.lateItems[0].workingDaysLate).toBe(1)
  }, 60_000)
})
