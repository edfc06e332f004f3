import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalise, normaliseWithOffsets } from './normalise.js'

describe('normalise', () => {
  it('folds full-width forms, case and common traditional characters', () => {
    expect(normalise('ＳＬＱ－ＭＺＪ／２０２１')).toBe('slq-mzj/2021')
    expect(normalise('養老機構　標準')).toBe('养老机构 标准')
    expect(normalise('義務教育學校')).toBe('义务教育学校')
  })

  it('leaves a character with several simplified forms alone', () => {
    // 乾 is 干 in 乾燥 but stays 乾 in 乾隆: never rewritten.
    expect(normalise('乾')).toBe('乾')
  })

  it('maps every normalised character back to the original span', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const n = normaliseWithOffsets(text)
        expect(n.text).toBe(normalise(text))
        expect(n.start).toHaveLength(n.text.length)
        for (let j = 0; j < n.text.length; j++) {
          const a = n.start[j] as number
          const b = n.end[j] as number
          expect(a).toBeGreaterThanOrEqual(0)
          expect(b).toBeGreaterThan(a)
          expect(b).toBeLessThanOrEqual(text.length)
        }
      })
    )
  })
})
