import { isUtf8 } from 'node:buffer'
import { cesu8SurrogateLength, gb18030SequenceLength, hexBytes } from './byte-sequences.js'
import type { TextEncoding } from './encoding-evidence.js'

const ESCAPE_BASE = 0xdc00
// Lone low surrogates U+DC80–U+DCFF: escaped bytes 80–FF.
const ESCAPED = /[\uDC80-\uDCFF]+/

/** The lone surrogate standing for a byte the decoder rejected (U+DC00 + the byte). */
export const escapeByte = (b: number): string => String.fromCharCode(ESCAPE_BASE + b)

/** True when `text` holds bytes escaped by {@link createByteDecoder}. */
export const hasEscapedBytes = (text: string): boolean => ESCAPED.test(text)

/** The first run of escaped bytes in `text`, with its position, or undefined. */
export function findEscapedBytes(text: string): { index: number; bytes: number[] } | undefined {
  const m = ESCAPED.exec(text)
  if (!m) return undefined
  const bytes = Array.from(m[0], (c) => (c.charCodeAt(0) - ESCAPE_BASE) & 0xff)
  return { index: m.index, bytes }
}

/** `text` with each run of escaped bytes shown as one U+FFFD, for a short error value. */
export const showEscapedBytes = (text: string): string =>
  text.replace(/[\uDC80-\uDCFF]+/g, '\uFFFD')

const gbText = new TextDecoder('gb18030')

function gbWellFormed(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; ) {
    const len = gb18030SequenceLength(bytes, i)
    if (len <= 0) return false
    i += len
  }
  return true
}

/** The code point of a CESU-8 surrogate pair (6 bytes). */
function cesuCodePoint(b: Uint8Array): number {
  const hi = 0xd000 | (((b[1] as number) & 0x3f) << 6) | ((b[2] as number) & 0x3f)
  const lo = 0xd000 | (((b[4] as number) & 0x3f) << 6) | ((b[5] as number) & 0x3f)
  return 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
}

/**
 * Says in words what escaped bytes are, for a file read as `encoding`: a GBK part in a UTF-8
 * file (with the text it would be), a UTF-8 part in a GB18030 file, a CESU-8 surrogate, or bytes
 * that fit no candidate encoding.
 */
export function describeEscapedBytes(bytes: readonly number[], encoding: TextEncoding): string {
  const b = Uint8Array.from(bytes)
  const hex = hexBytes(b, 12)
  if (encoding === 'gb18030') {
    if (isUtf8(b))
      return `bytes ${hex} are UTF-8 ("${Buffer.from(b).toString('utf8')}") in a file read as GB18030: the file mixes encodings; save it again in one encoding (UTF-8)`
    return `bytes ${hex} are not valid GB18030/GBK (nor UTF-8)`
  }
  const cesu = cesu8SurrogateLength(b, 0)
  if (cesu === 6)
    return `bytes ${hex} are a CESU-8 surrogate pair (U+${cesuCodePoint(b).toString(16).toUpperCase()} "${String.fromCodePoint(cesuCodePoint(b))}"), which UTF-8 forbids: the file was written by a tool that does not write UTF-8; save it again as UTF-8`
  if (cesu === 3)
    return `bytes ${hex} are an encoded UTF-16 surrogate (CESU-8), which UTF-8 forbids`
  if (gbWellFormed(b) && b.length >= 2)
    return `bytes ${hex} are not UTF-8; read as GB18030/GBK they are "${gbText.decode(b)}": the file mixes encodings; save it again in one encoding (UTF-8)`
  return `bytes ${hex} are not valid UTF-8 (nor GB18030/GBK)`
}
