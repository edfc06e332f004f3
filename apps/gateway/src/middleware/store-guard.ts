import type { Store, StoreFileState } from '@gongkai/store'
import { ApiError } from '../http/api-error.js'

/** How long a file check is reused: a stat per write would cost little, but bursts need none. */
const CHECK_MS = 1000

/**
 * Refuses writes while the store's file is not the one opened or cannot be written: 503
 * `store_unreachable` with `details.reason` `replaced` or `readonly`, instead of writing into a
 * deleted file (split brain) or failing with a 500 deep in a route.
 */
export function storeGuard(store: Store, now: () => number = Date.now): () => void {
  let checkedAt = Number.NEGATIVE_INFINITY
  let state: StoreFileState = 'ok'
  return () => {
    const t = now()
    if (t - checkedAt >= CHECK_MS) {
      state = store.checkFile()
      checkedAt = t
    }
    if (state === 'ok') return
    throw new ApiError(
      'store_unreachable',
      state === 'replaced'
        ? 'the store file was deleted or replaced while the gateway ran; restart it to serve the current store'
        : 'the store cannot be written (read-only file or file system); reads still work',
      { reason: state },
      { 'retry-after': '60' }
    )
  }
}

/** The 503 for a driver error that says the store cannot take writes (read-only, disk full). */
export function storeWriteError(err: unknown): ApiError | undefined {
  const code = String((err as { code?: unknown })?.code ?? '')
  const reason = code.startsWith('SQLITE_READONLY')
    ? 'readonly'
    : code === 'SQLITE_FULL'
      ? 'disk_full'
      : undefined
  if (!reason) return undefined
  return new ApiError(
    'store_unreachable',
    reason === 'disk_full'
      ? 'the disk holding the store is full; nothing was written'
      : 'the store cannot be written (read-only file or file system); nothing was written',
    { reason },
    { 'retry-after': '60' }
  )
}
