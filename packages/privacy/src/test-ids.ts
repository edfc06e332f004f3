import fc from 'fast-check'
import { luhnValid } from './luhn.js'
import { residentIdCheckDigit } from './resident-id.js'

/** Arbitrary valid 18-character resident IDs (region, birth date 1930–2009, sequence, check digit). */
export const residentIdArb = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    y: fc.integer({ min: 1930, max: 2009 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, y, m, d, seq }) => {
    const s = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`
    return s + residentIdCheckDigit(s)
  })

/** Arbitrary mainland mobile numbers. */
export const mobileArb = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([b, rest]) => `1${b}${rest}`)

/** Arbitrary 16-digit card numbers with a valid Luhn digit. */
export const bankCardArb = fc.stringMatching(/^62\d{13}$/).map((s) => {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${s}${d}`)) return `${s}${d}`
  throw new Error('unreachable')
})

/** Arbitrary 19-digit UnionPay-style card numbers with a valid Luhn digit. */
const bankCard19Arb = fc.stringMatching(/^62\d{16}$/).map((s) => {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${s}${d}`)) return `${s}${d}`
  throw new Error('unreachable')
})

/** Separators people type between digit groups (space, hyphen, no-break and ideographic space). */
const separatorArb = fc.constantFrom(' ', '-', '\u00a0', '\u3000')

/** Splits `digits` into groups of the given sizes joined by `sep`: group('13812345678', [3, 4, 4], '-'). */
function group(digits: string, sizes: readonly number[], sep: string): string {
  const parts: string[] = []
  let at = 0
  for (const n of sizes) {
    parts.push(digits.slice(at, at + n))
    at += n
  }
  return parts.join(sep)
}

/** Resident IDs written in groups: 110105 19491231 002X or 110105-1949-1231-002X. */
export const groupedIdArb = fc
  .tuple(residentIdArb, separatorArb, fc.constantFrom([6, 8, 4], [6, 4, 4, 4]))
  .map(([id, sep, sizes]) => group(id, sizes, sep))

/** Mobile numbers written 138 0013 8000 / 138-0013-8000, optionally with +86 or 0086 in front. */
export const groupedMobileArb = fc
  .tuple(mobileArb, separatorArb, fc.constantFrom('', '+86 ', '+86-', '0086 ', '+86'))
  .map(([m, sep, prefix]) => `${prefix}${group(m, [3, 4, 4], sep)}`)

/** Card numbers written in groups of four: 6222 0202 0011 2345 (679). */
export const groupedCardArb = fc
  .tuple(fc.oneof(bankCardArb, bankCard19Arb), separatorArb)
  .map(([card, sep]) => group(card, card.length === 16 ? [4, 4, 4, 4] : [4, 4, 4, 4, 3], sep))

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/**
 * Ordinary numbers that are not personal information: dates and times, amounts with thousands
 * separators, landlines (021-6222-1234, (021) 6222 1234), hotlines, year ranges, postcodes.
 */
export const ordinaryNumberArb = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom('-', '/', ' ')
    )
    .map(([y, m, d, s]) => `${y}${s}${pad(m)}${s}${pad(d)}`),
  fc
    .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 0, max: 23 }))
    .map(([y, h]) => `${y}-04-14 ${pad(h)}:30:00`),
  fc
    .tuple(fc.integer({ min: 1000, max: 999_999_999_999 }), fc.constantFrom(',', ' '))
    .map(([n, s]) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, s)}.${pad(n % 100)}`),
  fc
    .tuple(
      fc.constantFrom('021', '010', '0571', '0755'),
      fc.stringMatching(/^[2-8]\d{3}$/),
      fc.stringMatching(/^\d{4}$/),
      fc.constantFrom('-', ' ', '')
    )
    .chain(([area, a, b, s]) =>
      fc.constantFrom(`${area}-${a}${s}${b}`, `(${area}) ${a} ${b}`, `${area} ${a}${s}${b}`)
    ),
  fc.stringMatching(/^[48]00-\d{3}-\d{4}$/),
  fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 4 })).map(([y, n]) =>
    Array.from({ length: n + 2 }, (_, i) => y + i)
      .map(String)
      .join(' ')
  ),
  fc.stringMatching(/^[1-8]\d{5}$/)
)
