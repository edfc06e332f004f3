import { createReadStream } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'

/** Options of {@link readText}. */
export interface ReadTextOptions {
  /** Milliseconds to wait for an http(s) response (default 30000). */
  timeoutMs?: number
  /** Character encoding when the source does not say (default utf-8). */
  encoding?: string
}

/** True when `source` is an http(s) URL rather than a path. */
export const isHttpUrl = (source: string) => /^https?:\/\//i.test(source)

/** Resolves `ref` (absolute URL, absolute path or relative reference) against the source it was found in. */
export function resolveRef(base: string, ref: string): string {
  if (isHttpUrl(ref)) return ref
  if (isHttpUrl(base)) return new URL(ref, base).href
  if (ref.startsWith('file://')) return new URL(ref).pathname
  return isAbsolute(ref) ? ref : resolve(dirname(base), ref)
}

const charsetOf = (contentType: string | null) =>
  /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase()

/**
 * Streams the text of a local file or an http(s) URL in chunks, never holding all of it.
 * Rejects (on first read) when the file is missing or the server answers with an error status.
 */
export async function* readText(
  source: string,
  options: ReadTextOptions = {}
): AsyncGenerator<string> {
  if (isHttpUrl(source)) {
    const res = await fetch(source, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      headers: { 'user-agent': 'gongkai-linker' },
    })
    if (!res.ok || !res.body) throw new Error(`${source}: HTTP ${res.status}`)
    const decoder = new TextDecoder(
      charsetOf(res.headers.get('content-type')) ?? options.encoding ?? 'utf-8'
    )
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(chunk, { stream: true })
      if (text) yield text
    }
    const tail = decoder.decode()
    if (tail) yield tail
    return
  }
  const decoder = new TextDecoder(options.encoding ?? 'utf-8')
  for await (const chunk of createReadStream(source, { highWaterMark: 64 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true })
    if (text) yield text
  }
  const tail = decoder.decode()
  if (tail) yield tail
}
