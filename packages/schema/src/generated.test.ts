import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generate, generatedDir } from '../scripts/generate.js'

describe('generated files', () => {
  it('are up to date with the schemas (run `npm run generate -w @gongkai/schema`)', async () => {
    const files = await generate()
    const committed = [
      ...readdirSync(generatedDir).filter((f) => f.endsWith('.ts')),
      ...readdirSync(`${generatedDir}validators`).map((f) => `validators/${f}`),
    ]
    expect(committed.sort()).toEqual(Object.keys(files).sort())
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(`${generatedDir}${name}`, 'utf8'), name).toBe(text)
    }
  }, 30_000)
})
