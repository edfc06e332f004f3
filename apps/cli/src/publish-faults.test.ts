// kill -9 at several points inside a CLI publish (a real subprocess): the previous version keeps
// serving, the next start removes what the publish left (staging version, table, files), and a
// retry succeeds with nothing left behind.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openSqliteStore } from '@gongkai/store'
import { beforeAll, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

function gongkai(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const ROWS = 40_000
const schema = {
  fields: [
    { name: '编号', type: 'integer' },
    { name: '名称', type: 'string' },
    { name: '金额', type: 'integer' },
  ],
  primaryKey: '编号',
  // The primary key's unique index exists before the rows (it checks them); a filter column's
  // index is built after them, which is where the 'publish:indexes' fault point sits.
  filterColumns: ['金额'],
}
const csv = (n: number) => {
  const lines = ['编号,名称,金额']
  for (let i = 1; i <= n; i++) lines.push(`${i},示例单位${i},${(i * 37) % 1000}`)
  return `${lines.join('\n')}\n`
}

let ws = ''
const storeFile = () => join(ws, '.gongkai', 'store.db')
const filesDir = () => join(ws, '.gongkai', 'files', 'big')

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-faults-'))
  expect(gongkai(['init', 'ws', '--no-samples'], dir).code).toBe(0)
  ws = join(dir, 'ws')
  writeFileSync(join(ws, 'schema.json'), JSON.stringify(schema))
  writeFileSync(join(ws, 'small.csv'), csv(3))
  writeFileSync(join(ws, 'big.csv'), csv(ROWS))
  const add = ['dataset', 'add', 'small.csv', '--id', 'big', '--title', '大表', '--schema']
  expect(gongkai([...add, 'schema.json'], ws).code).toBe(0)
})

/** What the store and the files folder hold: staging rows, version tables, version folders. */
async function leftovers() {
  const store = openSqliteStore(storeFile(), { readonly: true })
  try {
    const staging = await store.all("SELECT version FROM od_versions WHERE status = 'staging'")
    const tables = (
      await store.all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'od_*_v[0-9]*' ORDER BY name"
      )
    ).map((t) => t.name)
    const versions = (
      await store.all<{ table_name: string }>(
        "SELECT table_name FROM od_versions WHERE status != 'staging'"
      )
    ).map((v) => v.table_name)
    return { staging, tables, versions, folders: readdirSync(filesDir()).sort() }
  } finally {
    await store.close()
  }
}

/** Polls `probe` every 10 ms until it holds, then kills the publish with SIGKILL. */
async function killWhen(child: ChildProcess, probe: () => Promise<boolean>): Promise<void> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  let done = false
  void exited.then(() => {
    done = true
  })
  for (;;) {
    if (done) throw new Error('the publish ended before the kill point was reached')
    if (await probe().catch(() => false)) break
    await new Promise((r) => setTimeout(r, 10))
  }
  child.kill('SIGKILL')
  await exited
}

/** Rows staged so far in the staging version's table. */
async function stagedRows(): Promise<number> {
  const store = openSqliteStore(storeFile(), { readonly: true, busyTimeoutMs: 50 })
  try {
    const v = await store.get<{ table_name: string }>(
      "SELECT table_name FROM od_versions WHERE status = 'staging'"
    )
    if (!v) return 0
    return (await store.get<{ n: number }>(`SELECT count(*) AS n FROM "${v.table_name}"`))?.n ?? 0
  } finally {
    await store.close()
  }
}

// Polled points are hit from outside; armed ones (too short to hit by polling) kill the child
// from inside with SIGKILL at a named fault point of the publish (GONGKAI_FAULT_POINT).
const points: ({ name: string } & (
  | { probe: () => Promise<boolean> }
  | { armed: 'publish:indexes' | 'publish:flip' }
))[] = [
  { name: 'while rows are staged', probe: async () => (await stagedRows()) > 1000 },
  {
    name: 'while the version files are written',
    probe: async () => readdirSync(filesDir()).some((f) => f.includes('.tmp-')),
  },
  { name: 'between index builds', armed: 'publish:indexes' },
  { name: 'inside the flip, before its commit', armed: 'publish:flip' },
]

describe('kill -9 during a publish', () => {
  for (const point of points) {
    it(`${point.name}: the old version serves, the next start cleans up, a retry succeeds`, async () => {
      const before = await leftovers()
      const child = spawn(
        process.execPath,
        [
          bin,
          'dataset',
          'add',
          'big.csv',
          '--id',
          'big',
          '--title',
          '大表',
          '--schema',
          'schema.json',
        ],
        {
          cwd: ws,
          stdio: 'ignore',
          env:
            'armed' in point ? { ...process.env, GONGKAI_FAULT_POINT: point.armed } : process.env,
        }
      )
      if ('probe' in point) await killWhen(child, point.probe)
      else {
        const signal = await new Promise((r) => child.once('exit', (_code, sig) => r(sig)))
        expect(signal, 'the publish reached its fault point').toBe('SIGKILL')
      }
      const killed = await leftovers()
      expect(killed.staging.length, 'the kill left a staging version to clean').toBe(1)

      // The previous version keeps serving.
      const shown = JSON.parse(gongkai(['dataset', 'show', 'big', '--json'], ws).stdout)
      expect(shown.currentVersion).toBe(before.versions.length)
      // That start (dataset show opens the datastore) removed the leftovers.
      expect(await leftovers()).toEqual(before)

      const retry = gongkai(
        ['dataset', 'add', 'big.csv', '--id', 'big', '--title', '大表', '--schema', 'schema.json'],
        ws
      )
      expect(retry.code, retry.stderr).toBe(0)
      const after = await leftovers()
      expect(after.staging).toEqual([])
      expect(after.folders).toEqual([...before.folders, String(before.versions.length + 1)].sort())
      // Only published versions have tables (each with its FTS shadow tables beside it).
      expect(after.tables.filter((t) => /_v\d+$/.test(t))).toEqual(after.versions.sort())
      const rows = JSON.parse(gongkai(['dataset', 'show', 'big', '--json'], ws).stdout)
      expect(rows.currentVersion).toBe(before.versions.length + 1)
    }, 120_000)
  }
})
