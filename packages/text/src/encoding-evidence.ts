import { isUtf8 } from 'node:buffer'
import {
  cesu8SurrogateLength,
  gb18030SequenceLength,
  hexBytes,
  utf8SequenceLength,
} from './byte-sequences.js'

/** Text encodings read: `gb18030` also covers GBK and GB2312, which it extends. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be'

/** The encodings tried on a file without a byte-order mark, in order. */
export const CANDIDATE_ENCODINGS = ['utf-8', 'gb18030'] as const

/** Where bytes first broke an encoding: byte offset, 1-based line, and the bytes in hex. */
export interface ByteOffence {
  offset: number
  line: number
  bytes: string
}

/** Encoding announced by a byte-order mark, if any. */
export function encodingFromBom(head: Uint8Array): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return undefined
}

/** Length of the byte-order mark of an encoding (0 when it has none). */
export function bomLength(encoding: TextEncoding): number {
  return encoding === 'utf-8-bom' ? 3 : encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 0
}

type SequenceLength = (bytes: Uint8Array, i: number, end: number) => number

/** Evidence for one encoding over a whole byte stream; push chunks in order, then `end()`. */
abstract class Evidence {
  /** Well-formed sequences of two or more bytes (characters beyond ASCII). */
  multibyte = 0
  /** Of those, sequences of three or four bytes (CJK and beyond, in UTF-8). */
  wide = 0
  /** Bytes that start no well-formed sequence. */
  invalid = 0
  /** The first invalid bytes. */
  first: ByteOffence | undefined
  /** Byte offset of the first NUL byte (no text table holds one), or -1. */
  firstNul = -1
  protected carry: Uint8Array | undefined
  private offset = 0
  private line = 1

  /** Takes the next chunk of the stream. */
  push(chunk: Uint8Array): void {
    const bytes = this.carry ? concat(this.carry, chunk) : chunk
    this.carry = undefined
    const used = this.scan(bytes, false)
    if (used < bytes.length) this.carry = bytes.slice(used)
  }

  /** Ends the stream: bytes of an unfinished sequence at the end are invalid. */
  end(): void {
    if (this.carry) this.scan(this.carry, true)
    this.carry = undefined
  }

  protected abstract scan(bytes: Uint8Array, final: boolean): number

  /** Scans `bytes` byte by byte with `length`; returns how many bytes were judged. */
  protected walk(bytes: Uint8Array, final: boolean, length: SequenceLength): number {
    const n = bytes.length
    let i = 0
    let lines = 0
    while (i < n) {
      const b = bytes[i] as number
      if (b < 0x80) {
        if (b === 10) lines++
        else if (b === 0 && this.firstNul < 0) this.firstNul = this.offset + i
        i++
        continue
      }
      // A sequence counted apart (CESU-8 in UTF-8): its own tally, and an offence all the same.
      let len = this.special(bytes, i, n, final)
      if (len > 0) {
        this.offend(bytes, i, len, lines)
        i += len
        continue
      }
      if (len === 0) len = length(bytes, i, n)
      if (len < 0) {
        if (!final) break
        len = 0
      }
      if (len > 0) {
        this.multibyte++
        if (len >= 3) this.wide++
        i += len
      } else {
        this.invalid++
        this.offend(bytes, i, 8, lines)
        i++
      }
    }
    this.offset += i
    this.line += lines
    return i
  }

  private offend(bytes: Uint8Array, i: number, len: number, lines: number): void {
    if (this.first) return
    this.first = {
      offset: this.offset + i,
      line: this.line + lines,
      bytes: hexBytes(bytes.subarray(i, i + len)),
    }
  }

  /**
   * Length of a sequence at `i` tallied apart (and an offence); 0 when there is none there, -1
   * when the chunk ends too early to tell.
   */
  protected special(_bytes: Uint8Array, _i: number, _end: number, _final: boolean): number {
    return 0
  }

  /** Counts lines and multibyte sequences of a chunk known to be well-formed. */
  protected countValid(bytes: Uint8Array, leadFrom: number): number {
    let lines = 0
    let leads = 0
    let wide = 0
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number
      if (b < leadFrom) {
        if (b === 10) lines++
        else if (b === 0 && this.firstNul < 0) this.firstNul = this.offset + i
      } else {
        leads++
        if (b >= 0xe0) wide++
      }
    }
    this.multibyte += leads
    this.wide += wide
    this.offset += bytes.length
    this.line += lines
    return bytes.length
  }
}

