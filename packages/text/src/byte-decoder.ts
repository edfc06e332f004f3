import { isUtf8 } from 'node:buffer'
import {
  cesu8SurrogateLength,
  gb18030SequenceLength,
  utf8SequenceLength,
} from './byte-sequences.js'
import { incompleteUtf8Tail, type TextEncoding } from './encoding-evidence.js'
import { escapeByte } from './escaped-bytes.js'

/** An incremental decoder: feed byte chunks, get text; `end()` flushes what is left. */
export interface ByteDecoder {
  write(chunk: Uint8Array): string
  end(): string
  /** Bytes escaped so far (see {@link createByteDecoder}); 0 for a clean file. */
  readonly escaped: number
}

/** Options of {@link createByteDecoder}. */
export interface ByteDecoderOptions {
  /**
   * Also escape text that is well-formed in the encoding but plainly in the other candidate: a
   * GBK line in a UTF-8 file, a UTF-8 line (one with a 3-byte character) in a GB18030 file.
   * Default true; turn it off when the encoding was given by the user.
   */
  flagForeign?: boolean
}

// Lines longer than this are decoded without waiting for their end.
const MAX_CARRY = 1 << 20

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)

function concat(a: Uint8Array | undefined, b: Uint8Array): Uint8Array {
  if (!a || a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

/** End (exclusive) of the last complete line of `bytes`, or -1 when it has no line feed. */
function lastLineEnd(bytes: Uint8Array): number {
  const k = asBuffer(bytes).lastIndexOf(10)
  return k < 0 ? -1 : k + 1
}

function allAscii(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((bytes[i] as number) >= 0x80) return false
  return true
}

/** Every byte from 0x80 up escaped: a line plainly in the other encoding. */
function escapeHigh(bytes: Uint8Array, from: number, to: number): [string, number] {
  let out = ''
  let seg = from
  let n = 0
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number
    if (b < 0x80) continue
    if (i > seg) out += asBuffer(bytes).toString('latin1', seg, i)
    out += escapeByte(b)
    n++
    seg = i + 1
  }
  if (to > seg) out += asBuffer(bytes).toString('latin1', seg, to)
  return [out, n]
}

/** True when every sequence of the line is well-formed GB18030. */
function gbWellFormed(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const len = gb18030SequenceLength(bytes, i, to)
    if (len <= 0) return false
    i += len
  }
  return true
}

/** A line that is well-formed UTF-8 with at least one 3- or 4-byte character (CJK and up). */
function looksUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  let wide = false
  for (let i = from; i < to; i++) {
    if ((bytes[i] as number) >= 0xe0) {
      wide = true
      break
    }
  }
  return wide && isUtf8(bytes.subarray(from, to))
}

/**
 * A streaming decoder that never loses or silently replaces a byte: each byte the encoding
 * rejects comes out as the lone surrogate U+DC80–U+DCFF (U+DC00 + the byte, as Python's
 * `surrogateescape` does), which no well-formed input can produce, so a reader can find it in a
 * cell and name its row and column ({@link findEscapedBytes}). UTF-16 input is decoded as is.
 * The byte-order mark, if any, is dropped.
 */
