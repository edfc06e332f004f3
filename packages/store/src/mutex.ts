/**
 * A FIFO lock for async work on one connection. A transaction holds it across awaits so that no
 * other caller's statement lands inside someone else's BEGIN … COMMIT.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve()
  private held = false

  /** True while some caller holds the lock. */
  get locked(): boolean {
    return this.held
  }

  /** Waits for the lock; call the returned function to release it. */
  async acquire(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((resolve) => {
      release = resolve
    })
    const previous = this.tail
    this.tail = previous.then(() => next)
    await previous
    this.held = true
    return () => {
      this.held = false
      release()
    }
  }
}
