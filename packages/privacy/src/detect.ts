import { luhnValid } from './luhn.js'
import { isValidResidentId15, isValidResidentId18 } from './resident-id.js'

/** Kinds of personal information the guard finds in cells. */
export type CellFindingKind = 'id_number' | 'mobile' | 'bank_card' | 'email'

/** A match inside a cell: [start, end) in UTF-16 units. */
export interface Detection {
  kind: CellFindingKind
  start: number
  end: number
}

// Separators people type between digit groups: space, hyphen, no-break space, ideographic space.
const SEP = '[ \\-\\u00a0\\u3000]'
// Maximal digit runs (an 18th character may be X); the lookbehind keeps a run from starting mid-number.
const DIGIT_RUN = /(?<![0-9])\d{11,}[Xx]?(?![0-9])/g
// Mobile numbers written with separators or a +86/0086 prefix: 138-1234-5678, +86 138 1234 5678.
const MOBILE_SPACED = new RegExp(
  `(?<![0-9])(?:\\+?86${SEP}?|0086${SEP}?)?1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}(?![0-9])`,
  'g'
)
// Grouped card numbers as printed on cards and forms: 4-4-4-4(-1..4) with one separator throughout
// (6222 0202 0011 2345 679), or 4-6-5 (American Express). A grouped number must not continue on
// either side (a longer grouped run is something else), and its first digit must be an issuer's
// (3–6, 9), so runs of years (2019 2020 2021 2022) are not cards.
const CARD_GROUPED = new RegExp(
  `(?<!\\d${SEP}?)(?:[3-69]\\d{3}(${SEP})\\d{4}(?:\\1\\d{4}){1,2}(?:\\1\\d{1,4})?|3\\d{3}(${SEP})\\d{6}\\2\\d{5})(?!${SEP}?\\d)`,
  'g'
)
// Resident IDs written in groups: 6-8-4 (110105 19491231 002X) or 6-4-4-4, one separator throughout.
const ID_GROUPED = new RegExp(
  `(?<!\\d${SEP}?)[1-9]\\d{5}(${SEP})(?:\\d{8}|\\d{4}\\1\\d{4})\\1\\d{3}[\\dXx](?!${SEP}?\\d)`,
  'g'
)
const SEPARATORS = new RegExp(SEP, 'g')
const HAS_SEPARATOR = new RegExp(SEP)
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g
const MOBILE = /^1[3-9]\d{9}$/
// Cheap pre-check: an 11-digit run, a separator followed by a 4-digit group, or an @.
const QUICK = new RegExp(`\\d{11}|\\d${SEP}\\d{4}|@`)

/** Classifies a maximal digit run; undefined when it is none of the kinds. */
function classifyRun(run: string): CellFindingKind | undefined {
  const n = run.length
  if (n === 18 && isValidResidentId18(run)) return 'id_number'
  if (n === 15 && isValidResidentId15(run)) return 'id_number'
  if (n === 11 && MOBILE.test(run)) return 'mobile'
  if (n === 13 && run.startsWith('86') && MOBILE.test(run.slice(2))) return 'mobile'
  if (n >= 13 && n <= 19 && /^\d+$/.test(run) && luhnValid(run)) return 'bank_card'
  return undefined
}

/** Adds a detection unless it overlaps one found already (an earlier, more specific pattern wins). */
function addUnlessOverlapping(found: Detection[], d: Detection): void {
  for (const f of found) if (d.start < f.end && f.start < d.end) return
  found.push(d)
}

/**
 * Finds resident IDs (18-digit with GB 11643 check digit and plausible birth date; 15-digit with a
 * valid birth date), mainland mobile numbers not inside longer digit runs, bank card numbers of
 * 13–19 digits passing Luhn (when not an ID), and e-mail addresses. IDs, mobiles and cards are
 * also found when written in groups with spaces or hyphens (110105 19491231 002X, 138-0013-8000,
 * 6222 0202 0011 2345 679). Detections come in text order.
 */
export function detectPersonalInfo(text: string): Detection[] {
  if (text.length < 6 || !QUICK.test(text)) return []
  const found: Detection[] = []
  for (const m of text.matchAll(DIGIT_RUN)) {
    let run = m[0]
    let kind = classifyRun(run)
    // An X that is not an ID's check character belongs to the text after the number.
    if (!kind && /[Xx]$/.test(run)) {
      run = run.slice(0, -1)
      kind = classifyRun(run)
    }
    if (kind) found.push({ kind, start: m.index, end: m.index + run.length })
  }
  if (HAS_SEPARATOR.test(text)) {
    for (const m of text.matchAll(ID_GROUPED)) {
      if (isValidResidentId18(m[0].replace(SEPARATORS, '')))
        addUnlessOverlapping(found, {
          kind: 'id_number',
          start: m.index,
          end: m.index + m[0].length,
        })
    }
    for (const m of text.matchAll(MOBILE_SPACED))
      addUnlessOverlapping(found, { kind: 'mobile', start: m.index, end: m.index + m[0].length })
    for (const m of text.matchAll(CARD_GROUPED)) {
      const digits = m[0].replace(SEPARATORS, '')
      if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits))
        addUnlessOverlapping(found, {
          kind: 'bank_card',
          start: m.index,
          end: m.index + m[0].length,
        })
    }
  }
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL))
      found.push({ kind: 'email', start: m.index, end: m.index + m[0].length })
  }
  return found.length > 1 ? found.sort((a, b) => a.start - b.start) : found
}
