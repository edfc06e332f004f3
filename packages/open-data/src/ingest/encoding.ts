import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import {
  BINARY_SNIFF_BYTES,
  type ByteDecoder,
  createByteDecoder,
  decideEncoding,
  EXPORT_CSV_HINT,
  encodingFromBom,
  Gb18030Evidence,
  needsGb18030Evidence,
  sniffBinary,
  type TextEncoding,
  Utf8Evidence,
} from '@gongkai/text'
import type { RowError } from './row-error.js'

/** Text encodings ingest recognises; `gb18030` also covers GBK and GB2312, which it extends. */
export type SourceEncoding = TextEncoding

/** How a file is to be decoded, as {@link sniffFile} decided it. */
export interface FileEncoding {
  encoding: SourceEncoding
  /** Escape text plainly in the other candidate encoding (see `createByteDecoder`). */
  flagForeign: boolean
}

const CHUNK = 1 << 20

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(BINARY_SNIFF_BYTES)
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}

/** Feeds a whole file to `into`, stopping early once `stop()` says the answer is known. */
async function feed(
  path: string,
  into: { push(c: Uint8Array): void; end(): void },
  stop: () => boolean = () => false
) {
  const stream = createReadStream(path, { highWaterMark: CHUNK })
  try {
    for await (const chunk of stream) {
      into.push(chunk)
      if (stop()) return
    }
    into.end()
  } finally {
    stream.destroy()
  }
}

const notText = (path: string, what: string): { ok: false; errors: RowError[] } => ({
  ok: false,
  errors: [
    {
      row: 0,
      rule: 'binary',
      message: `not a text table: the file looks like ${what}; ${EXPORT_CSV_HINT}`,
      file: path,
    },
  ],
})

/**
 * Decides how to read a file, or refuses it: first its first 8 KB (a renamed Excel/Word/ZIP
 * file or any NUL byte is "not a text table", found without reading the rest, so a 2 GB file of
 * zeros is refused at once); then its encoding from a byte-order mark, else from evidence over
 * the WHOLE file (`decideEncoding`): one bad byte in a UTF-8 file keeps it UTF-8 (the byte becomes
 * an error at its row and column), and a file no candidate fits is refused naming the candidates
 * and the first bad bytes. A forced `encoding` skips the evidence but not the binary check.
 */
export async function sniffFile(
  path: string,
  forced?: SourceEncoding
): Promise<{ ok: true; value: FileEncoding } | { ok: false; errors: RowError[] }> {
  const head = await readHead(path)
  const binary = sniffBinary(head)
  if (binary) return notText(path, binary)
  if (forced) return { ok: true, value: { encoding: forced, flagForeign: false } }
  const bom = encodingFromBom(head)
  if (bom) return { ok: true, value: { encoding: bom, flagForeign: true } }
  const utf8 = new Utf8Evidence()
  // A NUL byte after the first 8 KB (a text head on a binary body) refuses the file as well.
  await feed(path, utf8, () => utf8.firstNul >= 0)
  if (utf8.firstNul >= 0)
    return notText(path, `a binary file (a NUL byte at offset ${utf8.firstNul})`)
  let gb: Gb18030Evidence | undefined
  if (needsGb18030Evidence(utf8)) {
    gb = new Gb18030Evidence()
    await feed(path, gb)
  }
  const d = decideEncoding(utf8, gb)
  if (!d.ok) {
    return {
      ok: false,
      errors: [
        {
          row: 0,
          rule: 'encoding',
          message: `${d.message} (tried ${d.tried.join(', ')})`,
          file: path,
        },
      ],
    }
  }
  // In a GB18030 file, UTF-8 lines are looked for only when some UTF-8 evidence was seen.
  const flagForeign = d.encoding === 'utf-8' || utf8.wide > 0
  return { ok: true, value: { encoding: d.encoding, flagForeign } }
}

/**
 * Detects the encoding of a file (BOM, else evidence over the whole file). A file that fits no
 * candidate, or is not text, comes back as `utf-8`: use {@link sniffFile} to get the refusal.
 */
export async function detectEncoding(path: string): Promise<SourceEncoding> {
  const r = await sniffFile(path)
  return r.ok ? r.value.encoding : 'utf-8'
}

/** Detects the encoding of bytes held in memory, as {@link detectEncoding} does for a file. */
export function detectEncodingOfBytes(bytes: Uint8Array): SourceEncoding {
  const bom = encodingFromBom(bytes)
  if (bom) return bom
  const utf8 = new Utf8Evidence()
  utf8.push(bytes)
  utf8.end()
  if (!needsGb18030Evidence(utf8)) return 'utf-8'
  const gb = new Gb18030Evidence()
  gb.push(bytes)
  gb.end()
  const d = decideEncoding(utf8, gb)
  return d.ok ? d.encoding : 'utf-8'
}

/** An incremental decoder: feed byte chunks, get text; `end()` flushes what is left. */
export type TextChunkDecoder = ByteDecoder

/**
 * A streaming decoder for an encoding; the BOM, if any, is dropped. Bytes the encoding rejects
 * come out escaped as lone surrogates (see `createByteDecoder` in `@gongkai/text`), never lost.
 */
export function createTextDecoder(
  encoding: SourceEncoding,
  options: { flagForeign?: boolean } = {}
): TextChunkDecoder {
  return createByteDecoder(encoding, { flagForeign: options.flagForeign ?? false })
}
