/** A key of the inverted index: a CJK bigram or lone character (number) or a Latin/digit word (string). */
export type GramKey = number | string

const PAIR = 0x110000

/** Han ideographs (the URO, extension A, compatibility ideographs and the supplementary planes). */
function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  )
}

const isWordChar = (cp: number) =>
  (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 0xe0 && cp <= 0x24f)

/** A run of one kind in a normalised text: Han characters, or a Latin/digit word. */
export interface Run {
  kind: 'han' | 'word'
  /** Offset of the run in the text (UTF-16 units). */
  at: number
  /** Code points of a Han run; the word itself for a word run. */
  cps: number[]
  word: string
  /** Offsets of each code point of a Han run. */
  offsets: number[]
}

/** Splits a normalised text into Han runs and words; everything else separates. */
export function runsOf(text: string): Run[] {
  const runs: Run[] = []
  let cur: Run | undefined
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number
    const width = cp > 0xffff ? 2 : 1
    const kind = isHan(cp) ? 'han' : isWordChar(cp) ? 'word' : undefined
    if (!kind) cur = undefined
    else {
      if (!cur || cur.kind !== kind) {
        cur = { kind, at: i, cps: [], word: '', offsets: [] }
        runs.push(cur)
      }
      if (kind === 'han') {
        cur.cps.push(cp)
        cur.offsets.push(i)
      } else cur.word += String.fromCodePoint(cp)
    }
    i += width
  }
  return runs
}

/** Keys of one run: a Han run gives its bigrams (a lone character itself), a word the word. */
export function keysOfRun(run: Run, out: GramKey[] = []): GramKey[] {
  if (run.kind === 'word') out.push(`w${run.word}`)
  else if (run.cps.length === 1) out.push(run.cps[0] as number)
  else
    for (let i = 1; i < run.cps.length; i++)
      out.push(PAIR + (run.cps[i - 1] as number) * PAIR + (run.cps[i] as number))
  return out
}

/** Every key of a normalised text, with repeats (term frequencies count them). */
export function keysOf(text: string): GramKey[] {
  // The same keys as runsOf + keysOfRun, in one pass without a run object per run: indexing
  // calls this for every text of every document.
  const out: GramKey[] = []
  let prev = -1
  let runLength = 0
  let word = ''
  const endHan = () => {
    if (runLength === 1) out.push(prev)
    runLength = 0
    prev = -1
  }
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number
    i += cp > 0xffff ? 2 : 1
    if (isHan(cp)) {
      if (word) {
        out.push(`w${word}`)
        word = ''
      }
      if (prev >= 0) out.push(PAIR + prev * PAIR + cp)
      prev = cp
      runLength++
    } else {
      endHan()
      if (isWordChar(cp)) word += String.fromCodePoint(cp)
      else if (word) {
        out.push(`w${word}`)
        word = ''
      }
    }
  }
  endHan()
  if (word) out.push(`w${word}`)
  return out
}
