import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generate, generatedDir } from '../scripts/generate'

describe('generated files', () => {
  it('are up to date with the schemas (run `npm run generate -w @gongkai/schema`)', async () => {
    const files = await generate()
    expect(Object.keys(files).sort()).toEqual(['data.ts', 'types.ts', 'validators.ts'])
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(`${generatedDir}${name}`, 'utf8'), name).toBe(text)
    }
  }, 30_000)
})
