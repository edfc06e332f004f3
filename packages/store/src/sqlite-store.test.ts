import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSqliteStore } from './sqlite-store.js'
import { StoreError } from './store-error.js'
import type { Migration } from './types.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'gongkai-store-'))

const items: Migration[] = [
  { id: 'demo/001-items', sql: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)' },
  { id: 'demo/002-items-note', sql: 'ALTER TABLE items ADD COLUMN note TEXT' },
]

describe('migrations', () => {
  it('applies each migration once, in number order, and records it', async () => {
    const store = openSqliteStore(join(tmp(), 'a.db'))
    const first = await store.migrate([items[1] as Migration, items[0] as Migration])
    expect(first.applied).toEqual(['demo/001-items', 'demo/002-items-note'])
    const again = await store.migrate(items)
    expect(again).toEqual({ applied: [], skipped: ['demo/001-items', 'demo/002-items-note'] })
    await store.run('INSERT INTO items (name, note) VALUES (?, ?)', ['招生范围', 'x'])
    expect(await store.get('SELECT name, note FROM items')).toEqual({ name: '招生范围', note: 'x' })
    expect((await store.appliedMigrations()).map((m) => m.id)).toEqual([
      'demo/001-items',
      'demo/002-items-note',
    ])
    await store.close()
  })

  it('refuses a migration edited after it was applied', async () => {
    const store = openSqliteStore(':memory:')
    await store.migrate(items)
    const edited = [{ id: 'demo/001-items', sql: 'CREATE TABLE items (id INTEGER)' }]
    await expect(store.migrate(edited)).rejects.toMatchObject({ code: 'migration_changed' })
  })

  it('rolls back a failing migration and names it', async () => {
    const store = openSqliteStore(':memory:')
    const bad: Migration[] = [
      { id: 'demo/001-ok', sql: 'CREATE TABLE a (x INTEGER)' },
      { id: 'demo/002-bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)' },
    ]
    const err = await store.migrate(bad).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreError)
    expect((err as StoreError).code).toBe('migration_failed')
    expect((err as Error).message).toContain('demo/002-bad')
    // The failed migration left nothing behind, and is not recorded.
    expect(await store.get("SELECT name FROM sqlite_master WHERE name = 'b'")).toBeUndefined()
    expect((await store.appliedMigrations()).map((m) => m.id)).toEqual(['demo/001-ok'])
  })

  it('refuses malformed ids and duplicate numbers', async () => {
    const store = openSqliteStore(':memory:')
    await expect(store.migrate([{ id: 'Bad Id', sql: 'SELECT 1' }])).rejects.toMatchObject({
      code: 'invalid_migration',
    })
    await expect(
      store.migrate([
        { id: 'x/001-a', sql: 'SELECT 1' },
        { id: 'x/001-b', sql: 'SELECT 1' },
      ])
    ).rejects.toMatchObject({ code: 'invalid_migration' })
  })

  it('lets several processes migrate the same file at once without double application', async () => {
    const file = join(tmp(), 'shared.db')
    const script = `
      import { openSqliteStore } from ${JSON.stringify(new URL('./sqlite-store.ts', import.meta.url).pathname)}
      const s = openSqliteStore(${JSON.stringify(file)})
      const r = await s.migrate([
        { id: 'demo/001-items', sql: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)' },
        { id: 'demo/002-seed', sql: "INSERT INTO items (name) VALUES ('once')" },
      ])
      console.log(JSON.stringify(r.applied))
      await s.close()
    `
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ])
        let out = ''
        let err = ''
        child.stdout.on('data', (d) => {
          out += d
        })
        child.stderr.on('data', (d) => {
          err += d
        })
        child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(err))))
      })
    const results = await Promise.all([run(), run(), run(), run(), run()])
    const applied = results.flatMap((r) => JSON.parse(r) as string[])
    expect(applied.sort()).toEqual(['demo/001-items', 'demo/002-seed'])
    const store = openSqliteStore(file)
    expect(await store.all('SELECT name FROM items')).toEqual([{ name: 'once' }])
    await store.close()
  }, 30_000)
})

