import { describe, expect, it } from 'vitest'
import { isValidResidentId15, isValidResidentId18, residentIdCheckDigit } from './resident-id.js'

describe('resident ID numbers (GB 11643)', () => {
  it('accepts right check digits, including X, and rejects wrong ones', () => {
    // The standard's worked example and a computed X-ending one.
    expect(residentIdCheckDigit('11010519491231002')).toBe('X')
    expect(isValidResidentId18('11010519491231002X')).toBe(true)
    expect(isValidResidentId18('11010519491231002x')).toBe(true)
    expect(isValidResidentId18('110105194912310021')).toBe(false)
    const first17 = '31010519800101123'
    const good = first17 + residentIdCheckDigit(first17)
    expect(isValidResidentId18(good)).toBe(true)
    const wrong = first17 + (good.endsWith('0') ? '1' : '0')
    expect(isValidResidentId18(wrong)).toBe(false)
  })

  it('needs a plausible birth date', () => {
    const withDate = (d: string) => {
      const s = `310105${d}123`
      return s + residentIdCheckDigit(s)
    }
    expect(isValidResidentId18(withDate('19810229'))).toBe(false)
    expect(isValidResidentId18(withDate('19800229'))).toBe(true)
    expect(isValidResidentId18(withDate('19000229'))).toBe(false)
    expect(isValidResidentId18(withDate('18991231'))).toBe(false)
    expect(isValidResidentId18(withDate('29991231'))).toBe(false)
  })

  it('checks the birth date of 15-digit IDs', () => {
    expect(isValidResidentId15('310105800101123')).toBe(true)
    expect(isValidResidentId15('310105801301123')).toBe(false)
    expect(isValidResidentId15('010105800101123')).toBe(false)
  })
})
