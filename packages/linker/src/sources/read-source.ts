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

// Sites that declare gb2312 or gbk routinely use characters only GBK/GB18030 have (e.g. 镕, 堃):
// decode every GB label with the superset.
const canonicalCharset = (label: string | undefined) => {
  const l = label?.trim().toLowerCase()
  if (!l) return undefined
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|csgb2312)$/.test(l)) return 'gb18030'
  try {
    return new TextDecoder(l).encoding
  } catch {
    return undefined
  }
}

const isUtf8 = (bytes: Uint8Array) => {
  try {
    // A multi-byte character cut at the end of the head is not an error: stream mode allows it.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * Character encoding of a text from its first bytes: a byte-order mark, else the XML declaration
 * or HTML `<meta charset>`, else the transport's charset, else the caller's default, else UTF-8
 * when the bytes are valid UTF-8 and GB18030 when they are not (GBK CSV exports say nothing).
 * The bytes overrule a label they contradict: servers send `charset=utf-8` for GB2312 pages, and
 * pages converted to UTF-8 keep their old `charset=gb2312` meta.
 */
export function sniffEncoding(head: Uint8Array, declared?: string, fallback?: string): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, 4096))
  const inDoc = canonicalCharset(
    /^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(ascii)?.[1] ??
      /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(ascii)?.[1]
  )
  const transport = canonicalCharset(declared)
  const valid = isUtf8(head)
  const nonAscii = head.some((b) => b >= 0x80)
  // Non-ASCII text that is valid UTF-8 is UTF-8 whatever the labels: GBK text almost never is.
  if (valid && nonAscii) return 'utf-8'
  const named = [inDoc, transport, canonicalCharset(fallback)].find(
    (n) => n !== undefined && !(n === 'utf-8' && !valid)
  )
  return named ?? (valid ? 'utf-8' : 'gb18030')
}

// Bytes to look at before choosing an encoding (more when they are all ASCII so far).
const SNIFF_BYTES = 4096

async function* decode(
  bytes: AsyncIterable<Uint8Array>,
  declared: string | undefined,
  fallback: string | undefined
): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined
  let held: Uint8Array[] = []
  let heldBytes = 0
  const flush = function* () {
    const head = Buffer.concat(held)
    held = []
    decoder = new TextDecoder(sniffEncoding(head, declared, fallback))
    const text = decoder.decode(head, { stream: true })
    if (text) yield text
  }
  for await (const chunk of bytes) {
    if (decoder) {
      const text = decoder.decode(chunk, { stream: true })
      if (text) yield text
      continue
    }
    // An all-ASCII first chunk (a small HTTP packet) says nothing about the rest.
    held.push(chunk)
    heldBytes += chunk.length
    if (heldBytes >= SNIFF_BYTES || chunk.some((b) => b >= 0x80)) yield* flush()
  }
  if (!decoder && held.length > 0) yield* flush()
  const tail = (decoder as InstanceType<typeof TextDecoder> | undefined)?.decode()
  if (tail) yield tail
}

/**
 * Streams the text of a local file or an http(s) URL in chunks, never holding all of it, decoded
 * by the encoding the text itself declares ({@link sniffEncoding}).
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
    yield* decode(
      res.body as unknown as AsyncIterable<Uint8Array>,
      charsetOf(res.headers.get('content-type')),
      options.encoding
    )
    return
  }
  yield* decode(
    createReadStream(source, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>,
    undefined,
    options.encoding
  )
}
