/** Exit codes of every `gongkai` command. */
export const ExitCode = {
  /** Everything worked and every check passed. */
  ok: 0,
  /** The command ran but a check failed (invalid file, broken links, refused publish …). */
  failed: 1,
  /** The command was called wrongly (unknown flag, missing argument, missing file). */
  usage: 2,
} as const

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]
