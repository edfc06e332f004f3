/**
 * Single items out of an async stream of batches, each mapped by `fn`, as a hand-written iterator:
 * an item already fetched costs one resolved promise, not the queueing an async generator's
 * `yield` adds per item (it matters at a million rows).
 */
export function mapBatches<T, U>(
  source: () => AsyncIterable<T[]>,
  fn: (item: T) => U
): AsyncIterable<U> {
  return {
    [Symbol.asyncIterator]() {
      let it: AsyncIterator<T[]> | undefined
      let items: T[] = []
      let j = 0
      let finished = false
      const refill = async (): Promise<IteratorResult<U>> => {
        for (;;) {
          if (finished) return { done: true, value: undefined }
          it ??= source()[Symbol.asyncIterator]()
          const r = await it.next()
          if (r.done) {
            finished = true
            return { done: true, value: undefined }
          }
          items = r.value
          j = 0
          if (items.length > 0) return { done: false, value: fn(items[j++] as T) }
        }
      }
      return {
        next: () =>
          j < items.length
            ? Promise.resolve({ done: false, value: fn(items[j++] as T) })
            : refill(),
        // Leaving a `for await` early must release the source (and its read connection).
        return: async () => {
          finished = true
          items = []
          await it?.return?.()
          return { done: true, value: undefined }
        },
      }
    },
  }
}
