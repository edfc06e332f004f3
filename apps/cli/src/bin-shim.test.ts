import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const pkgFile = fileURLToPath(new URL('../package.json', import.meta.url))
const shim = fileURLToPath(new URL('../bin/gongkai.js', import.meta.url))

describe('the gongkai bin', () => {
  it('is a committed file that npm can link at install time, shipped in the package', () => {
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
    expect(pkg.bin).toEqual({ gongkai: './bin/gongkai.js' })
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist', 'samples']))
    expect(readFileSync(shim, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('says to build first, instead of a stack trace, when dist is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-shim-'))
    mkdirSync(join(dir, 'bin'))
    copyFileSync(shim, join(dir, 'bin', 'gongkai.js'))
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'gongkai.js'), '--version'], {
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('gongkai is not built yet: run "npm run build"')
  })

  it('runs the built command', () => {
    const r = spawnSync(process.execPath, [shim, '--version'], { encoding: 'utf8' })
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
    expect(r.stdout).toBe(`gongkai ${pkg.version}\n`)
    expect(r.status).toBe(0)
  })
})
