/**
 * Length of the well-formed UTF-8 sequence starting at `i` (1 to 4), 0 when the byte at `i` does
 * not start one, or -1 when `bytes` ends before the sequence could be judged. Follows RFC 3629:
 * overlong forms, surrogates (ED A0–BF) and code points past U+10FFFF are not well-formed.
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number, end = bytes.length): number {
  const b = bytes[i] as number
  if (b < 0x80) return 1
  let need: number
  let lo = 0x80
  let hi = 0xbf
  if (b >= 0xc2 && b <= 0xdf) need = 1
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2
    if (b === 0xe0) lo = 0xa0
    else if (b === 0xed) hi = 0x9f
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3
    if (b === 0xf0) lo = 0x90
    else if (b === 0xf4) hi = 0x8f
  } else return 0
  for (let k = 1; k <= need; k++) {
    if (i + k >= end) return -1
    const c = bytes[i + k] as number
    const min = k === 1 ? lo : 0x80
    const max = k === 1 ? hi : 0xbf
    if (c < min || c > max) return 0
  }
  return need + 1
}

/**
 * Length of a CESU-8 surrogate pair at `i` (6: `ED A0–AF xx ED B0–BF xx`, a supplementary
 * character written the way Java's "modified UTF-8" and some databases do), 3 for a lone encoded
 * surrogate (`ED A0–BF xx`), else 0; -1 when `bytes` ends too early to tell and more may follow
 * (`final` false).
 */
export function cesu8SurrogateLength(
  bytes: Uint8Array,
  i: number,
  end = bytes.length,
  final = true
): number {
  if (bytes[i] !== 0xed) return 0
  if (i + 2 >= end) return final ? 0 : -1
  const b1 = bytes[i + 1] as number
  const b2 = bytes[i + 2] as number
  if (b1 < 0xa0 || b1 > 0xbf || b2 < 0x80 || b2 > 0xbf) return 0
  if (b1 >= 0xb0) return 3
  if (i + 5 >= end) return final ? 3 : -1
  const b4 = bytes[i + 4] as number
  const b5 = bytes[i + 5] as number
  return bytes[i + 3] === 0xed && b4 >= 0xb0 && b4 <= 0xbf && b5 >= 0x80 && b5 <= 0xbf ? 6 : 3
}

/**
 * Length of the structurally valid GB18030 sequence starting at `i` (1, 2 or 4), 0 when the
 * byte at `i` does not start one, or -1 when `bytes` ends before it could be judged. GB18030
 * extends GBK and GB2312: one byte 00–7F; two bytes 81–FE then 40–7E or 80–FE; four bytes
 * 81–FE, 30–39, 81–FE, 30–39.
 */
export function gb18030SequenceLength(bytes: Uint8Array, i: number, end = bytes.length): number {
  const b = bytes[i] as number
  if (b < 0x80) return 1
  if (b === 0x80 || b === 0xff) return 0
  if (i + 1 >= end) return -1
  const c = bytes[i + 1] as number
  if ((c >= 0x40 && c <= 0x7e) || (c >= 0x80 && c <= 0xfe)) return 2
  if (c < 0x30 || c > 0x39) return 0
  if (i + 3 >= end) return -1
  const d = bytes[i + 2] as number
  const e = bytes[i + 3] as number
  return d >= 0x81 && d <= 0xfe && e >= 0x30 && e <= 0x39 ? 4 : 0
}

/** Bytes as `E4 BD A0` (at most `max` of them, then `…`). */
export function hexBytes(bytes: ArrayLike<number>, max = 8): string {
  const n = Math.min(bytes.length, max)
  const out: string[] = []
  for (let k = 0; k < n; k++)
    out.push(((bytes[k] as number) & 0xff).toString(16).toUpperCase().padStart(2, '0'))
  return bytes.length > max ? `${out.join(' ')} …` : out.join(' ')
}
