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

// Maximal digit runs (an 18th character may be X); the lookbehind keeps a run from starting mid-number.
const DIGIT_RUN = /(?<![0-9])\d{11,}[Xx]?(?![0-9])/g
// Mobile numbers written with separators or a +86/0086 prefix: 138-1234-5678, +86 138 1234 5678.
const MOBILE_SPACED = /(?<![0-9])(?:\+?86[- ]?|0086[- ]?)?1[3-9]\d[- ]\d{4}[- ]\d{4}(?![0-9])/g
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g
const MOBILE = /^1[3-9]\d{9}$/
const QUICK = /\d{11}|\d{3}[- ]\d{4}[- ]\d{4}|@/

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

/**
 * Finds resident IDs (18-digit with GB 11643 check digit and plausible birth date; 15-digit with a
 * valid birth date), mainland mobile numbers not inside longer digit runs, bank card numbers of
 * 13–19 digits passing Luhn (when not an ID), and e-mail addresses.
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
  if (text.includes(' ') || text.includes('-')) {
    for (const m of text.matchAll(MOBILE_SPACED))
      found.push({ kind: 'mobile', start: m.index, end: m.index + m[0].length })
  }
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL))
      found.push({ kind: 'email', start: m.index, end: m.index + m[0].length })
  }
  return found
}
