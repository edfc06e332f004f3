import type { Store } from '@gongkai/store'

/**
 * Reads a stamp that changes whenever anything is committed to the store, by this process or any
 * other; undefined when the store cannot tell (then nothing may be cached on it).
 */
export type StoreStamp = () => Promise<string | undefined>

/**
 * Opens the stamp of a store. On SQLite it is `PRAGMA data_version` (changes when another
 * connection commits) with this connection's `total_changes()` (our own writes). It also moves on
 * writes unrelated to a cached answer (rate-limit counters, audit), which only costs a
 * recomputation now and then.
 *
 * Reading it starts a read transaction (WAL locks: a few microseconds, as much as the rest of a
 * cached answer), so concurrent requests share one read: the first caller schedules it with
 * `setImmediate`, i.e. after every request the event loop has already received, and everyone who
 * asks before it runs gets its result. The read still happens after each of those requests
 * arrived, so no answer is older than the store was when its request came in.
 */
export function openStoreStamp(store: Store): StoreStamp {
  if (store.dialect !== 'sqlite') return async () => undefined
  const read = async (): Promise<string | undefined> => {
    // The bare PRAGMA costs half of `SELECT … FROM pragma_data_version`.
    const v = await store.get<{ data_version: number }>('PRAGMA data_version')
    const t = await store.get<{ t: number }>('SELECT total_changes() AS t')
    return v && t ? `${v.data_version}:${t.t}` : undefined
  }
  let pending: Promise<string | undefined> | undefined
  return () => {
    if (!pending) {
      pending = new Promise((resolve, reject) => {
        setImmediate(() => {
          pending = undefined
          read().then(resolve, reject)
        })
      })
    }
    return pending
  }
}
