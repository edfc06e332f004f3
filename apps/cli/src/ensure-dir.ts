import { mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/**
 * Creates a folder and its missing parents one level at a time, so a path that cannot exist
 * (under /proc, below a file) fails with a clear error instead of Node's recursive mkdir spinning.
 */
export function ensureDir(path: string): void {
  const full = resolve(path)
  const missing: string[] = []
  let p = full
  for (;;) {
    let st: ReturnType<typeof statSync>
    try {
      st = statSync(p, { throwIfNoEntry: false })
    } catch (err) {
      // ENOTDIR: an ancestor is a file; keep climbing to name it.
      if ((err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err
      st = undefined
    }
    if (st) {
      if (!st.isDirectory()) throw new Error(`${p} exists and is not a folder`)
      break
    }
    missing.push(p)
    const up = dirname(p)
    if (up === p) break
    p = up
  }
  for (const dir of missing.reverse()) mkdirSync(dir)
}