/**
 * UTF-8 evidence. CESU-8 surrogates (`ED A0–BF …`) are counted apart: they are not UTF-8, but
 * they are evidence that the file was meant to be.
 */
export class Utf8Evidence extends Evidence {
  /** CESU-8 encoded surrogates (a pair counts once). */
  cesu = 0

  protected scan(bytes: Uint8Array, final: boolean): number {
    // Well-formed chunks (nearly all) take the native check; a character cut by the chunk's end
    // is left for the next chunk.
    const tail = final ? 0 : incompleteUtf8Tail(bytes)
    const body = tail ? bytes.subarray(0, bytes.length - tail) : bytes
    if (isUtf8(body)) return this.countValid(body, 0xc0)
    return this.walk(bytes, final, utf8SequenceLength)
  }

  protected special(bytes: Uint8Array, i: number, end: number, final: boolean): number {
    const len = cesu8SurrogateLength(bytes, i, end, final)
    if (len > 0) this.cesu++
    return len
  }
}

/** GB18030 (GBK, GB2312) evidence: structural validity of every byte. */
export class Gb18030Evidence extends Evidence {
  protected scan(bytes: Uint8Array, final: boolean): number {
    return this.walk(bytes, final, gb18030SequenceLength)
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

/**
 * Bytes at the end of `chunk` that start a UTF-8 sequence the chunk does not finish; they are
 * carried to the next chunk so a character split across reads is not taken as invalid.
 */
export function incompleteUtf8Tail(chunk: Uint8Array): number {
  const n = chunk.length
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = chunk[n - back] as number
    if ((b & 0xc0) === 0x80) continue // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    return need > back ? back : 0
  }
  return 0
}

/** What the evidence says: an encoding, or a refusal naming the candidates and offending bytes. */
export type EncodingDecision =
  | {
      ok: true
      encoding: TextEncoding
      /** Sequences the chosen encoding rejects (each becomes an error at its row and column). */
      invalid: number
    }
  | { ok: false; tried: readonly string[]; message: string }

// A GB18030 file may reject at most one byte per this many characters.
const GB18030_RATIO = 10

const where = (o: ByteOffence | undefined) =>
  o ? `bytes ${o.bytes}${o.line > 0 ? ` on line ${o.line}` : ''}` : 'no bytes'

/**
 * Decides the encoding of a file without a byte-order mark from evidence over ALL of it: UTF-8
 * when it is well-formed UTF-8, or when well-formed multibyte UTF-8 characters (CESU-8 surrogates
 * included) are at least as many as the bytes UTF-8 rejects — one stray byte in a UTF-8 file does
 * not turn it into GB18030; else GB18030 when it rejects at most one byte per ten characters
 * (random high bytes are mostly well-formed GB18030, so one bad byte per character is no
 * evidence); else the file fits no candidate. `gb` is needed only when UTF-8 loses
 * (see {@link needsGb18030Evidence}).
 */
export function decideEncoding(utf8: Utf8Evidence, gb?: Gb18030Evidence): EncodingDecision {
  const u8bad = utf8.invalid + utf8.cesu
  if (u8bad === 0) return { ok: true, encoding: 'utf-8', invalid: 0 }
  if (utf8.invalid === 0 || utf8.multibyte + utf8.cesu >= utf8.invalid)
    return { ok: true, encoding: 'utf-8', invalid: u8bad }
  // Random high bytes are mostly well-formed GB18030, so it needs stronger evidence than UTF-8.
  if (gb && gb.invalid * GB18030_RATIO <= gb.multibyte)
    return { ok: true, encoding: 'gb18030', invalid: gb.invalid }
  return {
    ok: false,
    tried: CANDIDATE_ENCODINGS,
    message: `the file is neither UTF-8 (${where(utf8.first)}) nor GB18030/GBK (${where(gb?.first)}); save it as UTF-8 and try again`,
  }
}

/** True when {@link decideEncoding} needs GB18030 evidence to decide. */
export function needsGb18030Evidence(utf8: Utf8Evidence): boolean {
  return decideEncoding(utf8).ok === false
}
