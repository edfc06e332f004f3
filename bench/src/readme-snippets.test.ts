// Every package README shows a usage snippet; this test extracts the ```ts blocks of all of them,
// type-checks them against the built packages (tsc, the repository's own settings) and runs each
// one not marked `ts no-run` (those need the reader's files or a long-running server) in a fresh
// folder. It lives in bench because bench depends on every package, so turbo builds them first.
import { execFile } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const root = join(benchDir, '..')

interface Snippet {
  readme: string
  /** 1-based line of the opening fence. */
  line: number
  code: string
  runs: boolean
  file: string
}

/** The ```ts blocks of a Markdown file (the fence's info string may add `no-run`). */
export function tsBlocks(markdown: string): { line: number; code: string; runs: boolean }[] {
  const out: { line: number; code: string; runs: boolean }[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```ts(?:\s+(.*))?$/.exec(lines[i] ?? '')
    if (!open) continue
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '')
    if (i >= lines.length) throw new Error(`unclosed \`\`\`ts block opened at line ${start + 1}`)
    out.push({ line: start + 1, code: body.join('\n'), runs: !/\bno-run\b/.test(open[1] ?? '') })
  }
  return out
}

const readmes = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group))
    .filter((name) => existsSync(join(root, group, name, 'package.json')))
    .sort()
    .map((name) => join(group, name))
)

// Inside the repository, so the snippets resolve @gongkai/* and their dependencies as users would.
const work = mkdtempSync(join(benchDir, '.readme-snippets-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const snippets: Snippet[] = readmes.flatMap((dir) => {
  const readme = join(dir, 'README.md')
  if (!existsSync(join(root, readme))) return []
  return tsBlocks(readFileSync(join(root, readme), 'utf8')).map((b, n) => {
    const file = join(work, `${dir.replace('/', '-')}-${n + 1}.ts`)
    // `export {}` makes each file a module: top-level await, and names never clash across files.
    writeFileSync(file, `${b.code}\nexport {}\n`)
    return { readme, ...b, file }
  })
})

describe('package READMEs', () => {
  it.each(readmes)(
    '%s has a README with its name, what it is for and a ```ts usage snippet',
    (dir) => {
      const path = join(root, dir, 'README.md')
      expect(existsSync(path), `${dir}/README.md is missing`).toBe(true)
      const text = readFileSync(path, 'utf8')
      const { name } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
        name: string
      }
      expect(text.split('\n')[0]).toBe(`# ${name}`)
      // The paragraph under the title says what the package is for.
      const intro = text.split('\n## ')[0]?.split('\n').slice(1).join(' ').trim() ?? ''
      expect(intro.length, 'a paragraph under the title').toBeGreaterThan(40)
      expect(snippets.filter((s) => s.readme === join(dir, 'README.md')).length).toBeGreaterThan(0)
    }
  )

  it('every snippet type-checks against the built packages', async () => {
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(work, join(root, 'tsconfig.base.json')),
        compilerOptions: { types: ['node'], noEmit: true },
        include: ['*.ts'],
      })
    )
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
    const result = await run(process.execPath, [tsc, '-p', work], { cwd: work }).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err)
    )
    // Name the README and line instead of the temporary file.
    const located = snippets.reduce(
      (text, s) => text.replaceAll(relative(work, s.file), `${s.readme} (block at line ${s.line})`),
      result
    )
    expect(located).toBe('')
  }, 120_000)

  const runnable = snippets.filter((s) => s.runs)
  const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  it.each(runnable.map((s) => [`${s.readme}:${s.line}`, s] as const))(
    '%s runs',
    async (_, s) => {
      const cwd = mkdtempSync(join(tmpdir(), 'gongkai-readme-'))
      mkdirSync(join(cwd, '.gongkai'), { recursive: true })
      try {
        await run(process.execPath, [tsxCli, s.file], {
          cwd,
          env: { ...process.env, NODE_NO_WARNINGS: '1' },
          timeout: 60_000,
        })
      } catch (err) {
        const e = err as { stderr?: string; message: string }
        throw new Error(`${s.readme} (block at line ${s.line}) failed:\n${e.stderr || e.message}`)
      } finally {
        rmSync(cwd, { recursive: true, force: true })
      }
    },
    90_000
  )

  it('finds blocks and honours no-run (the extractor itself)', () => {
    expect(tsBlocks('# x\n```ts\na()\n```\n```ts no-run\nb()\n```\n```js\nc()\n```\n')).toEqual([
      { line: 2, code: 'a()', runs: true },
      { line: 5, code: 'b()', runs: false },
    ])
  })
})
