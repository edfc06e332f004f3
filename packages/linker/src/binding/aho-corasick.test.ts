import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AhoCorasick } from './aho-corasick.js'
import { requiredLiteral } from './regex-literal.js'

describe('AhoCorasick', () => {
  it('finds every occurrence, overlapping ones included', () => {
    const ac = new AhoCorasick(['招生', '招生计划', '计划', '生计'])
    const hits = ac.search('2021年招生计划').map((h) => `${h.pattern}@${h.end}`)
    expect(hits.sort()).toEqual(['0@7', '1@9', '2@9', '3@8'].sort())
  })

  it('agrees with indexOf scanning on random texts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({
            unit: fc.constantFrom('招', '生', '计', '划', 'a'),
            minLength: 1,
            maxLength: 4,
          }),
          { minLength: 1, maxLength: 8 }
        ),
        fc.string({ unit: fc.constantFrom('招', '生', '计', '划', 'a'), maxLength: 30 }),
        (patterns, text) => {
          const ac = new AhoCorasick(patterns)
          const got = ac
            .search(text)
            .map((h) => `${h.pattern}@${h.end}`)
            .sort()
          const want: string[] = []
          patterns.forEach((p, i) => {
            for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1))
              want.push(`${i}@${at + p.length}`)
          })
          expect(got).toEqual(want.sort())
        }
      )
    )
  })
})

describe('requiredLiteral', () => {
  it('extracts the longest text every match contains', () => {
    expect(requiredLiteral('^长教〔\\d{4}〕\\d+号$')).toBe('长教〔')
    expect(requiredLiteral('招生(简章|公告)')).toBe('招生')
    expect(requiredLiteral('教师招聘s?')).toBe('教师招聘')
    expect(requiredLiteral('a|b')).toBeUndefined()
    expect(requiredLiteral('[0-9]+')).toBeUndefined()
  })
})
