import { isUtf8 } from 'node:buffer'
import { createReadStream } from 'node:fs'
import iconv from 'iconv-lite'

/** Text encodings ingest recognises; `gb18030` also covers GBK and GB2312, which it extends. */
export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be'

/** Length of the byte-order mark of an encoding (0 when it has none). */
export function bomLength(encoding: SourceEncoding): number {
  return encoding === 'utf-8-bom' ? 3 : encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 0
}

/** Encoding announced by a byte-order mark, if any. */
export function encodingFromBom(head: Uint8Array): SourceEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return undefined
}

/**
 * Bytes at the end of `chunk` that start a UTF-8 sequence the chunk does not finish; they are
 * carried to the next chunk so a character split across reads is not taken as invalid.
 */
function incompleteTail(chunk: Uint8Array): number {
  const n = chunk.length
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = chunk[n - back] as number
    if ((b & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    return need > back ? back : 0
  }
  return 0
}

/** Detects the encoding of bytes held in memory: BOM, else strict UTF-8 validity, else GB18030. */
export function detectEncodingOfBytes(bytes: Uint8Array): SourceEncoding {
  return encodingFromBom(bytes) ?? (isUtf8(bytes) ? 'utf-8' : 'gb18030')
}

/**
 * Detects the encoding of a file. Without a BOM the WHOLE file is checked for strict UTF-8
 * validity (a GBK export is often pure ASCII for thousands of rows before its first 汉字).
 */
export async function detectEncoding(path: string): Promise<SourceEncoding> {
  let carry: Buffer | undefined
  let first = true
  for await (const raw of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let chunk = raw as Buffer
    if (first) {
      first = false
      const bom = encodingFromBom(chunk)
      if (bom) return bom
    }
    if (carry) chunk = Buffer.concat([carry, chunk])
    const tail = incompleteTail(chunk)
    const body = tail ? chunk.subarray(0, chunk.length - tail) : chunk
    if (!isUtf8(body)) return 'gb18030'
    carry = tail ? Buffer.from(chunk.subarray(chunk.length - tail)) : undefined
  }
  return carry && carry.length > 0 ? 'gb18030' : 'utf-8'
}

/** An incremental decoder: feed byte chunks, get text; `end()` flushes what is left. */
export interface TextChunkDecoder {
  write(chunk: Uint8Array): string
  end(): string
}

/** A streaming decoder for an encoding; the BOM, if any, is dropped. */
export function createTextDecoder(encoding: SourceEncoding): TextChunkDecoder {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom' || encoding === 'utf-16le') {
    const label = encoding === 'utf-16le' ? 'utf-16le' : 'utf-8'
    // TextDecoder drops a leading BOM itself (ignoreBOM defaults to false).
    const d = new TextDecoder(label)
    return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() }
  }
  const d = iconv.getDecoder(encoding === 'utf-16be' ? 'utf-16be' : 'gb18030', {
    stripBOM: true,
  })
  return {
    write: (c) => d.write(Buffer.isBuffer(c) ? c : Buffer.from(c)),
    end: () => d.end() ?? '',
  }
}
