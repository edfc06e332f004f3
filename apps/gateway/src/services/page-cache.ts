/**
 * A small LRU of answers keyed by something immutable (a dataset id + its update stamp + version +
 * the query). A published version never changes, so a cached page is never stale; a new version
 * or a withdrawal changes the stamp and so the key. Keeps at most `maxEntries` answers of at most
 * `maxSize` each, as measured by `sizeOf` (characters of the body).
 */
export class PageCache<T> {
  private readonly map = new Map<string, T>()

  constructor(
    private readonly sizeOf: (value: T) => number,
    private readonly maxEntries = 1000,
    private readonly maxSize = 256 * 1024
  ) {}

  /** The cached answer, refreshed as most recently used. */
  get(key: string): T | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  /** Stores an answer unless it is too big; evicts the least recently used beyond the limit. */
  set(key: string, value: T): void {
    if (this.sizeOf(value) > this.maxSize) return
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value
      if (oldest !== undefined) this.map.delete(oldest)
    }
  }
}
