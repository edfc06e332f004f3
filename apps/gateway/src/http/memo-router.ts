import type { Result, Router } from 'hono/router'
import { TrieRouter } from 'hono/router/trie-router'

/**
 * Hono's TrieRouter with the match of each recent `method path` remembered. The app's routes
 * defeat RegExpRouter (the portal mixes static and parameter segments), so Hono's default ends on
 * the trie, whose walk over ~70 routes and the `*` middleware costs more per request than the
 * entry lookup itself. A match depends only on method, path and the routes, and Hono only reads
 * it, so a remembered one is exact; adding a route forgets them all. At most `maxEntries` are
 * kept (the lot is dropped beyond, so random paths cannot grow memory).
 */
export class MemoRouter<T> implements Router<T> {
  readonly name = 'MemoRouter'
  private readonly trie = new TrieRouter<T>()
  private readonly memo = new Map<string, Result<T>>()

  constructor(private readonly maxEntries = 10_000) {}

  /** Adds a route (see Hono's Router). */
  add(method: string, path: string, handler: T): void {
    this.memo.clear()
    this.trie.add(method, path, handler)
  }

  /** The handlers of `method path`, remembered. */
  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`
    let r = this.memo.get(key)
    if (r === undefined) {
      r = this.trie.match(method, path)
      if (this.memo.size >= this.maxEntries) this.memo.clear()
      this.memo.set(key, r)
    }
    return r
  }
}