export function createByteDecoder(
  encoding: TextEncoding,
  options: ByteDecoderOptions = {}
): ByteDecoder {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const d = new TextDecoder(encoding)
    return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode(), escaped: 0 }
  }
  const flagForeign = options.flagForeign ?? true
  const gbText = new TextDecoder('gb18030')
  let carry: Uint8Array | undefined
  let skipBom = encoding === 'utf-8-bom' ? 3 : 0
  let escaped = 0

  /** UTF-8 lines with bad bytes: GBK lines escaped whole, else each rejected byte. */
  function utf8Slow(bytes: Uint8Array, from: number, to: number): string {
    let out = ''
    let start = from
    while (start < to) {
      let end = asBuffer(bytes).indexOf(10, start)
      end = end < 0 || end >= to ? to : end + 1
      out += utf8Line(bytes, start, end)
      start = end
    }
    return out
  }

  function utf8Line(bytes: Uint8Array, from: number, to: number): string {
    const line = bytes.subarray(from, to)
    if (isUtf8(line)) return asBuffer(line).toString('utf8')
    if (flagForeign) {
      let good = 0
      let bad = 0
      for (let i = from; i < to; ) {
        const len = utf8SequenceLength(bytes, i, to)
        if (len > 1) good++
        else if (len <= 0) bad++
        i += len > 0 ? len : 1
      }
      if (good < bad && gbWellFormed(bytes, from, to)) {
        const [s, n] = escapeHigh(bytes, from, to)
        escaped += n
        return s
      }
    }
    let out = ''
    let seg = from
    for (let i = from; i < to; ) {
      const cesu = cesu8SurrogateLength(bytes, i, to)
      const len = cesu > 0 ? 0 : utf8SequenceLength(bytes, i, to)
      if (len > 0) {
        i += len
        continue
      }
      if (i > seg) out += asBuffer(bytes).toString('utf8', seg, i)
      const k = cesu > 0 ? cesu : 1
      for (let j = i; j < i + k; j++) out += escapeByte(bytes[j] as number)
      escaped += k
      i += k
      seg = i
    }
    if (to > seg) out += asBuffer(bytes).toString('utf8', seg, to)
    return out
  }

  function utf8(bytes: Uint8Array, final: boolean): string {
    const tail = final ? 0 : incompleteUtf8Tail(bytes)
    const body = tail ? bytes.subarray(0, bytes.length - tail) : bytes
    // The fast path: the chunk is well-formed (Buffer keeps a U+FEFF inside the text, as it should).
    if (isUtf8(body)) {
      carry = tail ? bytes.slice(bytes.length - tail) : undefined
      return asBuffer(body).toString('utf8')
    }
    // Bad bytes: decode whole lines, so a line can be judged as a whole.
    let cut = final ? bytes.length : lastLineEnd(bytes)
    if (cut < 0) {
      if (bytes.length < MAX_CARRY) {
        carry = bytes
        return ''
      }
      cut = body.length
    }
    carry = cut < bytes.length ? bytes.slice(cut) : undefined
    return utf8Slow(bytes, 0, cut)
  }

  function gbLine(bytes: Uint8Array, from: number, to: number): string {
    if (allAscii(bytes, from, to)) return asBuffer(bytes).toString('latin1', from, to)
    if (flagForeign && looksUtf8(bytes, from, to)) {
      const [s, n] = escapeHigh(bytes, from, to)
      escaped += n
      return s
    }
    let out = ''
    let seg = from
    for (let i = from; i < to; ) {
      const len = gb18030SequenceLength(bytes, i, to)
      if (len > 0) {
        i += len
        continue
      }
      if (i > seg) out += gbText.decode(bytes.subarray(seg, i))
      out += escapeByte(bytes[i] as number)
      escaped++
      i++
      seg = i
    }
    if (to > seg) out += gbText.decode(bytes.subarray(seg, to))
    return out
  }

  function gb(bytes: Uint8Array, final: boolean): string {
    let cut = final ? bytes.length : lastLineEnd(bytes)
    if (cut < 0) {
      if (bytes.length < MAX_CARRY) {
        carry = bytes
        return ''
      }
      // A very long line: cut after a whole sequence.
      cut = 0
      while (cut < bytes.length) {
        const len = gb18030SequenceLength(bytes, cut, bytes.length)
        if (len < 0) break
        cut += len > 0 ? len : 1
      }
    }
    carry = cut < bytes.length ? bytes.slice(cut) : undefined
    // Well-formed chunks without UTF-8-looking lines decode in one call.
    if (!flagForeign && gbWellFormed(bytes, 0, cut)) return gbText.decode(bytes.subarray(0, cut))
    let out = ''
    let start = 0
    while (start < cut) {
      let end = asBuffer(bytes).indexOf(10, start)
      end = end < 0 || end >= cut ? cut : end + 1
      out += gbLine(bytes, start, end)
      start = end
    }
    return out
  }

  const decode = encoding === 'gb18030' ? gb : utf8
  function run(chunk: Uint8Array, final: boolean): string {
    let bytes = concat(carry, chunk)
    carry = undefined
    if (skipBom > 0) {
      if (bytes.length < skipBom && !final) {
        carry = bytes
        return ''
      }
      bytes = bytes.subarray(Math.min(skipBom, bytes.length))
      skipBom = 0
    }
    if (bytes.length === 0) return ''
    return decode(bytes, final)
  }

  return {
    write: (chunk) => run(chunk, false),
    end: () => run(new Uint8Array(0), true),
    get escaped() {
      return escaped
    },
  }
}
