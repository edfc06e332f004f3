import { renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openSqliteStore } from '@gongkai/store'
import { describe, expect, it } from 'vitest'
import { call, done, setup } from '../test-support.js'

describe('GET /healthz tells the truth', () => {
  it('200 ok with the dialect, no constant fields', async () => {
    const { app, store } = await setup()
    const r = await call(app, 'GET', '/healthz')
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual({ status: 'ok', store: { dialect: 'sqlite', ok: true } })
    expect(r.headers.get('cache-control')).toBe('no-store')
    await done(store)
  })

  for (const how of ['deleted', 'swapped'] as const) {
    it(`503 replaced when the store file is ${how}; writes refused with 503 store_unreachable`, async () => {
      const { app, store, dir, token } = await setup()
      const publisher = await token({ role: 'publisher' })
      const file = join(dir, 'store.db')
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
      if (how === 'swapped') {
        const other = openSqliteStore(join(dir, 'other.db'))
        await other.exec('CREATE TABLE x (y)')
        await other.close()
        renameSync(join(dir, 'other.db'), file)
      }
      const r = await call(app, 'GET', '/healthz')
      expect(r.status).toBe(503)
      expect(await r.json()).toEqual({
        status: 'unavailable',
        store: { dialect: 'sqlite', ok: false, error: 'replaced' },
      })
      const w = await call(app, 'POST', '/api/v1/datasets', { token: publisher, json: {} })
      expect(w.status).toBe(503)
      expect((await w.json()).error).toMatchObject({
        code: 'store_unreachable',
        details: { reason: 'replaced' },
      })
      await done(store)
    })
  }

  it('503 corrupt when the store file is not a database', async () => {
    const { app, store, dir } = await setup()
    // A store whose reads fail as a corrupt file's do: the health route names the driver's code.
    const failing = Object.create(store, {
      get: {
        value: async () => {
          throw Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })
        },
      },
    })
    const { buildApp, createDeps } = await import('../app.js')
    const deps = await createDeps(store, {
      baseUrl: 'http://gk.test',
      organisation: { id: 'x', name: 'x' },
      filesDir: join(dir, 'files'),
      rateLimit: false,
    })
    const app2 = buildApp({ ...deps, store: failing })
    const r = await call(app2, 'GET', '/healthz')
    expect(r.status).toBe(503)
    expect((await r.json()).store).toEqual({ dialect: 'sqlite', ok: false, error: 'corrupt' })
    expect((await call(app, 'GET', '/healthz')).status).toBe(200)
    await done(store)
  })
})
