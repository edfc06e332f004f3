import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBindingRules } from './rules-file.js'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-rules-'))

describe('loadBindingRules', () => {
  it('accepts a valid bindings.json', async () => {
    const file = join(dir, 'ok.json')
    writeFileSync(
      file,
      JSON.stringify({
        rules: [{ id: 'r', entry: { catalogue: 'c', entry: 'e' }, column: '招生' }],
      })
    )
    const r = await loadBindingRules(file)
    expect(r.ok && r.rules.rules?.[0]?.id).toBe('r')
  })

  it('names the file and JSON pointer of each error', async () => {
    const file = join(dir, 'bad.json')
    writeFileSync(
      file,
      JSON.stringify({
        rules: [
          { id: 'r', entry: { catalogue: 'c', entry: 'e' } },
          {
            id: 's',
            entry: { catalogue: 'c', entry: 'e' },
            column: 'x',
            from: '2021-05-01',
            to: '2021-01-01',
          },
        ],
      })
    )
    const r = await loadBindingRules(file)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.every((p) => p.file === file)).toBe(true)
    expect(r.problems.map((p) => p.pointer)).toEqual(
      expect.arrayContaining(['/rules/0', expect.stringMatching(/^\/rules\/1/)])
    )
  })

  it('reports unreadable files and bad JSON without throwing', async () => {
    const missing = await loadBindingRules(join(dir, 'none.json'))
    expect(missing.ok).toBe(false)
    const file = join(dir, 'broken.json')
    writeFileSync(file, '{ "rules": [')
    const broken = await loadBindingRules(file)
    expect(!broken.ok && broken.problems[0]?.message).toMatch(/not JSON/)
  })
})