describe('transactions', () => {
  it('commits on success and rolls back on error', async () => {
    const store = openSqliteStore(':memory:')
    await store.migrate(items)
    await store.transaction(async (tx) => {
      await tx.run('INSERT INTO items (name) VALUES (?)', ['a'])
    })
    await expect(
      store.transaction(async (tx) => {
        await tx.run('INSERT INTO items (name) VALUES (?)', ['b'])
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(await store.all('SELECT name FROM items')).toEqual([{ name: 'a' }])
  })

  it('keeps statements of other callers out of an open transaction', async () => {
    const store = openSqliteStore(':memory:')
    await store.migrate(items)
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const tx = store
      .transaction(async (t) => {
        await t.run('INSERT INTO items (name) VALUES (?)', ['inside'])
        await gate
        throw new Error('rollback')
      })
      .catch(() => undefined)
    // Issued while the transaction is open: must not be rolled back with it.
    const outside = store.run('INSERT INTO items (name) VALUES (?)', ['outside'])
    release()
    await Promise.all([tx, outside])
    expect(await store.all('SELECT name FROM items')).toEqual([{ name: 'outside' }])
  })

  it('inserts many rows in one transaction', async () => {
    const store = openSqliteStore(':memory:')
    await store.migrate(items)
    const rows = Array.from({ length: 1000 }, (_, i) => [`n${i}`])
    expect(await store.runMany('INSERT INTO items (name) VALUES (?)', rows)).toBe(1000)
    expect(await store.get('SELECT count(*) AS n FROM items')).toEqual({ n: 1000 })
  })
})

describe('streaming reads, backup, close', () => {
  it('iterates rows on a separate connection while writes go on', async () => {
    const file = join(tmp(), 'it.db')
    const store = openSqliteStore(file)
    await store.migrate(items)
    await store.runMany(
      'INSERT INTO items (name) VALUES (?)',
      Array.from({ length: 2500 }, (_, i) => [`n${i}`])
    )
    let n = 0
    for await (const row of store.iterate<{ name: string }>(
      'SELECT name FROM items ORDER BY id',
      [],
      {
        batchSize: 100,
      }
    )) {
      if (n === 0) expect(row.name).toBe('n0')
      if (n === 10) await store.run('INSERT INTO items (name) VALUES (?)', ['late'])
      n++
    }
    expect(n).toBe(2500)
    await store.close()
  })

  it('iterates raw rows as arrays and in batches, on files and in memory', async () => {
    for (const file of [join(tmp(), 'raw.db'), ':memory:']) {
      const store = openSqliteStore(file)
      await store.migrate(items)
      await store.runMany(
        'INSERT INTO items (name) VALUES (?)',
        Array.from({ length: 25 }, (_, i) => [`n${i}`])
      )
      const sql = 'SELECT id, name FROM items ORDER BY id'
      const raw: unknown[][] = []
      for await (const row of store.iterate(sql, [], { raw: true, batchSize: 7 })) raw.push(row)
      expect(raw).toHaveLength(25)
      expect(raw[3]).toEqual([4, 'n3'])
      const sizes: number[] = []
      for await (const b of store.iterate<{ name: string }>(sql, [], {
        batches: true,
        batchSize: 10,
      })) {
        sizes.push(b.length)
        expect(b[0]?.name).toMatch(/^n\d+$/)
      }
      expect(sizes).toEqual([10, 10, 5])
      const rawBatches: unknown[][][] = []
      for await (const b of store.iterate('SELECT name FROM items WHERE id > ?', [20], {
        raw: true,
        batches: true,
      }))
        rawBatches.push(b)
      expect(rawBatches).toEqual([[['n20'], ['n21'], ['n22'], ['n23'], ['n24']]])
      // Leaving a loop early closes the reader; the store stays usable.
      for await (const _ of store.iterate(sql, [], { raw: true, batchSize: 2 })) break
      expect(await store.get('SELECT count(*) AS n FROM items')).toEqual({ n: 25 })
      await store.close()
    }
  })

  it('backs up online and refuses use after close', async () => {
    const dir = tmp()
    const store = openSqliteStore(join(dir, 'src.db'))
    await store.migrate(items)
    await store.run('INSERT INTO items (name) VALUES (?)', ['kept'])
    await store.backup(join(dir, 'backup', 'copy.db'))
    expect(existsSync(join(dir, 'backup', 'copy.db'))).toBe(true)
    const copy = openSqliteStore(join(dir, 'backup', 'copy.db'))
    expect(await copy.get('SELECT name FROM items')).toEqual({ name: 'kept' })
    await copy.close()
    await store.close()
    await expect(store.get('SELECT 1')).rejects.toMatchObject({ code: 'closed' })
  })
})

describe('checkFile', () => {
  it('is ok on the file it opened, replaced once the file is deleted or another takes its path', async () => {
    const { renameSync, rmSync } = await import('node:fs')
    const dir = tmp()
    const file = join(dir, 'a.db')
    const store = openSqliteStore(file)
    await store.exec('CREATE TABLE t (x)')
    expect(store.checkFile()).toBe('ok')
    rmSync(file)
    expect(store.checkFile()).toBe('replaced')
    const other = openSqliteStore(join(dir, 'b.db'))
    await other.close()
    renameSync(join(dir, 'b.db'), file)
    expect(store.checkFile()).toBe('replaced')
    await store.close()
    expect(openSqliteStore(':memory:').checkFile()).toBe('ok')
  })
})
