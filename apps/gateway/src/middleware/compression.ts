import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** Bodies smaller than this are sent as they are: compressing them costs more than it saves. */
export const COMPRESS_THRESHOLD = 1024

/** Encoding the client accepts, preferring br over gzip; `q=0` excludes. */
export function negotiateEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!acceptEncoding) return undefined
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    let q = 1
    for (const p of params) {
      const m = /^\s*q=([\d.]+)\s*$/.exec(p)
      if (m) q = Number(m[1])
    }
    accepted.set(name, q)
  }
  const ok = (n: string) => (accepted.get(n) ?? accepted.get('*') ?? 0) > 0
  if (ok('br')) return 'br'
  if (ok('gzip')) return 'gzip'
  return undefined
}

/**
 * Compresses a text body when it is big enough and the client accepts br or gzip. Runs on zlib's
 * thread pool so a large catalogue does not block the event loop. Streamed file downloads are not
 * passed here: they keep their exact bytes and Content-Length.
 */
export async function compressBody<B extends string | Uint8Array>(
  body: B,
  acceptEncoding: string | undefined
): Promise<{ body: B | Uint8Array; encoding?: 'br' | 'gzip' }> {
  if (body.length < COMPRESS_THRESHOLD) return { body }
  const encoding = negotiateEncoding(acceptEncoding)
  if (!encoding) return { body }
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  const out =
    encoding === 'br'
      ? await brotli(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
      : await gz(buf, { level: 6 })
  return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), encoding }
}
