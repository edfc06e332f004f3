import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectPersonalInfo } from './detect.js'
import { luhnValid } from './luhn.js'
import { bankCardArb, mobileArb, residentIdArb } from './test-ids.js'

const kinds = (s: string) => detectPersonalInfo(s).map((d) => d.kind)

describe('detectPersonalInfo', () => {
  it('finds IDs with right check digits only', () => {
    expect(kinds('身份证 11010519491231002X 已核')).toEqual(['id_number'])
    expect(kinds('110105194912310021')).toEqual([])
    expect(kinds('310105800101123')).toEqual(['id_number'])
  })

  it('finds mobile numbers, not inside longer digit runs', () => {
    expect(kinds('电话13812345678')).toEqual(['mobile'])
    expect(kinds('138-1234-5678 或 +86 139 1234 5678')).toEqual(['mobile', 'mobile'])
    expect(kinds('8613812345678')).toEqual(['mobile'])
    expect(kinds('订单号 9913812345678123')).not.toContain('mobile')
    expect(kinds('12812345678')).toEqual([])
  })

  it('finds Luhn-valid bank cards and e-mail addresses', () => {
    expect(luhnValid('6222021234567890128')).toBe(true)
    expect(kinds('卡号6222021234567890128')).toEqual(['bank_card'])
    expect(kinds('6222021234567890127')).toEqual([])
    expect(kinds('联系 zhang.san@example.com.cn')).toEqual(['email'])
    expect(detectPersonalInfo('a zhang@example.cn b')[0]).toMatchObject({ start: 2, end: 18 })
  })

  it('detects every generated ID, mobile and card inside text', () => {
    fc.assert(
      fc.property(residentIdArb, mobileArb, bankCardArb, (id, mobile, card) => {
        expect(kinds(`证${id}，手机${mobile}，卡${card}`)).toEqual([
          'id_number',
          'mobile',
          'bank_card',
        ])
      })
    )
  })
})
