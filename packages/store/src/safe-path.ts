import { isAbsolute, relative, resolve, sep } from 'node:path'
import { StoreError } from './store-error.js'

/**
 * Resolves `child` inside `root` and refuses anything that escapes it (`..`, absolute paths, NUL),
 * so no parameter or config value can reach files outside the workspace.
 */
export function resolveInside(root: string, child: string): string {
  if (child.includes('\0'))
    throw new StoreError('path', `path contains a NUL byte: ${JSON.stringify(child)}`)
  if (isAbsolute(child))
    throw new StoreError('path', `expected a path inside the workspace, got ${child}`)
  const base = resolve(root)
  const full = resolve(base, child)
  const rel = relative(base, full)
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new StoreError('path', `path escapes the workspace: ${child}`)
  }
  return full
}
