import type { RuleCode } from './rule-code.js'
import { COMPOUND_SURNAMES } from './surnames.js'

/** What a mask hides: the kinds a table-schema field's `mask.type` names. */
export type MaskType = 'id_number' | 'mobile' | 'bank_card' | 'email' | 'name' | 'address'

/** A masking declaration of a table-schema field (`mask: { type, keepStart?, keepEnd?, char? }`). */
export interface MaskSpec {
  type: MaskType
  keepStart?: number
  keepEnd?: number
  char?: string
}

// Two-character surnames, so 欧阳娜娜 masks to 欧阳** rather than 欧***.
const COMPOUND = new Set(COMPOUND_SURNAMES)

/** Where an address stops being the public part: after the street or township level. */
const ADDRESS_LEVEL = /(街道|大道|路|街|巷|弄|镇|乡|村)/

const DEFAULTS: Record<'id_number' | 'mobile' | 'bank_card', [number, number]> = {
  id_number: [3, 4],
  mobile: [3, 4],
  bank_card: [4, 4],
}

/**
 * Masks the alphanumeric positions between the first `keepStart` and the last `keepEnd` ones,
 * keeping separators (138-****-5678). A value too short to keep both ends is masked entirely.
 */
export function maskPositions(
  value: string,
  keepStart: number,
  keepEnd: number,
  char = '*'
): string {
  const chars = [...value]
  const slots: number[] = []
  chars.forEach((c, i) => {
    const x = c.charCodeAt(0)
    // Letters, digits and any non-ASCII character are positions; ASCII punctuation and whitespace
    // (also the no-break and ideographic spaces between digit groups) are separators.
    if ((x >= 48 && x <= 57) || ((x | 32) >= 97 && (x | 32) <= 122) || (x > 127 && !/\s/.test(c)))
      slots.push(i)
  })
  const n = slots.length
  const keepAll = n > keepStart + keepEnd
  for (let k = 0; k < n; k++) {
    if (keepAll && (k < keepStart || k >= n - keepEnd)) continue
    chars[slots[k] as number] = char
  }
  return chars.join('')
}

function maskName(value: string, keepStart: number | undefined, char: string): string {
  const chars = [...value.trim()]
  if (chars.length <= 1) return char.repeat(chars.length)
  const keep = keepStart ?? (chars.length > 2 && COMPOUND.has(chars.slice(0, 2).join('')) ? 2 : 1)
  const k = Math.min(keep, chars.length - 1)
  return chars.slice(0, k).join('') + char.repeat(chars.length - k)
}

function maskAddress(value: string, keepStart: number | undefined, char: string): string {
  const chars = [...value]
  let keep = keepStart
  if (keep === undefined) {
    const m = ADDRESS_LEVEL.exec(value)
    keep = m
      ? [...value.slice(0, m.index + m[0].length)].length
      : Math.min(6, Math.floor(chars.length / 2))
  }
  if (keep >= chars.length) keep = Math.floor(chars.length / 2)
  return chars.slice(0, keep).join('') + char.repeat(chars.length - keep)
}

function maskEmail(value: string, spec: MaskSpec, char: string): string {
  const at = value.lastIndexOf('@')
  if (at <= 0) return maskPositions(value, 1, 0, char)
  const local = value.slice(0, at)
  const keep = Math.min(spec.keepStart ?? 1, local.length - 1)
  // A fixed run of three hides the length of the local part too.
  return `${local.slice(0, keep)}${char.repeat(3)}${value.slice(at)}`
}

/**
 * Applies a column's mask: id_number keeps 3+4 (110***********1234), mobile 3+4 (138****5678),
 * bank_card 4+4, email the first character (z***@example.com), name the surname (张*, 欧阳**),
 * address up to the street level (上海市长宁区愚园路****).
 * `keepStart`/`keepEnd`/`char` override the defaults.
 */
export function maskValue(value: string, spec: MaskSpec): string {
  const char = spec.char ?? '*'
  switch (spec.type) {
    case 'name':
      return maskName(value, spec.keepStart, char)
    case 'address':
      return maskAddress(value, spec.keepStart, char)
    case 'email':
      return maskEmail(value, spec, char)
    default: {
      const [s, e] = DEFAULTS[spec.type]
      return maskPositions(value, spec.keepStart ?? s, spec.keepEnd ?? e, char)
    }
  }
}

/**
 * Masks what a rule found, for a finding's `value` and for text shown with the match hidden:
 * the column masks for IDs, mobiles, cards, e-mail, names and addresses; passports and permits
 * keep their first character and last two (E******78), plates their province and letter (沪A*****),
 * a person named in text is masked as a name.
 */
export function maskFinding(value: string, rule: RuleCode): string {
  switch (rule) {
    case 'id_number':
    case 'mobile':
    case 'bank_card':
    case 'email':
    case 'name':
    case 'address':
      return maskValue(value, { type: rule })
    case 'person_in_text':
      return maskValue(value, { type: /\d/.test(value) ? 'address' : 'name' })
    case 'licence_plate':
      return maskPositions(value, 2, 0)
    default:
      return maskPositions(value, 1, 2)
  }
}
