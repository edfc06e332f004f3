import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectPersonalInfo } from './detect.js'
import { luhnValid } from './luhn.js'
import {
  bankCardArb,
  groupedCardArb,
  groupedIdArb,
  groupedMobileArb,
  mobileArb,
  ordinaryNumberArb,
  residentIdArb,
} from './test-ids.js'

const kinds = (s: string) => detectPersonalInfo(s).map((d) => d.rule)

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

  it('finds cards, mobiles and IDs written with spaces or hyphens, spanning the whole number', () => {
    for (const card of ['6222 0202 0011 2345 679', '6222-0202-0011-2345-679']) {
      expect(luhnValid(card.replace(/\D/g, ''))).toBe(true)
      expect(detectPersonalInfo(`卡号：${card}。`)).toEqual([
        { rule: 'bank_card', start: 3, end: 3 + card.length },
      ])
    }
    // One digit changed: the Luhn check fails, so it is not a card.
    expect(kinds('6222 0202 0011 2345 678')).toEqual([])
    expect(kinds('138 0013 8000')).toEqual(['mobile'])
    expect(kinds('138-0013-8000')).toEqual(['mobile'])
    expect(detectPersonalInfo('电话+86 138 0013 8000')).toEqual([
      { rule: 'mobile', start: 2, end: 19 },
    ])
    expect(kinds('+86 13800138000')).toEqual(['mobile'])
    expect(kinds('身份证 110105 19491231 002X')).toEqual(['id_number'])
    expect(kinds('110105-1949-1231-002X')).toEqual(['id_number'])
    // Wrong check digit: not an ID. A valid ID followed by more groups is still one (a number
    // typed after it does not make it public).
    expect(kinds('110105 19491231 0021')).toEqual([])
    expect(kinds('110105 19491231 002X 1234')).toEqual(['id_number'])
  })

  it('detects every generated grouped ID, mobile and card inside text, in text order', () => {
    fc.assert(
      fc.property(groupedIdArb, groupedMobileArb, groupedCardArb, (id, mobile, card) => {
        const text = `证${id}，手机${mobile}，卡${card}`
        const found = detectPersonalInfo(text)
        expect(found.map((d) => d.rule)).toEqual(['id_number', 'mobile', 'bank_card'])
        // Each match covers the number with its separators (so masking hides every digit).
        expect(
          found.map((d) => text.slice(d.start, d.end).replace(/^\+?(?:00)?86\D?/, ''))
        ).toEqual([id, mobile.replace(/^\+?(?:00)?86\D?/, ''), card])
      })
    )
  })

  it('does not flag ordinary numbers: dates, amounts, landlines, hotlines, years, postcodes', () => {
    expect(kinds('021-6222-1234')).toEqual([])
    expect(kinds('(021) 6222 1234')).toEqual([])
    expect(kinds('2019 2020 2021 2022')).toEqual([])
    expect(kinds('1,234,567,890.12')).toEqual([])
    fc.assert(
      fc.property(fc.array(ordinaryNumberArb, { minLength: 1, maxLength: 4 }), (nums) => {
        expect(kinds(nums.join('，'))).toEqual([])
        expect(kinds(`金额 ${nums.join(' 元；')} 元`)).toEqual([])
      }),
      { numRuns: 300 }
    )
  })
})
