import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { writeJson, writeNdjson } from './json-writer.js'

const dir = mkdtempSync(join(tmpdir(), 'gk-json-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const file = () => join(dir, `f${n++}`)

describe('writeJson / writeNdjson', () => {
  it('writes an array and NDJSON with exact byte and row counts', async () => {
    const rows = [
      { id: 1, 名称: '招生 "范围"', at: null },
      { id: 2, big: 10n },
    ]
    const a = file()
    const r1 = await writeJson(rows, a)
    const text = readFileSync(a, 'utf8')
    expect(JSON.parse(text)).toEqual([
      { id: 1, 名称: '招生 "范围"', at: null },
      { id: 2, big: '10' },
    ])
    expect(r1).toEqual({ bytes: Buffer.byteLength(text), rows: 2 })
    const b = file()
    const r2 = await writeNdjson(rows, b)
    const lines = readFileSync(b, 'utf8').split('\n')
    expect(lines.at(-1)).toBe('')
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual(JSON.parse(text))
    expect(r2.rows).toBe(2)
  })

  it('writes valid empty outputs', async () => {
    const a = file()
    expect((await writeJson([], a)).rows).toBe(0)
    expect(JSON.parse(readFileSync(a, 'utf8'))).toEqual([])
    const b = file()
    await writeNdjson([], b)
    expect(readFileSync(b, 'utf8')).toBe('')
  })

  it('round-trips any JSON objects from an async source (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 30 }),
        async (rows) => {
          async function* gen() {
            yield* rows
          }
          const a = file()
          await writeJson(gen(), a)
          // JSON normalises -0 to 0, so compare against a JSON round trip of the input.
          expect(JSON.parse(readFileSync(a, 'utf8'))).toEqual(JSON.parse(JSON.stringify(rows)))
        }
      ),
      { numRuns: 60 }
    )
  })
})
