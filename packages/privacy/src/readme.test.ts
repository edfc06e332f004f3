import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// The README's snippet runs as written against the source, and each `call // result` line in it
// is checked: the result its comment shows is the result it gives.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
const dir = mkdtempSync(join(tmpdir(), 'gk-privacy-readme-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('README', () => {
  it('has a usage snippet whose calls give the results its comments show', async () => {
    const checks: string[] = []
    for (const line of snippet.split('\n')) {
      const m = /^(\S.*?) \/\/ ((?:\[|'|true|false|\d).*)$/.exec(line)
      if (m && !m[2]?.includes('…')) checks.push(`expect(${m[1]}).toEqual(${m[2]})`)
    }
    expect(checks.length).toBeGreaterThanOrEqual(6)
    const source = fileURLToPath(new URL('./index.ts', import.meta.url))
    const file = join(dir, 'snippet.ts')
    writeFileSync(
      file,
      `import { expect } from 'vitest'\n${snippet.replace("'@gongkai/privacy'", JSON.stringify(source))}
${checks.join('\n')}
export { school }\n`
    )
    const out = await import(file)
    expect(out.school.count).toBe(1)
  })
})
