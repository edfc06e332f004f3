import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectPersonalInfo } from './detect.js'
import { maskValue } from './mask.js'
import {
  bankCardArb,
  groupedCardArb,
  groupedIdArb,
  groupedMobileArb,
  mobileArb,
  residentIdArb,
} from './test-ids.js'

describe('maskValue', () => {
  it('masks the documented shapes', () => {
    expect(maskValue('110105194912311234', { type: 'id_number' })).toBe('110***********1234')
    expect(maskValue('13812345678', { type: 'mobile' })).toBe('138****5678')
    expect(maskValue('138-1234-5678', { type: 'mobile' })).toBe('138-****-5678')
    expect(maskValue('6222021234567890128', { type: 'bank_card' })).toBe('6222***********0128')
    expect(maskValue('zhang.san@example.com', { type: 'email' })).toBe('z***@example.com')
    expect(maskValue('张三', { type: 'name' })).toBe('张*')
    expect(maskValue('欧阳娜娜', { type: 'name' })).toBe('欧阳**')
    expect(maskValue('欧阳', { type: 'name' })).toBe('欧*')
    expect(maskValue('上海市长宁区愚园路1088号3室', { type: 'address' })).toBe(
      '上海市长宁区愚园路*******'
    )
    expect(maskValue('上海市长宁区某小区', { type: 'address', keepStart: 6, char: '#' })).toBe(
      '上海市长宁区###'
    )
    expect(maskValue('13812345678', { type: 'mobile', keepStart: 0, keepEnd: 2, char: 'x' })).toBe(
      'xxxxxxxxx78'
    )
    expect(maskValue('123', { type: 'id_number' })).toBe('***')
  })

  it('never leaks the hidden digits of IDs, mobiles and cards', () => {
    const spec = fc.constantFrom(
      ['id_number', residentIdArb, 3, 4] as const,
      ['mobile', mobileArb, 3, 4] as const,
      ['bank_card', bankCardArb, 4, 4] as const
    )
    fc.assert(
      fc.property(
        spec.chain(([type, arb, s, e]) => arb.map((value) => ({ type, value, s, e }))),
        ({ type, value, s, e }) => {
          const masked = maskValue(value, { type })
          expect(masked.length).toBe(value.length)
          for (let i = s; i < value.length - e; i++) expect(masked[i]).toBe('*')
          expect(masked.slice(0, s)).toBe(value.slice(0, s))
          expect(masked).not.toContain(value)
          expect(masked.includes(value.slice(s, value.length - e))).toBe(false)
          // A masked value is no longer detected as personal information.
          expect(detectPersonalInfo(masked)).toEqual([])
        }
      )
    )
  })

  it('masks grouped numbers digit by digit, keeping separators, so nothing is detected after', () => {
    const spec = fc.constantFrom(
      ['id_number', groupedIdArb, 3, 4] as const,
      ['bank_card', groupedCardArb, 4, 4] as const
    )
    fc.assert(
      fc.property(
        spec.chain(([type, arb, s, e]) => arb.map((value) => ({ type, value, s, e }))),
        ({ type, value, s, e }) => {
          const masked = maskValue(value, { type })
          const digits = value.replace(/[^0-9Xx]/g, '')
          const kept = masked.replace(/[^0-9Xx*]/g, '')
          expect(kept).toBe(
            digits.slice(0, s) + '*'.repeat(digits.length - s - e) + digits.slice(-e)
          )
          expect(masked.replace(/[0-9Xx*]/g, '')).toBe(value.replace(/[0-9Xx]/g, ''))
          expect(detectPersonalInfo(masked)).toEqual([])
        }
      )
    )
    fc.assert(
      fc.property(groupedMobileArb, (value) => {
        expect(detectPersonalInfo(maskValue(value, { type: 'mobile' }))).toEqual([])
      })
    )
  })
})
