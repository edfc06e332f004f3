/**
 * Values remembered with the store stamp they were computed under (see `store-stamp.ts`): a value
 * is returned only while the stamp is unchanged, so it is never older than the store. Holds at
 * most `maxEntries`, dropping the oldest.
 */
export class StampedCache<T> {
  private readonly map = new Map<string, { stamp: string; value: T }>()

  constructor(private readonly maxEntries = 2000) {}

  /** The value of `key` computed under `stamp`, if any. */
  get(key: string, stamp: string | undefined): T | undefined {
    if (stamp === undefined) return undefined
    const e = this.map.get(key)
    return e !== undefined && e.stamp === stamp ? e.value : undefined
  }

  /** Remembers `value` of `key` under `stamp` (nothing when the store gives no stamp). */
  set(key: string, stamp: string | undefined, value: T): void {
    if (stamp === undefined) return
    this.map.delete(key)
    this.map.set(key, { stamp, value })
    if (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value
      if (oldest !== undefined) this.map.delete(oldest)
    }
  }
}
