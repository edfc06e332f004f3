// No built package or app generates code at run time (`new Function`, `eval`): such code cannot run
// under a Content-Security-Policy without 'unsafe-eval', is opaque to bundlers, and once hid a 262 KB
// source string in @gongkai/schema. The test reads every dist after the build; it lives in bench
// because bench depends on every package, so `turbo run test` builds them all before it runs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bench = JSON.parse(readFileSync(join(root, 'bench', 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}

interface Workspace {
  dir: string
  name: string
}

/** Every packages/* and apps/* workspace that has a build script. */
function builtWorkspaces(): Workspace[] {
  const out: Workspace[] = []
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const file = join(root, group, name, 'package.json')
      if (!existsSync(file)) continue
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string
        scripts?: Record<string, string>
      }
      if (pkg.scripts?.build) out.push({ dir: join(root, group, name), name: pkg.name })
    }
  }
  return out
}

function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f)
    if (statSync(path).isDirectory()) return scripts(path)
    return /\.(c|m)?js$/.test(f) ? [path] : []
  })
}

// `new Function(`, `Function(` called bare, and `eval(`; `isFunction(` or `.eval(` do not count.
const CODE_GENERATION = /(?<![\w$.])(?:new\s+Function\s*\(|Function\s*\(\s*["'`]|eval\s*\()/

describe('built code', () => {
  const workspaces = builtWorkspaces()

  it('covers packages and apps, each a dependency of bench (so turbo builds it first)', () => {
    expect(workspaces.map((w) => w.name)).toEqual(
      expect.arrayContaining(['@gongkai/schema', '@gongkai/gateway', '@gongkai/cli'])
    )
    const missing = workspaces.filter((w) => !(w.name in bench.devDependencies))
    expect(
      missing.map((w) => w.name),
      'add them to bench/package.json devDependencies'
    ).toEqual([])
  })

  for (const w of workspaces) {
    it(`${w.name}: dist has no new Function or eval`, () => {
      const dist = join(w.dir, 'dist')
      // A missing or empty dist fails: the check must never pass because nothing was built.
      expect(existsSync(dist), `${relative(root, dist)} is missing: run npm run build`).toBe(true)
      const files = scripts(dist)
      expect(files.length, `${relative(root, dist)} holds no .js file`).toBeGreaterThan(0)
      const offenders = files.flatMap((f) => {
        const text = readFileSync(f, 'utf8')
        const m = CODE_GENERATION.exec(text)
        if (!m) return []
        const at = m.index
        return [`${relative(root, f)}: …${text.slice(Math.max(0, at - 40), at + 60)}…`]
      })
      expect(offenders).toEqual([])
    })
  }
})
