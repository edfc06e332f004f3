import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type Command, type CommandContext, UsageError } from './command.js'
import { commands } from './commands/index.js'
import { ExitCode } from './exit-codes.js'
import { globalOptions, parseAsOf, parseStoreOption } from './global-options.js'
import type { Io } from './io.js'
import { createProgress } from './progress.js'

/** The version in the package's own package.json (`../package.json` from both src/ and dist/). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  return String(pkg.version)
}

/** What the command line asks for before any command runs. */
interface Split {
  /** The command whose words stand first among the positionals (the longest match). */
  command?: Command
  /** The arguments without the command's words. */
  rest: string[]
  /** Every positional word, for messages and `help <command>`. */
  words: string[]
  /** `--version` or `-v` without a command. */
  version: boolean
  /** `--help` or `-h` anywhere. */
  help: boolean
}

/**
 * Finds the command. Global flags may stand anywhere, so the line is first read with only them
 * declared: their values (`--workspace ws`) are then never mistaken for command words. A command's
 * own flags are unknown at this point; they come after its words, so they cannot shift them.
 */
function splitCommand(argv: string[], pool: readonly Command[]): Split {
  const { tokens } = parseArgs({
    args: argv,
    options: { ...globalOptions, version: { type: 'boolean', short: 'v' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  })
  const positionals = tokens.filter((t) => t.kind === 'positional')
  const words = positionals.map((t) => t.value)
  let best: Command | undefined
  for (const c of pool) {
    const parts = c.name.split(' ')
    if (parts.every((p, i) => words[i] === p) && parts.length > (best?.name.split(' ').length ?? 0))
      best = c
  }
  const flag = (name: string) => tokens.some((t) => t.kind === 'option' && t.name === name)
  const taken = new Set(positionals.slice(0, best?.name.split(' ').length ?? 0).map((t) => t.index))
  return {
    ...(best ? { command: best } : {}),
    rest: argv.filter((_, i) => !taken.has(i)),
    words,
    // `--version` is global only without a command: `dataset withdraw --version N` is the command's.
    version: !best && flag('version'),
    help: flag('help'),
  }
}

/** The overview printed by `gongkai --help`. */
export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  const dated = commands.filter((c) => c.dates).map((c) => c.name)
  return [
    'gongkai (公开): standard catalogues, linker and open data for 政务公开',
    '',
    'Usage: gongkai <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options (anywhere on the line):',
    '  -w, --workspace <dir>    the workspace (default: the nearest gongkai.config.json above)',
    '      --store <path>       the SQLite store to use (sqlite:<path> or a path) instead of its own',
    '      --json               one JSON document on stdout',
    `      --as-of YYYY-MM-DD   the day to count from, instead of today (${dated.join(', ')})`,
    '  -h, --help               this text, or a command\'s usage ("gongkai dataset add --help")',
    '  -v, --version            the version',
    '',
    'Exit codes: 0 ok, 1 failed check, 2 usage error.',
    '',
  ].join('\n')
}

const usageOf = (c: Command) => `${c.summary}\n\nusage: ${c.usage}\n`

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  const split = splitCommand(argv, commands)
  if (!split.command) {
    if (split.version) {
      io.out(`gongkai ${cliVersion()}\n`)
      return ExitCode.ok
    }
    // `gongkai help`, `gongkai --help`, `gongkai help dataset add`.
    if (split.words[0] === 'help' || (split.words.length === 0 && split.help)) {
      const sub = splitCommand(split.words.slice(1), commands).command
      io.out(sub ? usageOf(sub) : helpText())
      return ExitCode.ok
    }
    // No command at all: the overview, but as a wrong call (exit 2).
    if (split.words.length === 0) {
      io.out(helpText())
      return ExitCode.usage
    }
    io.err(`gongkai: unknown command "${split.words.join(' ')}"\n\n`)
    io.err(helpText())
    return ExitCode.usage
  }
  const { command, rest } = split
  const fail = (message: string) => {
    io.err(`gongkai ${command.name}: ${message}\nusage: ${command.usage}\n`)
    return ExitCode.usage
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    })
  } catch (err) {
    return fail((err as Error).message)
  }
  const flags = parsed.values as CommandContext['flags']
  if (flags.help) {
    io.out(usageOf(command))
    return ExitCode.ok
  }
  const json = flags.json === true
  let ctx: CommandContext
  try {
    const asOf = typeof flags['as-of'] === 'string' ? parseAsOf(flags['as-of']) : undefined
    if (asOf !== undefined && !command.dates) {
      const dated = commands.filter((c) => c.dates).map((c) => c.name)
      throw new UsageError(`takes no date: --as-of is for ${dated.join(', ')}`)
    }
    ctx = {
      args: parsed.positionals,
      flags,
      io,
      json,
      workspace: typeof flags.workspace === 'string' ? resolve(io.cwd, flags.workspace) : undefined,
      store: typeof flags.store === 'string' ? parseStoreOption(flags.store, io.cwd) : undefined,
      asOf,
      progress: (label) => createProgress(json ? { ...io, isTTY: false } : io, label),
    }
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message)
    throw err
  }
  try {
    return await command.run(ctx)
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message)
    // A bug or an environment failure: report it plainly instead of a stack trace.
    const message = err instanceof Error ? err.message : String(err)
    if (json) io.out(`${JSON.stringify({ ok: false, error: message })}\n`)
    io.err(`gongkai ${command.name}: ${message}\n`)
    return ExitCode.failed
  }
}
