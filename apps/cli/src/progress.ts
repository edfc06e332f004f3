import type { Io } from './io.js'

/** A progress reporter: a bar on a terminal, nothing when piped, so scripts get clean output. */
export interface Progress {
  /** Sets the total when it becomes known. */
  total(n: number): void
  /** Advances by `n` (default 1). */
  tick(n?: number): void
  /** Clears the bar. */
  done(): void
}

/** Creates a progress reporter labelled `label` writing to `io.err` when `io.isTTY`. */
export function createProgress(io: Io, label: string): Progress {
  if (!io.isTTY) return { total() {}, tick() {}, done() {} }
  let total = 0
  let count = 0
  let last = 0
  const draw = (force = false) => {
    const now = Date.now()
    // Redrawing every item would cost more than the work on fast loops; ten frames a second is enough.
    if (!force && now - last < 100) return
    last = now
    const width = 30
    const ratio = total > 0 ? Math.min(1, count / total) : 0
    const bar = total > 0 ? `[${'#'.repeat(Math.round(ratio * width)).padEnd(width)}]` : ''
    const pct = total > 0 ? ` ${(ratio * 100).toFixed(0)}%` : ''
    io.err(`\r${label} ${bar} ${count}${total ? `/${total}` : ''}${pct}`)
  }
  return {
    total(n) {
      total = n
      draw(true)
    },
    tick(n = 1) {
      count += n
      draw()
    },
    done() {
      draw(true)
      io.err('\n')
    },
  }
}
