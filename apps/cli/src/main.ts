import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type Command, type CommandContext, type Options, UsageError } from './command.js'
import { commands } from './commands/index.js'
import { ExitCode } from './exit-codes.js'
import type { Io } from './io.js'
import { createProgress } from './progress.js'

const globalOptions: Options = {
  workspace: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
}

/** Finds the command whose name is the longest prefix of the arguments. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const words = argv.filter((a) => !a.startsWith('-'))
  let best: Command | undefined
  for (const c of commands) {
    const parts = c.name.split(' ')
    if (parts.every((p, i) => words[i] === p)) {
      if (!best || parts.length > best.name.split(' ').length) best = c
    }
  }
  if (!best) return undefined
  const rest = [...argv]
  for (const p of best.name.split(' ')) rest.splice(rest.indexOf(p), 1)
  return { command: best, rest }
}

/** The overview printed by `gongkai --help`. */
export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return [
    'gongkai (公开): standard catalogues, linker and open data for 政务公开',
    '',
    'Usage: gongkai <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --workspace <dir> and --json.',
    'Exit codes: 0 ok, 1 failed check, 2 usage error.',
    '',
  ].join('\n')
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(helpText())
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out('gongkai 0.1.0\n')
    return ExitCode.ok
  }
  const found = findCommand(argv)
  if (!found) {
    io.err(`gongkai: unknown command "${argv.filter((a) => !a.startsWith('-')).join(' ')}"\n\n`)
    io.err(helpText())
    return ExitCode.usage
  }
  const { command, rest } = found
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    })
  } catch (err) {
    io.err(`gongkai ${command.name}: ${(err as Error).message}\nusage: ${command.usage}\n`)
    return ExitCode.usage
  }
  const flags = parsed.values as CommandContext['flags']
  if (flags.help) {
    io.out(`${command.summary}\n\nusage: ${command.usage}\n`)
    return ExitCode.ok
  }
  const json = flags.json === true
  const workspace =
    typeof flags.workspace === 'string' ? resolve(io.cwd, flags.workspace) : undefined
  const ctx: CommandContext = {
    args: parsed.positionals,
    flags,
    io,
    json,
    workspace,
    progress: (label) => createProgress(json ? { ...io, isTTY: false } : io, label),
  }
  try {
    return await command.run(ctx)
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`gongkai ${command.name}: ${err.message}\nusage: ${command.usage}\n`)
      return ExitCode.usage
    }
    // A bug or an environment failure: report it plainly instead of a stack trace.
    const message = err instanceof Error ? err.message : String(err)
    if (json) io.out(`${JSON.stringify({ ok: false, error: message })}\n`)
    io.err(`gongkai ${command.name}: ${message}\n`)
    return ExitCode.failed
  }
}
