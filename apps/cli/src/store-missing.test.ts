// A workspace whose store file was deleted (a split brain: a running server keeps the old file
// open) is reported, never silently given a fresh empty store.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

const gongkai = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('a deleted store', () => {
  it('is refused with the path named; a fresh workspace still gets its store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-missing-'))
    expect(gongkai(['init', 'ws', '--no-samples'], dir).code).toBe(0)
    const ws = join(dir, 'ws')
    const store = join(ws, '.gongkai', 'store.db')
    writeFileSync(
      join(ws, 'schema.json'),
      JSON.stringify({ fields: [{ name: 'a', type: 'integer' }] })
    )
    writeFileSync(join(ws, 'a.csv'), 'a\n1\n')
    const add = gongkai(
      ['dataset', 'add', 'a.csv', '--id', 'a', '--title', '表', '--schema', 'schema.json'],
      ws
    )
    expect(add.code, add.stderr).toBe(0)
    expect(existsSync(store)).toBe(true)
    for (const f of ['store.db', 'store.db-wal', 'store.db-shm'])
      rmSync(join(ws, '.gongkai', f), { force: true })
    const list = gongkai(['dataset', 'list'], ws)
    expect(list.code).toBe(1)
    expect(list.stderr).toContain(`${store} is missing`)
    expect(existsSync(store)).toBe(false)
  }, 60_000)
})
