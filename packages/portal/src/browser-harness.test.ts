import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_CHROMIUM, resolveChromium } from './browser-harness.js'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-chromium-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('resolveChromium', () => {
  it('takes GONGKAI_CHROMIUM when it names an executable file', () => {
    const exe = join(dir, 'chrome')
    writeFileSync(exe, '#!/bin/sh\n')
    chmodSync(exe, 0o755)
    expect(resolveChromium({ GONGKAI_CHROMIUM: exe })).toBe(exe)
  })

  it('fails (never skips) in CI when the browser is missing, naming the path', () => {
    const missing = join(dir, 'no-such-chromium')
    expect(() => resolveChromium({ GONGKAI_CHROMIUM: missing, CI: 'true' })).toThrow(
      new RegExp(`${missing}.*does not exist.*CI is set, so they fail rather than skip`)
    )
  })

  it('refuses a file that is not executable and a directory', () => {
    const plain = join(dir, 'plain')
    writeFileSync(plain, '')
    chmodSync(plain, 0o644)
    expect(() => resolveChromium({ GONGKAI_CHROMIUM: plain })).toThrow(/is not executable/)
    expect(() => resolveChromium({ GONGKAI_CHROMIUM: dir })).toThrow(/is not a file/)
  })

  it('defaults to Debian’s path', () => {
    expect(DEFAULT_CHROMIUM).toBe('/usr/bin/chromium')
  })
})
