/** Text normalised for detection, with the index of each character in the original text. */
export interface NormalisedText {
  text: string
  /** `offsets[i]` is the index in the original of normalised character i; one extra entry at the end. */
  offsets: number[] | undefined
}

// Characters whose compatibility form matters to the detectors: full-width digits, letters, ＠,
// ．, －, ＋, the ideographic space, dashes and the multiplication sign people type for X. (Full-width
// punctuation such as ，and （ is left alone: the detectors read both forms, and most Chinese text
// has it, so it must not send every cell down the slow path.)
const NEEDS =
  /[\uff0b\uff0d\uff0e\uff10-\uff19\uff20-\uff3a\uff41-\uff5a\u3000\u00d7\u2010-\u2015\u2212\ufe63]/

function mapChar(c: string): string {
  const x = c.charCodeAt(0)
  if (x === 0xd7) return 'X'
  if ((x >= 0x2010 && x <= 0x2015) || x === 0x2212 || x === 0xfe63) return '-'
  if (x < 0x80 || (x >= 0x4e00 && x <= 0x9fff)) return c
  return c.normalize('NFKC')
}

/**
 * NFKC-normalises `text` character by character (full-width digits and letters, ＠, the
 * ideographic space become ASCII; dashes become '-', × becomes X), keeping a map back to the
 * original so a match can be masked where it was typed. Text without such characters is returned
 * as it is, with no map (the common case costs one regex test).
 */
export function normalise(text: string): NormalisedText {
  if (!NEEDS.test(text)) return { text, offsets: undefined }
  let out = ''
  const offsets: number[] = []
  let i = 0
  for (const c of text) {
    const m = mapChar(c)
    for (let k = 0; k < m.length; k++) offsets.push(i)
    out += m
    i += c.length
  }
  offsets.push(i)
  return { text: out, offsets }
}

/** The original [start, end) of normalised [start, end). */
export function originalSpan(n: NormalisedText, start: number, end: number): [number, number] {
  if (!n.offsets) return [start, end]
  return [n.offsets[start] as number, n.offsets[end] as number]
}
