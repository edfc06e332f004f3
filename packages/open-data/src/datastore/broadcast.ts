/**
 * Feeds one async stream of batches to several consumers that each read at their own pace, so a
 * table is read once for all its files. A consumer more than `window` batches ahead of the
 * slowest waits, which keeps memory bounded. Each consumer gets its own projection of the items.
 * The consumers are hand-written iterators: an item already buffered costs one resolved promise,
 * not the queueing of an async generator (it matters at a million rows times three files).
 */
export function broadcast<T, U extends unknown[]>(
  source: AsyncIterable<T[]>,
  projections: { [K in keyof U]: (item: T) => U[K] },
  window = 4
): { [K in keyof U]: AsyncIterable<U[K]> } {
  const it = source[Symbol.asyncIterator]()
  const batches: T[][] = []
  let base = 0
  let done = false
  let failure: unknown
  let pulling: Promise<void> | undefined
  const pos = projections.map(() => 0)
  let waiting: (() => void)[] = []

  const pull = (): Promise<void> => {
    pulling ??= it.next().then(
      (r) => {
        if (r.done) done = true
        else batches.push(r.value)
        pulling = undefined
      },
      (err) => {
        failure = err
        done = true
        pulling = undefined
      }
    )
    return pulling
  }

  const release = () => {
    const min = Math.min(...pos)
    while (base < min && batches.length > 0) {
      batches.shift()
      base++
    }
    const w = waiting
    waiting = []
    for (const f of w) f()
  }

  function consumer<V>(k: number, project: (item: T) => V): AsyncIterable<V> {
    let batch = -1 // index of the batch being read
    let items: T[] = []
    let j = 0
    const finish = (): IteratorResult<V> => {
      pos[k] = Number.POSITIVE_INFINITY
      release()
      return { done: true, value: undefined }
    }
    const advance = async (): Promise<IteratorResult<V>> => {
      for (;;) {
        const next = batch + 1
        // Moving past `batch` frees it for everyone.
        pos[k] = next
        release()
        while (next - Math.min(...pos) >= window) await new Promise<void>((r) => waiting.push(r))
        while (base + batches.length <= next && !done) await pull()
        if (failure) {
          finish()
          throw failure
        }
        if (next >= base + batches.length) return finish()
        batch = next
        items = batches[next - base] as T[]
        j = 0
        if (items.length > 0) return { done: false, value: project(items[j++] as T) }
      }
    }
    const iterator: AsyncIterator<V> = {
      next: () =>
        j < items.length
          ? Promise.resolve({ done: false, value: project(items[j++] as T) })
          : advance(),
      return: async () => finish(),
    }
    return { [Symbol.asyncIterator]: () => iterator }
  }
  return projections.map((p, k) => consumer(k, p)) as { [K in keyof U]: AsyncIterable<U[K]> }
}
