import { readFileSync } from 'node:fs'

/** A JSON file read, or why it could not be. */
export type JsonFile =
  | { ok: true; value: unknown }
  | { ok: false; kind: 'missing' | 'syntax'; message: string }

/** Reads and parses a JSON file; syntax errors carry line and column. */
export function readJsonFile(path: string): JsonFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    return {
      ok: false,
      kind: 'missing',
      message: `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    }
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) }
  } catch (err) {
    const message = (err as Error).message
    const pos = Number(message.match(/position (\d+)/)?.[1])
    if (Number.isFinite(pos)) {
      const before = text.slice(0, pos)
      const line = before.split('\n').length
      const column = pos - before.lastIndexOf('\n')
      return {
        ok: false,
        kind: 'syntax',
        message: `${path}:${line}:${column}: invalid JSON (${message})`,
      }
    }
    return { ok: false, kind: 'syntax', message: `${path}: invalid JSON (${message})` }
  }
}
