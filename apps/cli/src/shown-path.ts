import { relative } from 'node:path'

/**
 * A path as text output shows it: relative to the current folder when that is shorter (`ws`,
 * `../site`), else absolute. JSON output keeps absolute paths.
 */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path)
  if (rel === '') return '.'
  return rel.length < path.length ? rel : path
}
