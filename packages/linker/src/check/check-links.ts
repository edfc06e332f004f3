import { type CheckLinksOptions, resolveCheckOptions } from './check-options.js'
import { checkUrl } from './check-url.js'
import type { LinkCheckResult } from './link-check-result.js'

const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

async function* toAsync(urls: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  yield* urls
}

/**
 * Checks URLs with bounded total and per-host concurrency and yields each result as soon as it is
 * ready (completion order, not input order). Streams: it reads the input only as fast as slots free
 * up and keeps no result after yielding it, so memory stays flat however many URLs there are.
 * A redirect hop to another host still counts against the original URL's host slot.
 * @example for await (const r of checkLinks(['https://example.gov.cn/a.html'])) console.log(r.status)
 */
export async function* checkLinks(
  urls: Iterable<string> | AsyncIterable<string>,
  options: CheckLinksOptions = {}
): AsyncGenerator<LinkCheckResult> {
  const o = resolveCheckOptions(options)
  const input = toAsync(urls)
  // URLs read but waiting for their host's slot; bounded so a slow host cannot make us read ahead.
  const maxWaiting = Math.max(64, o.concurrency * 4)
  const waiting = new Map<string, string[]>()
  let waitingCount = 0
  const activePerHost = new Map<string, number>()
  let active = 0
  let inputDone = false
  const ready: LinkCheckResult[] = []
  let wake: (() => void) | undefined

  const start = (url: string, host: string): void => {
    active++
    activePerHost.set(host, (activePerHost.get(host) ?? 0) + 1)
    checkUrl(url, o, options.expectedTitles?.get(url)).then((result) => {
      active--
      const n = (activePerHost.get(host) ?? 1) - 1
      if (n === 0) activePerHost.delete(host)
      else activePerHost.set(host, n)
      ready.push(result)
      wake?.()
    })
  }

  // Starts waiting URLs whose host has room, in host insertion order (stable and fair enough).
  const startWaiting = (): void => {
    for (const [host, queue] of waiting) {
      if (active >= o.concurrency) return
      while (
        queue.length > 0 &&
        active < o.concurrency &&
        (activePerHost.get(host) ?? 0) < o.perHost
      ) {
        start(queue.shift() as string, host)
        waitingCount--
      }
      if (queue.length === 0) waiting.delete(host)
    }
  }

  try {
    for (;;) {
      startWaiting()
      while (!inputDone && active < o.concurrency && waitingCount < maxWaiting) {
        if (o.signal?.aborted) {
          inputDone = true
          break
        }
        const next = await input.next()
        if (next.done) {
          inputDone = true
          break
        }
        const url = String(next.value).trim()
        const host = hostOf(url)
        if ((activePerHost.get(host) ?? 0) < o.perHost && !waiting.has(host)) start(url, host)
        else {
          const q = waiting.get(host)
          if (q) q.push(url)
          else waiting.set(host, [url])
          waitingCount++
        }
      }
      if (o.signal?.aborted && waitingCount > 0) {
        waiting.clear()
        waitingCount = 0
      }
      if (ready.length === 0) {
        if (active === 0 && waitingCount === 0 && inputDone) return
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = undefined
      }
      while (ready.length > 0) {
        const r = ready.shift() as LinkCheckResult
        options.onResult?.(r)
        yield r
        startWaiting()
      }
    }
  } finally {
    await input.return?.(undefined)
  }
}
