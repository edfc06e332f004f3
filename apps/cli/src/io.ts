/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface Io {
  out(text: string): void
  err(text: string): void
  /** True when stderr is a terminal: progress bars are drawn only then. */
  isTTY: boolean
  /** Current working directory for relative paths. */
  cwd: string
}

/** The process's own streams. */
export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  }
}

/** An Io that records what was written, for tests. */
export function bufferIo(cwd: string = process.cwd()): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    cwd,
    out(t: string) {
      io.stdout += t
    },
    err(t: string) {
      io.stderr += t
    },
  }
  return io
}
