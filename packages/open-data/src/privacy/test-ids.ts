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
