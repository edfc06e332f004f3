import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { schemas } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { resolveInside } from './safe-path.js'
import { findWorkspace, openWorkspace } from './workspace.js'
import { defaultConfig, parseConfig, withDefaults } from './workspace-config.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'gongkai-ws-'))

describe('workspace config', () => {
  it('fills defaults for a minimal config', () => {
    const r = parseConfig({ organisation: { id: 'changning', name: '长宁区人民政府' } })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value).toEqual({
        organisation: { id: 'changning', name: '长宁区人民政府' },
        baseUrl: 'http://127.0.0.1:8787',
        store: { path: '.gongkai/store.db' },
        paths: {
          catalogues: 'catalogues',
          content: 'content',
          bindings: 'bindings.json',
          datasets: 'datasets',
          holidays: 'holidays',
        },
        catalogues: [],
        layer: 'changning-2021',
        rateLimit: { windowMs: 60_000, max: 600, writeMax: 60 },
        query: { budgetMs: 10_000, maxCost: 50_000_000, totalEstimationThreshold: 10_000 },
        upload: { maxBytes: 2 * 1024 ** 3 },
        openData: { conditionalAcceptDays: 5 },
        trustProxy: false,
        request: {
          replyDays: 20,
          extensionDays: 20,
          offlineRegistrationDays: 2,
          correctionNoticeDays: 7,
        },
        online: { replyDays: 5, simpleReplyDays: 1 },
        participation: { adoptionPublishDays: 10 },
        reminders: { dueSoonWorkingDays: [3, 1] },
        organs: [],
      })
    }
  })

  it('checks organs and the site identity: shapes, unique ids, parents and the site organ', () => {
    const organisation = { id: 'changning', name: '长宁区人民政府' }
    const gov = {
      id: 'changning-gov',
      name: '上海市长宁区人民政府',
      kind: 'government',
      org: 'changning',
    }
    const edu = {
      id: 'changning-edu',
      name: '上海市长宁区教育局',
      kind: 'department',
      org: 'changning',
      parent: 'changning-gov',
      email: 'xxgk@example.gov.cn',
    }
    const site = {
      governmentName: '上海市长宁区人民政府',
      organ: 'changning-gov',
      websiteCode: '3101050001',
      icp: '沪ICP备05023437号',
      psb: '沪公网安备 31010502000001号',
    }
    const ok = parseConfig({ organisation, organs: [gov, edu], site })
    expect(ok.ok && ok.value.organs).toEqual([gov, edu])
    expect(ok.ok && ok.value.site).toEqual(site)
    const bad = parseConfig({
      organisation,
      organs: [gov, { ...edu, parent: 'nowhere' }, { ...gov, kind: 'bureau' }],
      site: { organ: 'elsewhere' },
    })
    expect(!bad.ok && bad.errors.map((e) => e.pointer)).toEqual(['/organs/2/kind'])
    const refs = parseConfig({
      organisation,
      organs: [gov, { ...edu, parent: 'nowhere' }, gov],
      site: { organ: 'elsewhere' },
    })
    expect(!refs.ok && refs.errors.map((e) => e.pointer)).toEqual([
      '/organs/2/id',
      '/organs/1/parent',
      '/site/organ',
    ])
  })

  it('takes every default from workspace-config.schema.json, keeping what the file gives', () => {
    // Walks the schema: each property with a default must come out with it when absent.
    const check = (schema: Record<string, unknown>, value: unknown, at: string) => {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>
      for (const [key, sub] of Object.entries(props)) {
        const v = (value as Record<string, unknown>)[key]
        if ('default' in sub && sub.type !== 'object')
          expect(v, `${at}/${key}`).toEqual(sub.default)
        if (sub.type === 'object' && v !== undefined) check(sub, v, `${at}/${key}`)
      }
    }
    const config = defaultConfig()
    check(schemas['workspace-config'], config, '')
    const r = parseConfig({
      $schema: 'https://gongkai.dev/schemas/workspace-config.schema.json',
      organisation: { id: 'x', name: 'X' },
      baseUrl: 'https://zwgk.example.gov.cn//',
      paths: { content: 'site' },
      rateLimit: { max: 5 },
    })
    expect(r.ok && r.value.baseUrl).toBe('https://zwgk.example.gov.cn')
    expect(r.ok && r.value.paths).toEqual({ ...config.paths, content: 'site' })
    expect(r.ok && r.value.rateLimit).toEqual({ windowMs: 60_000, max: 5, writeMax: 60 })
    expect(r.ok && '$schema' in r.value).toBe(false)
  })

  it('takes a catalogue layer level and refuses one that does not exist', () => {
    const organisation = { id: 'x', name: 'X' }
    const sh = parseConfig({ organisation, layer: 'sh' })
    expect(sh.ok && sh.value.layer).toBe('sh')
    const bad = parseConfig({ organisation, layer: 'changning' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors.map((e) => e.pointer)).toEqual(['/layer'])
  })

  it('fills nested defaults without touching the input', () => {
    const schema = {
      properties: {
        a: { type: 'object', default: {}, properties: { b: { default: 1 }, c: {} } },
        d: { default: [] },
      },
    }
    const input = { a: { c: 2 } }
    expect(withDefaults(schema, input)).toEqual({ a: { b: 1, c: 2 }, d: [] })
    expect(withDefaults(schema, {})).toEqual({ a: { b: 1 }, d: [] })
    expect(input).toEqual({ a: { c: 2 } })
    expect(withDefaults(schema, 'x')).toBe('x')
  })

  it('reports every problem with its pointer', () => {
    const r = parseConfig({
      organisation: { id: 'Bad Id' },
      baseUrl: 'ftp://x',
      paths: 3,
      extra: 1,
    })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors.map((e) => e.pointer).sort()).toEqual(
        ['/baseUrl', '/extra', '/organisation/id', '/organisation/name', '/paths'].sort()
      )
    }
    expect(parseConfig([]).ok).toBe(false)
    expect(parseConfig({}).ok).toBe(false)
    const limits = parseConfig({ organisation: { id: 'x', name: 'X' }, rateLimit: { max: 0 } })
    expect(!limits.ok && limits.errors.map((e) => e.pointer)).toEqual(['/rateLimit/max'])
  })

  it('opens a workspace found from a subfolder and names the file on bad JSON', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'gongkai.config.json'), JSON.stringify(defaultConfig()))
    mkdirSync(join(dir, 'a', 'b'), { recursive: true })
    expect(findWorkspace(join(dir, 'a', 'b'))).toBe(dir)
    const ws = openWorkspace(dir)
    expect(ws.path('catalogues')).toBe(join(dir, 'catalogues'))
    const broken = tmp()
    writeFileSync(join(broken, 'gongkai.config.json'), '{ nope')
    expect(() => openWorkspace(broken)).toThrow(/gongkai\.config\.json: not valid JSON/)
    writeFileSync(join(broken, 'gongkai.config.json'), JSON.stringify({ baseUrl: 1 }))
    expect(() => openWorkspace(broken)).toThrow(/gongkai\.config\.json#\/baseUrl: /)
  })

  it('opens the store of the config, or the one it is given', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'gongkai.config.json'), JSON.stringify(defaultConfig()))
    expect(openWorkspace(dir).storePath).toBe(join(dir, '.gongkai', 'store.db'))
    const other = join(tmp(), 'elsewhere.db')
    expect(openWorkspace(dir, { storePath: other }).storePath).toBe(other)
  })

  it('refuses to create an empty store where the workspace had one, naming the path', async () => {
    const dir = tmp()
    writeFileSync(join(dir, 'gongkai.config.json'), JSON.stringify(defaultConfig()))
    const ws = openWorkspace(dir)
    // A fresh workspace gets its store on first use.
    const first = ws.openStore()
    await first.run('CREATE TABLE t (x)')
    await first.close()
    mkdirSync(join(dir, '.gongkai', 'files', 'schools', '1'), { recursive: true })
    // The store file is deleted (and its WAL files): the workspace still has its marker and files.
    for (const f of ['store.db', 'store.db-wal', 'store.db-shm'])
      rmSync(join(dir, '.gongkai', f), { force: true })
    const store = join(dir, '.gongkai', 'store.db')
    expect(() => ws.openStore()).toThrow(
      new RegExp(`${store.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is missing`)
    )
    expect(() => ws.openStore()).toThrow(expect.objectContaining({ code: 'store_missing' }))
    expect(existsSync(store)).toBe(false)
    // Creating it is still possible when asked for (init, restore).
    const again = ws.openStore({ create: true })
    await again.close()
    expect(existsSync(store)).toBe(true)
  })
})

describe('resolveInside', () => {
  it('refuses paths that escape the root', () => {
    expect(resolveInside('/srv/ws', 'datasets/a.csv')).toBe('/srv/ws/datasets/a.csv')
    for (const bad of ['../etc/passwd', 'a/../../b', '/etc/passwd', 'a\0b']) {
      expect(() => resolveInside('/srv/ws', bad)).toThrow()
    }
  })
})
