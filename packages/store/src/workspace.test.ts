import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveInside } from './safe-path.js'
import { findWorkspace, openWorkspace } from './workspace.js'
import { defaultConfig, parseConfig } from './workspace-config.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'gongkai-ws-'))

describe('workspace config', () => {
  it('fills defaults for a minimal config', () => {
    const r = parseConfig({ organisation: { id: 'changning', name: '长宁区人民政府' } })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.store.path).toBe('.gongkai/store.db')
      expect(r.value.organisation.name).toBe('长宁区人民政府')
    }
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
        ['/baseUrl', '/extra', '/organisation/id', '/paths'].sort()
      )
    }
    expect(parseConfig([]).ok).toBe(false)
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
    expect(() => openWorkspace(broken)).toThrow(/#\/baseUrl: expected a non-empty string/)
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
