import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh temporary folder for one test file's fixtures (written by the tests themselves). */
export function tempDir(prefix = 'od-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Writes bytes or text into `dir` and returns the path. */
export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
