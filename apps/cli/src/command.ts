import type { ParseArgsConfig } from 'node:util'
import type { StoreOption } from './global-options.js'
import type { Io } from './io.js'
import type { Progress } from './progress.js'

/** Flag definitions in node:util parseArgs form. */
export type Options = NonNullable<ParseArgsConfig['options']>

/** What a command receives. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[]
  /** Parsed flags (the command's own plus the global ones). */
  flags: Record<string, string | boolean | string[] | undefined>
  io: Io
  /** `--json`: print one JSON document on stdout instead of text. */
  json: boolean
  /** `--workspace <dir>` resolved against the cwd, if given. */
  workspace: string | undefined
  /** `--store <sqlite:path|path>`, if given: the store to use instead of the workspace's own. */
  store: StoreOption | undefined
  /** `--as-of YYYY-MM-DD`, if given (only commands with `dates: true` receive one). */
  asOf: string | undefined
  /** A progress reporter for long work (silent when not on a TTY or with --json). */
  progress(label: string): Progress
}

/** One `gongkai` command, e.g. `validate` or `catalogue list`. */
export interface Command {
  /** Words that select it, e.g. `catalogue list`. */
  name: string
  /** One line for the command list. */
  summary: string
  /** Usage line(s) shown by `--help` and on usage errors. */
  usage: string
  options?: Options
  /** True when the command works relative to a date, so it takes `--as-of` (others refuse it). */
  dates?: boolean
  run(ctx: CommandContext): Promise<number>
}

/** Thrown by commands for a wrong call; `main` prints it with the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
