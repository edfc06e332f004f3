import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
// The command `npx gongkai` runs from the repository: the bin npm linked at install time.
const bin = join(root, 'node_modules', '.bin', 'gongkai')

/** One `$ …` line of a console block of the README and the output lines shown under it. */
interface Example {
  line: string
  argv: string[]
  exit: number
  shown: string[]
}

/** Splits a command line into words: spaces separate, single and double quotes group. */
function shellWords(line: string): string[] {
  const words: string[] = []
  let word: string | undefined
  let quote: string | undefined
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined
      else word = (word ?? '') + c
    } else if (c === '"' || c === "'") {
      quote = c
      word ??= ''
    } else if (c === ' ') {
      if (word !== undefined) words.push(word)
      word = undefined
    } else word = (word ?? '') + c
  }
  if (quote) throw new Error(`unclosed quote in: ${line}`)
  if (word !== undefined) words.push(word)
  return words
}

/** The `$ …` lines of every console block, in order, with their expected exit code and output. */
function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = []
  for (const block of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const text of (block[1] ?? '').split('\n')) {
      if (text.startsWith('$ ')) {
        const m = /^\$ (.*?)(?:\s+# exit (\d+))?$/.exec(text)
        const command = m?.[1] ?? ''
        examples.push({
          line: command,
          argv: shellWords(command),
          exit: Number(m?.[2] ?? 0),
          shown: [],
        })
      } else if (text !== '') examples.at(-1)?.shown.push(text)
    }
  }
  return examples
}

/** A shown line as a pattern: `…` stands for anything that differs from run to run. */
const pattern = (shown: string) =>
  new RegExp(
    `^${shown
      .split('…')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  )

/** `gongkai serve` runs until Ctrl-C: wait for its URL line, check it answers, then stop it. */
async function serve(args: string[], cwd: string) {
  // Port 0: the example's default port may be taken on a shared machine.
  const child: ChildProcess = spawn(bin, [...args, '--port', '0'], { cwd })
  let stdout = ''
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout?.on('data', (d) => {
      stdout += d
      const m = /(http:\/\/\S+)\n/.exec(stdout)
      if (m?.[1]) resolveUrl(m[1])
    })
    child.on('close', () => reject(new Error(`serve exited early: ${stderr}`)))
  })
  const health = await fetch(`${url}/healthz`)
  child.kill('SIGINT')
  const code = await exited
  // As the example would print it on its own port.
  const port = `:${new URL(url).port}`
  return {
    code,
    stdout: stdout.replaceAll(port, ':8787'),
    stderr: stderr.replaceAll(port, ':8787'),
    health: health.status,
  }
}

describe('reading the examples', () => {
  it('splits words as a shell does and takes the exit code from the comment', () => {
    expect(shellWords(`npx gongkai a "b c" 'd "e"' f`)).toEqual([
      'npx',
      'gongkai',
      'a',
      'b c',
      'd "e"',
      'f',
    ])
    const [e] = readmeExamples(
      '```console\n$ npx gongkai validate x.json   # exit 1\nx.json: bad\n```\n'
    )
    expect(e).toEqual({
      line: 'npx gongkai validate x.json',
      argv: ['npx', 'gongkai', 'validate', 'x.json'],
      exit: 1,
      shown: ['x.json: bad'],
    })
    expect(pattern('(… bytes, … ms)').test('(1024 bytes, 3 ms)')).toBe(true)
    expect(pattern('a.b').test('axb')).toBe(false)
  })
})

describe('the README', () => {
  const examples = readmeExamples(readFileSync(join(root, 'README.md'), 'utf8'))

  it('writes every gongkai example as npx gongkai', () => {
    const commands = examples.filter((e) => e.argv[0] !== 'cd')
    expect(commands.length).toBeGreaterThan(10)
    for (const e of commands) expect(e.argv.slice(0, 2), e.line).toEqual(['npx', 'gongkai'])
  })

  it('npx finds the gongkai that npm linked from apps/cli', () => {
    expect(existsSync(bin), `${bin} is missing: run "npm ci" (or "npm install")`).toBe(true)
    const r = spawnSync('npx', ['--no', '--', 'gongkai', '--version'], {
      cwd: root,
      encoding: 'utf8',
    })
    const pkg = JSON.parse(readFileSync(join(root, 'apps', 'cli', 'package.json'), 'utf8'))
    expect(r.stdout).toBe(`gongkai ${pkg.version}\n`)
  })

  it('runs every example in order in a fresh folder: exit codes, JSON and output as shown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-readme-'))
    // The examples read samples/ relative to the repository root; a copy keeps the repo clean.
    cpSync(join(root, 'samples'), join(dir, 'samples'), { recursive: true })
    let cwd = dir
    for (const e of examples) {
      if (e.argv[0] === 'cd') {
        cwd = resolve(cwd, e.argv[1] ?? '')
        continue
      }
      const args = e.argv.slice(2)
      const r =
        args[0] === 'serve'
          ? await serve(args, cwd)
          : { ...spawnSync(bin, args, { cwd, encoding: 'utf8' }), health: 200 }
      const output = `${r.stdout}${r.stderr}`
      const code = 'status' in r ? r.status : r.code
      expect(code, `${e.line}\n${output}`).toBe(e.exit)
      expect(r.health, e.line).toBe(200)
      if (args.includes('--json')) expect(() => JSON.parse(r.stdout), e.line).not.toThrow()
      const lines = output.split('\n')
      for (const shown of e.shown) {
        const p = pattern(shown)
        expect(
          lines.some((l) => p.test(l)),
          `${e.line}\nshows "${shown}" but printed:\n${output}`
        ).toBe(true)
      }
    }
  }, 240_000)
})
