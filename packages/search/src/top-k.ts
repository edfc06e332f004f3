/**
 * The first `k` of `items[0..count)` in the order of `compare` (negative: `a` comes first),
 * sorted: the same as sorting them all and keeping `k`, in O(count · log k) with a heap of `k`.
 * `compare` must be a total order (ties broken), or which of equal items stay is arbitrary.
 * @example topK(Uint32Array.of(5, 1, 4), 3, 2, (a, b) => a - b) // [1, 4]
 */
export function topK(
  items: ArrayLike<number>,
  count: number,
  k: number,
  compare: (a: number, b: number) => number
): number[] {
  if (k <= 0) return []
  // A heap whose root is the item that comes last among those kept: a newcomer either replaces
  // it or is dropped after one comparison, which is the usual case when most items rank low.
  const heap: number[] = []
  const down = (from: number) => {
    let i = from
    for (;;) {
      const l = 2 * i + 1
      if (l >= heap.length) return
      const r = l + 1
      const m = r < heap.length && compare(heap[r] as number, heap[l] as number) > 0 ? r : l
      if (compare(heap[m] as number, heap[i] as number) <= 0) return
      const t = heap[i] as number
      heap[i] = heap[m] as number
      heap[m] = t
      i = m
    }
  }
  for (let n = 0; n < count; n++) {
    const x = items[n] as number
    if (heap.length < k) {
      heap.push(x)
      let i = heap.length - 1
      while (i > 0) {
        const p = (i - 1) >> 1
        if (compare(heap[i] as number, heap[p] as number) <= 0) break
        const t = heap[i] as number
        heap[i] = heap[p] as number
        heap[p] = t
        i = p
      }
    } else if (compare(x, heap[0] as number) < 0) {
      heap[0] = x
      down(0)
    }
  }
  return heap.sort(compare)
}
