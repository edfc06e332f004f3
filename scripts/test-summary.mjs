// Sums the vitest "Tests  N passed | M failed" lines of a turbo run into one closing line.
import { readFileSync } from 'node:fs'

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes is the point
const text = readFileSync(process.argv[2] ?? 0, 'utf8').replace(/\x1b\[[0-9;]*m/g, '')
let passed = 0
let failed = 0
let skipped = 0
for (const line of text.split('\n')) {
  const m = line.match(/\bTests\s+(.*)\(\d+\)\s*$/)
  if (!m) continue
  passed += Number(m[1].match(/(\d+) passed/)?.[1] ?? 0)
  failed += Number(m[1].match(/(\d+) failed/)?.[1] ?? 0)
  skipped += Number(m[1].match(/(\d+) skipped/)?.[1] ?? 0)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
