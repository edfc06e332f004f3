/**
 * A small LRU of serialised answers keyed by something immutable (a dataset id + its update stamp +
 * version + the query). A published version never changes, so a cached page is never stale; a new
 * version or a withdrawal changes the stamp and so the key. Keeps at most `maxEntries` bodies of at
 * most `maxBodyBytes` characters each.
 */
export class PageCache {
  private readonly map = new Map<string, string>()

  constructor(
    private readonly maxEntries = 1000,
    private readonly maxBodyBytes = 256 * 1024
  ) {}

  /** The cached body, refreshed as most recently used. */
  get(key: string): string | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  /** Stores a body unless it is too big; evicts the least recently used beyond the limit. */
  set(key: string, body: string): void {
    if (body.length > this.maxBodyBytes) return
    this.map.delete(key)
    this.map.set(key, body)
    if (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value
      if (oldest !== undefined) this.map.delete(oldest)
    }
  }
}
