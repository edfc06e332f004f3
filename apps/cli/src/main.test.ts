import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commands } from './commands/index.js'
import { globalOptions, parseAsOf, parseStoreOption } from './global-options.js'
import { bufferIo } from './io.js'
import { cliVersion, main } from './main.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'gongkai-main-'))

/** Runs `main` in this process, as the binary would, with recorded output. */
async function run(argv: string[], cwd = tmp()) {
  const io = bufferIo(cwd)
  const code = await main(argv, io)
  return { code, stdout: io.stdout, stderr: io.stderr }
}

describe('global flags', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect(cliVersion()).toBe(pkg.version)
    for (const argv of [['--version'], ['-v'], ['--json', '--version']]) {
      const r = await run(argv)
      expect(r).toEqual({ code: 0, stdout: `gongkai ${pkg.version}\n`, stderr: '' })
    }
  })

  it('--workspace and --json may stand before, between or after the command words', async () => {
    const cwd = tmp()
    expect((await run(['init', 'ws', '--no-samples'], cwd)).code).toBe(0)
    for (const argv of [
      ['--workspace', 'ws', 'dataset', 'list', '--json'],
      ['--json', '-w', 'ws', 'dataset', 'list'],
      ['dataset', '--workspace=ws', 'list', '--json'],
      ['dataset', 'list', '--json', '--workspace', 'ws'],
    ]) {
      const r = await run(argv, cwd)
      expect(r.stderr, argv.join(' ')).toBe('')
      expect(r.code, argv.join(' ')).toBe(0)
      expect(JSON.parse(r.stdout)).toEqual([])
    }
    // A flag value equal to a command word is still a value.
    expect((await run(['init', 'dataset', '--no-samples'], cwd)).code).toBe(0)
    const r = await run(['--workspace', 'dataset', 'dataset', 'list'], cwd)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('0 dataset(s)\n')
  })

  it('--help anywhere prints the usage; help <command> too', async () => {
    const overview = await run(['--workspace', 'ws', '--help'])
    expect(overview.code).toBe(0)
    expect(overview.stdout).toContain('Global options (anywhere on the line)')
    const usage = await run(['--json', 'dataset', 'add', '--help'])
    expect(usage.code).toBe(0)
    expect(usage.stdout).toContain('usage: gongkai dataset add <file>')
    expect((await run(['help', 'dataset', 'add'])).stdout).toBe(usage.stdout)
    const none = await run([])
    expect(none.code).toBe(2)
    expect(none.stdout).toContain('Commands:')
  })

  it('refuses an unknown command or flag with exit 2', async () => {
    const unknown = await run(['--workspace', 'ws', 'dataset', 'lst'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "dataset lst"')
    const flag = await run(['dataset', 'list', '--bogus'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain("Unknown option '--bogus'")
    expect(flag.stderr).toContain('usage: gongkai dataset list')
    // --version belongs to the command when there is one.
    expect((await run(['dataset', 'list', '--version'])).code).toBe(2)
  })

  it('no command redefines a global flag', () => {
    for (const c of commands) {
      for (const name of Object.keys(c.options ?? {}))
        expect(Object.keys(globalOptions), `${c.name} --${name}`).not.toContain(name)
    }
  })
})

describe('--as-of', () => {
  it('is a real YYYY-MM-DD date', () => {
    expect(parseAsOf('2024-02-29')).toBe('2024-02-29')
    for (const bad of ['2023-02-29', '2024-2-1', '20240201', 'today', '2024-02-01T00:00'])
      expect(() => parseAsOf(bad), bad).toThrow(/--as-of expects a date YYYY-MM-DD/)
  })

  it('is taken by commands that count from a day, refused with exit 2 by the others', async () => {
    expect(commands.filter((c) => c.dates).map((c) => c.name)).toEqual([
      'due',
      'report',
      'request show',
      'request list',
      'message show',
      'message list',
      'consultation show',
      'consultation list',
      'due-list',
      'remind',
    ])
    const due = await run(['--as-of', '2021-04-14', 'due', '--working-days', '20'])
    expect(due).toMatchObject({ code: 0, stdout: '2021-05-13\n' })
    // An explicit start date wins over --as-of.
    const both = await run(['due', '2021-01-22', '--calendar-days', '20', '--as-of', '2021-04-14'])
    expect(both.stdout).toBe('2021-02-18\n')
    const bad = await run(['due', '--as-of', '2021-02-30', '--working-days', '3'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--as-of expects a date YYYY-MM-DD, got "2021-02-30"')
    const refused = await run(['catalogue', 'list', '--as-of', '2021-04-14'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      'takes no date: --as-of is for due, report, request show, request list, message show, message list, consultation show, consultation list, due-list, remind'
    )
  })

  it('sets the reporting day of report', async () => {
    const cwd = tmp()
    expect((await run(['init', 'ws', '--no-samples'], cwd)).code).toBe(0)
    const r = await run(['report', '-w', 'ws', '--as-of', '2021-06-01'], cwd)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).today).toBe('2021-06-01')
  })
})

describe('--store', () => {
  it('reads sqlite:<path> and plain paths against the cwd; refuses other URLs', () => {
    expect(parseStoreOption('sqlite:a/b.db', '/srv')).toEqual({
      dialect: 'sqlite',
      path: '/srv/a/b.db',
    })
    expect(parseStoreOption('/x/y.db', '/srv')).toEqual({ dialect: 'sqlite', path: '/x/y.db' })
    expect(() => parseStoreOption('postgres://u@h/db', '/srv')).toThrow(/not supported yet/)
    expect(() => parseStoreOption('postgresql://h/db', '/srv')).toThrow(/not supported yet/)
    expect(() => parseStoreOption('mysql://h/db', '/srv')).toThrow(/sqlite:<path> or a path/)
    expect(() => parseStoreOption('sqlite:', '/srv')).toThrow(/needs a file path/)
  })

  it('puts the data into the store it names, files beside it', async () => {
    const cwd = tmp()
    expect((await run(['init', 'ws', '--no-samples'], cwd)).code).toBe(0)
    const r = await run(
      [
        '--store',
        'sqlite:other/s.db',
        '-w',
        'ws',
        'token',
        'create',
        '--org',
        'demo-district',
        '--role',
        'publisher',
        '--json',
      ],
      cwd
    )
    expect(r.code).toBe(0)
    expect(existsSync(join(cwd, 'other', 's.db'))).toBe(true)
    const inOther = await run(['token', 'list', '-w', 'ws', '--store', 'other/s.db', '--json'], cwd)
    expect(JSON.parse(inOther.stdout)).toHaveLength(1)
    const inOwn = await run(['token', 'list', '-w', 'ws', '--json'], cwd)
    expect(JSON.parse(inOwn.stdout)).toHaveLength(0)
  })

  it('refuses postgres:// with exit 2 before touching anything', async () => {
    const r = await run(['dataset', 'list', '--store', 'postgres://localhost/gongkai'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--store postgres://… is not supported yet')
  })
})
